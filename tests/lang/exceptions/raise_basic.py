# raise with classes, instances, and invalid objects.
def attempt(fn):
    try:
        fn()
    except BaseException as e:
        print(type(e).__name__, repr(e), str(e), e.args)
def r1(): raise ValueError
def r2(): raise ValueError('msg')
def r3(): raise ValueError('a', 2)
def r4(): raise ValueError()
def r5(): raise KeyError('key')
def r6(): raise 5
def r7(): raise object
def r8():
    class NotExc: pass
    raise NotExc()
def r9(): raise StopIteration(7)
def r10(): raise Exception(None)
for f in (r1, r2, r3, r4, r5, r6, r7, r8, r9, r10):
    attempt(f)
class Custom(Exception):
    def __init__(self, code):
        super().__init__(f'code {code}')
        self.code = code
try:
    raise Custom(404)
except Custom as e:
    print(e, e.code, e.args)
# raising a class instantiates it with no arguments
class Counted(Exception):
    made = 0
    def __init__(self, *a):
        Counted.made += 1
        super().__init__(*a)
try:
    raise Counted
except Counted as e:
    print(Counted.made, e.args)
# class whose constructor needs args
class NeedsArg(Exception):
    def __init__(self, x):
        super().__init__(x)
try:
    raise NeedsArg
except TypeError as e:
    print(type(e).__name__, e)
