# Parameters are locals; rebinding them does not affect the caller, mutation does.
def rebind(v):
    v = 'rebound'
    return v
s = 'original'
print(rebind(s), s)
def mutate(lst):
    lst.append('added')
lst = ['x']
mutate(lst)
print(lst)
def rebind_list(lst):
    lst = lst + ['copy']
    return lst
print(rebind_list(lst), lst)
def default_and_global(a=1):
    global lst
    lst = a
    return lst
print(default_and_global(), lst)
def params_shadow_globals(s, lst):
    return s, lst
print(params_shadow_globals(1, 2), s)
def same_name_as_function(same_name_as_function):
    return same_name_as_function * 2
print(same_name_as_function(21))
