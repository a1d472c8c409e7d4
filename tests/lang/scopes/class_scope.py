# Class bodies are scopes that functions defined inside them do not see.
x = 'global x'
class C:
    x = 'class x'
    y = x + ' (seen in class body)'
    def method(self):
        return x
    def method2(self):
        return self.x
    lam = lambda self: x
print(C.y)
print(C().method(), C().method2(), C().lam())
def f():
    x = 'function x'
    class D:
        print('D body sees', x)
        x = 'D x'
        print('after assignment', x)
    class E:
        def m(self):
            return x
    return D.x, E().m()
print(f())
def g():
    v = 'enclosing v'
    class F:
        v = 'class v'
        def m(self):
            return v
    return F().m()
print(g())
def h():
    w = 'enclosing w'
    class G:
        print('G sees', w)
    return G
h()
class Counter:
    count = 0
    def inc(self):
        Counter.count += 1
        return Counter.count
c = Counter()
c.inc(); c.inc()
print(Counter.count)
class Outer:
    val = 1
    class Inner:
        try:
            got = val
        except NameError as e:
            got = str(e)
print(Outer.Inner.got)
class WithGlobal:
    global gz
    gz = 'set from class body'
print(gz)
