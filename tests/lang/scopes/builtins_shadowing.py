# Shadowing built-in names at different levels.
print(len([1, 2]))
def local_shadow():
    list = 'not the builtin'
    return list
print(local_shadow(), list('ab'))
str = 'shadowed at module level'
print(str)
del str
print(str(5))
def param_shadow(type):
    return type
print(param_shadow('a parameter called type'), type(1).__name__)
class C:
    int = 'class attribute called int'
    try:
        val = int('7')
    except TypeError as e:
        val = 'TypeError: ' + str(e)
    def method(self):
        return int('8')
print(C.int, C.val, C().method())
True_ = True
print(True_)
def builtin_after_global_del():
    return abs(-3)
abs = 'module abs'
print(abs)
del abs
print(builtin_after_global_del())
