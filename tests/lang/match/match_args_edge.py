# __match_args__ edge cases: inherited, missing attributes, keyword-only matching.
class Base:
    __match_args__ = ('a', 'b')
    def __init__(self, a, b):
        self.a = a
        self.b = b
class Derived(Base):
    pass
class Renamed(Base):
    __match_args__ = ('b',)
def f(v):
    match v:
        case Renamed(x):
            return f'renamed b={x}'
        case Derived(x, y):
            return f'derived {x} {y}'
        case Base(a=1, b=y):
            return f'base with a=1, b={y}'
        case Base(x):
            return f'base a={x}'
print(f(Renamed(1, 2)), '|', f(Derived(3, 4)), '|', f(Base(1, 5)), '|', f(Base(7, 8)))
class Missing:
    __match_args__ = ('ghost',)
match Missing():
    case Missing(g):
        print('matched', g)
    case Missing():
        print('positional pattern on a missing attribute does not match')
class BadArgs:
    __match_args__ = ['a']
    a = 1
try:
    match BadArgs():
        case BadArgs(1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
class NotStr:
    __match_args__ = (1,)
try:
    match NotStr():
        case NotStr(1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
class Prop:
    __match_args__ = ('computed',)
    @property
    def computed(self):
        return 'from property'
match Prop():
    case Prop(v):
        print(v)
