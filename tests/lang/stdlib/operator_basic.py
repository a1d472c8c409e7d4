# operator: the function forms of the operators, itemgetter, attrgetter, methodcaller.
import operator
from operator import itemgetter, attrgetter, methodcaller


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(operator.add(1, 2), operator.sub(5, 3), operator.mul('ab', 3), operator.truediv(7, 2))
print(operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10), operator.neg(4), operator.pos(-4))
print(operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.invert(5), operator.lshift(1, 4), operator.rshift(32, 2))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1.0), operator.ne(1, 2), operator.gt(1, 2), operator.ge(3, 2))
print(operator.not_(0), operator.truth([]), operator.is_(None, None), operator.is_not(1, None), operator.abs(-3))
print(operator.index(5), operator.concat([1], [2]), operator.contains('abc', 'b'), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'))
l = [1, 2, 3]
operator.setitem(l, 0, 'x'); operator.delitem(l, 1); print(l, operator.getitem(l, -1))
print(operator.length_hint([1, 2]), operator.length_hint(iter(range(5))), operator.length_hint(object(), 7))
a = [1]; print(operator.iadd(a, [2]), a, operator.iconcat([1], (2,)), operator.imul([0], 3))
print(operator.matmul.__name__, operator.__add__ is operator.add)
show("concat bad", lambda: operator.concat(1, 2))
show("index bad", lambda: operator.index(1.5))
show("indexOf missing", lambda: operator.indexOf([1], 2))

# itemgetter
g = itemgetter(1)
print(g('abc'), itemgetter(0, 2)('abc'), itemgetter('k')({'k': 'v'}), itemgetter(slice(1, None))([1, 2, 3]))
print(sorted([(1, 'b'), (0, 'c'), (2, 'a')], key=itemgetter(1)), repr(itemgetter(1, 'x')))
show("itemgetter none", lambda: itemgetter())
show("itemgetter miss", lambda: itemgetter(5)([1]))

# attrgetter
class N:
    def __init__(self, **kw):
        self.__dict__.update(kw)
obj = N(a=1, b=N(c=2))
print(attrgetter('a')(obj), attrgetter('b.c')(obj), attrgetter('a', 'b.c')(obj), repr(attrgetter('a', 'b.c')))
show("attrgetter miss", lambda: attrgetter('zz')(obj))
show("attrgetter bad", lambda: attrgetter(1))

# methodcaller
print(methodcaller('upper')('abc'), methodcaller('split', ',')('a,b'), methodcaller('get', 'x', 0)({}))
print(repr(methodcaller('split', ',', maxsplit=1)), methodcaller('split', maxsplit=1)('a b c'))
show("methodcaller none", lambda: methodcaller())
print(list(map(itemgetter(0), ['ab', 'cd'])), list(map(operator.mul, [1, 2], [3, 4])))

# The C implementation's argument errors, reprs and pickling support.
show("add args", lambda: operator.add(1))
show("add kw", lambda: operator.add(a=1, b=2))
show("itemgetter call", lambda: itemgetter(1)())
show("itemgetter kw", lambda: itemgetter(1)([1, 2], x=1))
show("attrgetter call", lambda: attrgetter('a')())
show("methodcaller name", lambda: methodcaller(1))
show("neg none", lambda: operator.neg())
show("length_hint bad", lambda: operator.length_hint([], 'x'))
print(itemgetter(1).__reduce__(), attrgetter('a.b', 'c').__reduce__())
print(methodcaller('f', 1, k=2).__reduce__()[1], methodcaller('f', 1).__reduce__())
show("concat str", lambda: operator.concat('a', 1))
show("concat dict", lambda: operator.concat({}, {}))
import copy
print(copy.deepcopy(methodcaller('split', ',', maxsplit=1))('a,b,c'), copy.copy(itemgetter(0))('xy'))
print(operator.__lt__(1, 2), operator.pow(2, -1), operator.ipow(2, 3), type(itemgetter(1)).__module__)
print(sorted([{'a': 2}, {'a': 1}], key=itemgetter('a')), attrgetter('real', 'imag')(3j))
show("attrgetter chain", lambda: attrgetter('missing.x')(N()))
print(itemgetter(-1)([1, 2]), itemgetter(-1)((1, 2)))
show("itemgetter tuple range", lambda: itemgetter(5)((1,)))
