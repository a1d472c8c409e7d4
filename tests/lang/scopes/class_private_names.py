# Name mangling of __private names in class bodies and methods.
class A:
    __secret = 'a secret'
    def reveal(self):
        return self.__secret
    def set_hidden(self, v):
        self.__hidden = v
    def names(self):
        return sorted(k for k in vars(self))
a = A()
print(a.reveal(), A._A__secret)
a.set_hidden(5)
print(a.names(), a._A__hidden)
try:
    print(a.__secret)
except AttributeError as e:
    print(type(e).__name__, e)
class B(A):
    __secret = 'b secret'
    def reveal_b(self):
        return self.__secret
b = B()
print(b.reveal(), b.reveal_b(), sorted(k for k in vars(B) if 'secret' in k))
class C:
    def __dunder__(self):
        return 'dunder names are not mangled'
    def call(self):
        return self.__dunder__()
print(C().call())
class _Under:
    __x = 1
print([k for k in vars(_Under) if 'x' in k])
