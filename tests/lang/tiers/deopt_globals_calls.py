# Globals, builtins and calls specialize, then what they rely on is reassigned.

counter = 0

def read_counter():
    return counter

for i in range(100):
    read_counter()
counter = 42
print(read_counter())
del counter
try:
    read_counter()
except NameError as e:
    print("NameError", e)

def length(x):
    return len(x)

for i in range(100):
    length([1, 2, 3])
len = lambda x: "shadowed len"
print(length([1]))
del len
print(length([1, 2]))

import builtins
def use_abs(x):
    return abs(x)
for i in range(100):
    use_abs(-1)
saved = builtins.abs
builtins.abs = lambda x: "patched abs"
print(use_abs(-3))
builtins.abs = saved
print(use_abs(-3))

def check(x):
    return isinstance(x, int)
for i in range(100):
    check(i)
print(check("s"), check(True))

def add(a, b):
    return a + b

def call_add(x):
    return add(x, 1)

for i in range(100):
    call_add(i)
def add(a, b=10, c=100):
    return a + b + c
print(call_add(1))
add.__defaults__ = (5, 6)
print(call_add(1))
add.__code__ = (lambda a, b, c: a * b * c).__code__
print(call_add(2))

class K:
    def m(self, v):
        return v + 1

k = K()
bound = k.m
def call_bound(v):
    return bound(v)
for i in range(100):
    call_bound(i)
bound = print
call_bound("bound replaced")

def kind(x):
    return type(x)
for i in range(100):
    kind(i)
print(kind("s"), kind(1.0))

def append_all(dst, n):
    for i in range(n):
        dst.append(i)
    return dst
print(len(append_all([], 100)))
class MyList(list):
    def append(self, v):
        list.append(self, v * 2)
print(append_all(MyList(), 3))

def recurse(n):
    return 0 if n == 0 else 1 + recurse(n - 1)
print(recurse(500))
try:
    recurse(100000)
except RecursionError as e:
    print("RecursionError", e)
