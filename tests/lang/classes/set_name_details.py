# __set_name__ details: call order, errors wrapped in 3.11, names seen by the hook.
class Field:
    def __init__(self, label):
        self.label = label
    def __set_name__(self, owner, name):
        print('set_name', self.label, owner.__name__, name)
class Model:
    b = Field('first')
    a = Field('second')
    alias = b
class Bad:
    def __set_name__(self, owner, name):
        raise ValueError('refusing ' + name)
try:
    class C:
        x = Bad()
except Exception as e:
    print(type(e).__name__, e, '| cause:', type(e.__cause__).__name__ if e.__cause__ else None, '| context:', type(e.__context__).__name__ if e.__context__ else None)
# __set_name__ is looked up on the type, not the instance
class Inst:
    pass
i = Inst()
i.__set_name__ = lambda owner, name: print('never called')
class D:
    y = i
print('no call for instance attribute')
# type() also calls __set_name__
T = type('T', (), {'z': Field('via type()')})
# a metaclass __new__ sees attributes before __set_name__ runs
class Meta(type):
    def __new__(mcls, name, bases, ns):
        print('Meta.__new__ before super().__new__')
        cls = super().__new__(mcls, name, bases, ns)
        print('Meta.__new__ after super().__new__')
        return cls
class E(metaclass=Meta):
    w = Field('in E')
