# Left-to-right evaluation of operands, arguments, and dict displays.
log = []
def t(v):
    log.append(v)
    return v
t(1) + t(2) * t(3)
print(log); log.clear()
t('f')(t('a'), t('b')) if False else None
print(log); log.clear()
def fn(*a, **k):
    return a, k
t(fn.__name__) and fn(t(1), t(2), k=t(3))
print(log); log.clear()
{t('k1'): t('v1'), t('k2'): t('v2')}
print(log); log.clear()
[t(1), t(2)][t(0)]
print(log); log.clear()
t([0, 0])[t(1)] = t('value')
print(log); log.clear()
x = t(2) ** t(3) ** t(2)
print(x, log); log.clear()
t(False) and t('never')
t(True) or t('never')
print(log); log.clear()
t(1) < t(2) < t(0) < t('never')
print(log)
