# Class body scope: names are not visible inside methods or comprehensions' inner scopes.
x = 'global'
class A:
    x = 'class'
    y = x + '!'
    def m(self):
        return x
    lst = [x for _ in range(1)]
    first = [x][0]
print(A.y, A().m(), A.lst, A.first)
class B:
    n = 3
    try:
        sq = [n * i for i in range(3)]
    except NameError as e:
        err = str(e)
    ok = [i for i in range(n)]
print(B.err, B.ok)
def f():
    v = 'local in f'
    class C:
        w = v
        def m(self):
            return v
    return C
C = f()
print(C.w, C().m())
def g():
    v = 'enclosing'
    class D:
        v = 'class level'
        def m(self):
            return v
        got = v
    return D
D = g()
print(D.got, D().m())
class E:
    def meth(self):
        return 1
    alias = meth
    del meth
print(hasattr(E, 'meth'), E().alias())
# a class body is a code block that can contain control flow
class F:
    for i in range(3):
        locals()[f'dummy'] = i
    if True:
        flag = 'yes'
    else:
        flag = 'no'
    del i
print(F.flag, hasattr(F, 'i'))
# nonlocal access from class body
def h():
    counter = 0
    class G:
        nonlocal counter
        counter += 10
    return counter
print(h())
