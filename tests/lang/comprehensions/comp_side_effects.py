# Evaluation order inside comprehensions.
log = []
def t(name, v):
    log.append(name)
    return v
r = [t('elem%d' % x, x) for x in t('iter', range(3)) if t('cond%d' % x, x != 1)]
print(r)
print(log)
log.clear()
r = {t('k', 1): t('v', 2) for _ in range(1)}
print(r, log)
log.clear()
g = (t('g%d' % x, x) for x in t('giter', [1, 2]))
print(log)
list(g)
print(log)
log.clear()
r = [(a, b) for a in t('outer', [1, 2]) for b in t('inner%d' % a, [a, a * 10])]
print(r, log)
