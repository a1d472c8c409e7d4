# random.Random with a fixed seed: every public method whose output is determined by the
# seed, and the _random.Random core (MT19937) underneath, must give CPython's sequence.
import random
import _random

random.seed(42)
print(random.random(), random.randint(1, 100), random.choice('abc'),
      random.sample(range(100), 5), random.gauss(0, 1))

r = random.Random(12345)
print([r.random() for _ in range(3)])
print(r.uniform(1.5, 7.25), r.triangular(), r.triangular(0, 10, 2), r.triangular(3, 3))
print([r.randint(-5, 5) for _ in range(10)])
print(r.randrange(10), r.randrange(5, 500), r.randrange(0, 100, 7), r.randrange(100, 0, -3),
      r.randrange(10**30), r.randrange(-10**20, 10**20, 3))
print(r.choice([1, 2, 3, 4]), r.choice('hello'), r.choice(range(1000)))
print(r.choices('abcde', k=8))
print(r.choices('abcde', weights=[5, 1, 1, 1, 10], k=8))
print(r.choices('abc', cum_weights=[1, 5, 6], k=6), r.choices([7, 8]))
x = list(range(20))
r.shuffle(x)
print(x)
print(r.sample(range(1000), 10), r.sample('abcdefgh', 8), r.sample(['a', 'b'], counts=[3, 2], k=4))
print(r.sample(range(10**9), 3), r.sample(tuple(range(50)), 0))
print(r.gauss(), r.gauss(10, 2), r.normalvariate(), r.normalvariate(5, 0.5))
print(r.lognormvariate(0, 1), r.expovariate(1.5), r.vonmisesvariate(1.0, 2.0),
      r.vonmisesvariate(0.5, 0.0))
print(r.gammavariate(0.5, 1.0), r.gammavariate(1.0, 2.0), r.gammavariate(3.0, 0.5))
print(r.betavariate(2.0, 3.0), r.paretovariate(2.5), r.weibullvariate(1.0, 1.5))
print(r.getrandbits(1), r.getrandbits(31), r.getrandbits(32), r.getrandbits(33),
      r.getrandbits(64), r.getrandbits(100), r.getrandbits(0))
print(r.randbytes(0), r.randbytes(5), r.randbytes(17))

# Seeds of every accepted kind.
for seed in [0, 1, -1, 2**32 - 1, 2**32, 2**64 + 5, -(2**100), 10**50, True, 3.0, 0.5,
             'hello', '', 'ünïcode', b'bytes', bytearray(b'ba')]:
    r.seed(seed)
    print(repr(seed), r.random(), r.getrandbits(40), r.randrange(1000))
for seed in ['hello', b'bytes', 123]:
    r.seed(seed, version=1)
    print('v1', repr(seed), r.random())

# State round trips.
r.seed(2024)
state = r.getstate()
print(state[0], len(state[1]), state[1][-1], state[1][:3], state[2])
first = [r.random() for _ in range(5)]
r.setstate(state)
print(first == [r.random() for _ in range(5)])
r.gauss()
s2 = r.getstate()
g1 = r.gauss()
r.setstate(s2)
print(g1 == r.gauss())
r2 = random.Random()
r2.setstate(state)
print(r2.random() == first[0])

# The core generator itself.
core = _random.Random(7)
print(core.random(), core.getrandbits(70))
st = core.getstate()
print(len(st), st[-1], st[:2])
core.seed(7)
print(core.getstate() == _random.Random(7).getstate())
core.setstate(st)
print(core.getstate() == st)
for bad in [1, (1, 2), st[:-1] + (625,), st[:-1] + (-1,), ('x',) + st[1:]]:
    try:
        core.setstate(bad)
    except Exception as e:
        print(type(e).__name__, e)
for bad in [-1, 1.5, 'x']:
    try:
        core.getrandbits(bad)
    except Exception as e:
        print(type(e).__name__, e)
for args, kw in [((1, 2), {}), ((), {'x': 1})]:
    try:
        _random.Random(*args, **kw)
    except Exception as e:
        print(type(e).__name__, e)

class MyRandom(random.Random):
    def __init__(self, seed, extra):
        super().__init__(seed)
        self.extra = extra
m = MyRandom(99, 'x')
print(m.extra, m.random(), m.randint(0, 9))
print(_random.Random.__name__, _random.Random.__module__, issubclass(random.Random, _random.Random))

# Errors raised by the Python layer on top.
for f, a in [(r.choice, ([],)), (r.randrange, (0,)), (r.randrange, (1, 1)),
             (r.sample, ([1, 2], 3)), (r.randint, (5, 1)), (r.choices, ([], None))]:
    try:
        f(*a)
    except Exception as e:
        print(type(e).__name__, e)
