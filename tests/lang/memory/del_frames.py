# Lifetimes tied to frames, exceptions and generators.
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def f():
    a = T('f-local')
    b = T('f-local-2')
    print('f body end')
f()
print('after f')
# an exception's traceback keeps the frame's locals alive until the except clause ends
def g():
    t = T('g-local')
    raise ValueError('boom')
try:
    g()
except ValueError as e:
    print('in handler')
print('after handler')
# holding the exception keeps the local alive
def g2():
    t = T('g2-local')
    raise ValueError('boom')
try:
    g2()
except ValueError as e:
    saved = e
print('saved exception holds the frame')
del saved
print('released')
# generator locals die when the generator is exhausted or closed
def gen():
    t = T('gen-local')
    yield 1
    yield 2
it = gen()
next(it)
print('generator suspended')
it.close()
print('generator closed')
# loop variables keep the last value alive until rebound or deleted
for i in range(2):
    v = T(f'loop{i}')
print('loop done')
del v
# a lambda default keeps an object alive
func = (lambda x=T('default'): x)
print('lambda alive')
del func
print('end')
