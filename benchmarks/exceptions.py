"""exceptions: raising and catching in a loop: a small exception hierarchy,
except clauses matched by base class, try/finally, re-raise, chaining with
`raise ... from`, exceptions from built-in operations (KeyError, ZeroDivision-
Error, IndexError, ValueError from int()), and context managers that
suppress.

Every iteration takes a path fixed by i modulo small numbers, so the counts
are closed-form in n.
"""
import sys
from _bench_args import parse_args


class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        AppError.__init__(self, key)
        self.key = key


class Invalid(AppError):
    pass


class Suppress:
    def __init__(self, kind):
        self.kind = kind
        self.count = 0

    def __enter__(self):
        return self

    def __exit__(self, etype, value, tb):
        if etype is not None and issubclass(etype, self.kind):
            self.count += 1
            return True
        return False


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise NotFound(key) from None


def validate(i):
    if i % 5 == 0:
        raise Invalid("multiple of five: %d" % i)
    return i


def step(i, table, counts):
    try:
        try:
            validate(i)
            v = lookup(table, i % 7)
            if i % 11 == 0:
                v = v // 0
            return v
        finally:
            counts[0] += 1
    except NotFound as e:
        counts[1] += 1
        return -e.key
    except ZeroDivisionError:
        counts[2] += 1
        return 0
    except AppError:
        counts[3] += 1
        return None


def run(n):
    table = {k: k * 10 for k in range(4)}  # keys 4, 5, 6 are missing
    counts = [0, 0, 0, 0, 0, 0]
    total = 0
    quiet = Suppress(IndexError)
    items = [1, 2, 3]
    for i in range(n):
        v = step(i, table, counts)
        if v is not None:
            total += v
        with quiet:
            total += items[i % 4]
        try:
            int("x%d" % i if i % 3 == 0 else "%d" % i)
        except ValueError as e:
            counts[4] += 1
            if not isinstance(e, ValueError):
                raise
        try:
            try:
                raise NotFound(i)
            except NotFound as e:
                raise Invalid("wrapped") from e
        except Invalid as e:
            if e.__cause__.key == i:
                counts[5] += 1
    return tuple(counts), quiet.count, total


def expected(n):
    counts = [n, 0, 0, 0, len(range(0, n, 3)), n]
    total = 0
    for i in range(n):
        if i % 5 == 0:
            counts[3] += 1
            v = None
        elif i % 7 >= 4:
            counts[1] += 1
            v = -(i % 7)
        elif i % 11 == 0:
            counts[2] += 1
            v = 0
        else:
            v = (i % 7) * 10
        if v is not None:
            total += v
        if i % 4 != 3:
            total += i % 4 + 1
    return tuple(counts), len(range(3, n, 4)), total



def main():
    loops, quick = parse_args(sys.argv)
    n = 5000 if quick else 100000
    for _ in range(loops):
        result = run(n)
    if result != expected(n):
        raise AssertionError("exceptions(%d): got %r, want %r" % (n, result, expected(n)))
    print("exceptions(%d): counts %s, suppressed %d, total %d" % ((n,) + result))


if __name__ == "__main__":
    main()
