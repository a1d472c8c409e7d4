# global declarations.
counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(counter)
def create():
    global created_later
    created_later = 'made inside a function'
create()
print(created_later)
def read_only():
    return counter * 10
print(read_only())
def shadowing():
    counter = 'local'
    return counter
print(shadowing(), counter)
def nested():
    def inner():
        global counter
        counter = 100
    inner()
nested()
print(counter)
def g_del():
    global created_later
    del created_later
g_del()
try:
    print(created_later)
except NameError as e:
    print(type(e).__name__, e)
x = 'module'
def f():
    x = 'enclosing'
    def g():
        global x
        return x
    return g()
print(f())
