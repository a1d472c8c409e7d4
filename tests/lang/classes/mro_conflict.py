# Inconsistent hierarchies raise TypeError at class creation.
class X: pass
class Y: pass
class A(X, Y): pass
class B(Y, X): pass
try:
    class C(A, B): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class D(X, A): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class E(X, X): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class F(object, X): pass
except TypeError as e:
    print(type(e).__name__, e)
class G(A, X): pass
print([c.__name__ for c in G.__mro__])
try:
    class H(int, str): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class I(bool): pass
except TypeError as e:
    print(type(e).__name__, e)
