"""closures_methods: calls through closures (with nonlocal state), bound
methods, class- and static methods, properties, super() chains and
__call__ objects.

Every call adds a known amount, so the totals are closed-form in n.
"""
import sys
from _bench_args import parse_args


def make_counter(step):
    count = 0

    def bump():
        nonlocal count
        count += step
        return count
    return bump


def make_adder(k):
    return lambda x: x + k


def compose(f, g):
    def h(x):
        return f(g(x))
    return h


class Base:
    factor = 2

    def __init__(self, v):
        self._v = v

    def value(self):
        return self._v

    @property
    def doubled(self):
        return self._v * self.factor

    @classmethod
    def make(cls, v):
        return cls(v)

    @staticmethod
    def one():
        return 1


class Derived(Base):
    def value(self):
        return super().value() + 1


class Leaf(Derived):
    def value(self):
        return super().value() + 1


class Accumulator:
    def __init__(self):
        self.total = 0

    def __call__(self, x):
        self.total += x
        return self.total

    def add(self, x):
        self.total += x


def run(n):
    counter = make_counter(3)
    add5 = compose(make_adder(2), make_adder(3))
    acc = Accumulator()
    add = acc.add
    leaf = Leaf.make(10)
    total = 0
    for i in range(n):
        counter()
        total += add5(i)             # i + 5
        total += leaf.value()        # 12
        total += leaf.doubled        # 20
        total += Base.one()          # 1
        acc(1)
        add(i & 7)
    return counter(), total, acc.total


def expected(n):
    eights = (n // 8) * 28 + sum(range(n % 8))
    return 3 * (n + 1), n * (n - 1) // 2 + n * (5 + 12 + 20 + 1), n + eights



def main():
    loops, quick = parse_args(sys.argv)
    n = 10000 if quick else 400000
    for _ in range(loops):
        result = run(n)
    if result != expected(n):
        raise AssertionError("closures_methods(%d): got %r, want %r" % (n, result, expected(n)))
    print("closures_methods(%d): %d %d %d" % ((n,) + result))


if __name__ == "__main__":
    main()
