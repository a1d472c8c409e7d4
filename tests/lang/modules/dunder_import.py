# __import__ with and without fromlist, and import inside functions binds locals.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
m = __import__('simple_mod')
print(m.value)
top = __import__('pkg.sub')
print(top.__name__)
leaf = __import__('pkg.sub', fromlist=['describe'])
print(leaf.__name__)
print(__import__('pkg', fromlist=['helpers']).helpers.__name__)
def f():
    import pkg.helpers as h
    from simple_mod import names
    return sorted(locals())
print(f())
print('h' in globals(), 'names' in globals())
def g():
    import pkg.sub
    return pkg.sub.sub_value
print(g())
