"""generators: recursive tree walking with `yield from`, generator
pipelines and generator expressions.

The expected values follow from arithmetic: an in-order walk of a tree
holding 1..N sums to N(N+1)/2; the squares of the even numbers below n sum
to 4 * m(m-1)(2m-1)/6 with m = ceil(n/2); etc.
"""
import sys
from _bench_args import parse_args


class Node:
    __slots__ = ("left", "value", "right")

    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right


def build(lo, hi):
    """A balanced tree holding lo..hi-1 in order."""
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Node(build(lo, mid), mid, build(mid + 1, hi))


def walk(node):
    if node is not None:
        yield from walk(node.left)
        yield node.value
        yield from walk(node.right)


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(source):
    for x in source:
        if x % 2 == 0:
            yield x


def squares(source):
    for x in source:
        yield x * x


def pairs(source):
    it = iter(source)
    for a in it:
        b = next(it, 0)
        yield a, b


def run(n):
    tree = build(1, n + 1)
    tree_sum = 0
    for v in walk(tree):
        tree_sum += v
    pipeline = sum(squares(evens(numbers(n))))
    expr = sum(a * b for a, b in pairs(numbers(n)) if a % 3 == 0)
    return tree_sum, pipeline, expr


def expected(n):
    m = (n + 1) // 2
    # pairs are (2k, 2k+1) for 2k+1 < n, and (n-1, 0) when n is odd.
    expr = sum(2 * k * (2 * k + 1) for k in range(n // 2) if (2 * k) % 3 == 0)
    return n * (n + 1) // 2, 4 * (m - 1) * m * (2 * m - 1) // 6, expr



def main():
    loops, quick = parse_args(sys.argv)
    n = 5000 if quick else 150000
    for _ in range(loops):
        result = run(n)
    if result != expected(n):
        raise AssertionError("generators(%d): got %r, want %r" % (n, result, expected(n)))
    print("generators(%d): %d %d %d" % ((n,) + result))


if __name__ == "__main__":
    main()
