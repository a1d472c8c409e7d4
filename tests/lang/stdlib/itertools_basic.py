# itertools: every function and type of 3.11, reprs and argument errors.
import itertools
from itertools import *


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# Infinite iterators and their reprs.
c = count(5)
print(c, next(c), next(c), c)
print(count(), count(1.5), count(1, 2), count(-3, -1), count(2**70, 2))
print(list(islice(count(2**62 - 2), 4)))
print(list(islice(count(0.5, 0.25), 4)))
print(list(islice(count(1j), 2)))
show("count str", lambda: count('a'))
show("count kw", lambda: count(start=3, step=2))
print(repeat('a', 3), repeat('a'), repeat(None, 0), repeat(1, -5))
print(list(repeat('x', 3)), list(repeat([], times=2)))
r = repeat(7, 4)
print(r.__length_hint__(), next(r), r.__length_hint__(), r)
show("repeat hint", lambda: repeat(1).__length_hint__())
show("repeat args", lambda: repeat())
show("repeat many", lambda: repeat(1, 2, 3))
print(list(islice(cycle('abc'), 8)), list(cycle([])))
show("cycle kw", lambda: cycle(x=1))
show("cycle none", lambda: cycle())

# Iterators that stop on the shortest input.
print(list(accumulate([1, 2, 3, 4, 5])))
print(list(accumulate([1, 2, 3], initial=100)), list(accumulate([], initial=1)))
print(list(accumulate([3, 4, 6, 2, 1, 9, 0, 7, 5, 8], max)))
print(list(accumulate('abc')), list(accumulate([2, 3, 4], lambda a, b: a * b)))
print(list(chain('ABC', 'DEF')), list(chain()), list(chain([1], (), [2, 3])))
print(list(chain.from_iterable(['ABC', 'DEF'])), list(chain.from_iterable([])))
print(chain[int])
show("chain kw", lambda: chain(a=1))
show("chain bad", lambda: list(chain([1], 5)))
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress('AB', [1, 1, 1, 1])))
show("compress args", lambda: compress('a'))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a', [], [0]])))
show("dropwhile args", lambda: dropwhile(len))
show("takewhile kw", lambda: takewhile(func=len, iterable=[]))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, [[1, 2], 'ab'])))
show("starmap bad", lambda: list(starmap(pow, [1])))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')])
print([(k, list(g)) for k, g in groupby([1, 3, 2, 4, 5, 7, 6], key=lambda x: x % 2)])
groups = list(groupby('aabbc'))
print([(k, list(g)) for k, g in groups])
gb = groupby('xxyy')
k1, g1 = next(gb)
print(k1, next(g1))
k2, g2 = next(gb)
print(k2, list(g1), list(g2), type(g1).__name__)
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)))
print(list(islice('ABCDEFG', 0, None, 2)), list(islice('ABCDEFG', None)), list(islice('ABC', None, None, None)))
print(list(islice(range(100), 10, 50, 15)), list(islice(range(10), 20, 30)))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
for args in [(), ([],), ([], -1), ([], 'a'), ([], 1, 2, 3, 4), ([], -5), ([], 1, 'x'),
             ([], 0, 5, 0), ([], -1, 5), ([], 1, 5, -1), ([], 1.5), ([], 2**70)]:
    show("islice%r" % (args,), lambda: islice(*args))
show("islice kw", lambda: islice([], stop=1))
print(list(pairwise('ABCDEFG')), list(pairwise('A')), list(pairwise([])))
a, b = tee(iter([1, 2, 3, 4]))
print(next(a), next(a), list(b), list(a))
print(tee([1, 2], 0), len(tee('abc', 5)), [list(t) for t in tee('abc', 3)])
t1, t2 = tee(count())
t3 = t1.__copy__()
print(next(t1), next(t1), next(t3), next(t2), type(t1).__name__)
show("tee neg", lambda: tee([], -1))
big1, big2 = tee(range(200))
print(sum(big1), sum(big2))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest()), list(zip_longest([1], [])))
print(list(zip_longest('ab', [1, 2, 3], 'xyzw')))
show("zip_longest kw", lambda: zip_longest([], fill=1))

# Combinatoric iterators.
print(list(product('ABCD', 'xy')))
print(list(product(range(2), repeat=3)))
print(list(product()), list(product([], [1])), list(product('ab', repeat=0)))
show("product neg", lambda: product([1], repeat=-1))
show("product kw", lambda: product([1], times=2))
print(list(permutations('ABCD', 2)))
print(list(permutations(range(3))), list(permutations([], 0)), list(permutations('ab', 3)))
show("perm r", lambda: permutations('ab', 'x'))
show("perm neg", lambda: permutations('ab', -1))
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)))
print(list(combinations('ab', 0)), list(combinations('ab', 3)))
show("comb neg", lambda: combinations('ab', -1))
show("comb missing", lambda: combinations('ab'))
print(list(combinations_with_replacement('ABC', 2)))
print(list(combinations_with_replacement([], 2)), list(combinations_with_replacement([], 0)))
print(len(list(permutations(range(6)))), len(list(combinations(range(10), 4))))
# Results are reused only when nobody holds them.
res = list(product('ab', repeat=2))
print(res, len(set(res)))
print(sum(x + y for x, y in product(range(50), range(50))))

# Types and subclassing.
print(count.__name__, type(count()).__module__, itertools.count.__qualname__)
class MyCount(count):
    pass
print(MyCount(3), list(islice(MyCount(3, 2), 3)))
class Chained(chain):
    def extra(self):
        return 'extra'
print(Chained.from_iterable(['ab']).extra(), list(Chained([1], [2])))
print(sorted(n for n in dir(itertools) if not n.startswith('__')))
print(count(0, True), count(2, 1.0), count(1.0), count(0, 2**64), count(5, 1))
import copy
c = count(3)
next(c)
print(copy.copy(c), copy.deepcopy(count(2.5, 2)), copy.copy(repeat('r', 2)), list(copy.copy(repeat(1, 3))))
