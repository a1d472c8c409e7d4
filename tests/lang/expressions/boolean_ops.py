# and/or/not: value returned and short-circuit.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, '' or 'x', [] and 'y', None or 0)
print(not 0, not 1, not '', not 'a', not [], not None, not not 5)
print(True and False or True, False or False and True, not True or True)
log = []
def t(v):
    log.append(v)
    return v
r = t(0) and t(1)
print(r, log)
log.clear()
r = t(1) or t(2)
print(r, log)
log.clear()
r = t(0) or t('') or t([]) or t(None)
print(r, log)
log.clear()
r = t(1) and t(2) and t(3)
print(r, log)
log.clear()
r = t(0) or t(1) and t(2)
print(r, log)
log.clear()
print(t(1) and not t(0), log)
x = None
print(x is not None and x.foo)
d = {}
print('k' in d and d['k'])
print(1 if (0 or 0.0 or 0j or ()) else 2)
class Falsy:
    def __bool__(self):
        log.append('bool')
        return False
log.clear()
print(type(Falsy() or 'alt').__name__ if False else (Falsy() or 'alt'), log)
class Lenny:
    def __len__(self):
        return 0
print(bool(Lenny()), not Lenny(), Lenny() or 'empty')
