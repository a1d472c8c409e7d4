# C3 linearization for diamond and more complex hierarchies.
class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
def names(cls):
    return ' '.join(c.__name__ for c in cls.__mro__)
for cls in (K1, K2, K3, Z):
    print(cls.__name__, ':', names(cls))
class Base:
    def who(self):
        return 'Base'
class L(Base):
    def who(self):
        return 'L'
class R(Base):
    def who(self):
        return 'R'
class LR(L, R): pass
class RL(R, L): pass
print(LR().who(), RL().who(), names(LR), names(RL))
class OnlyR(R): pass
class Mix(L, OnlyR): pass
print(names(Mix), Mix().who())
print(Z.__bases__ == (K1, K2, K3))
