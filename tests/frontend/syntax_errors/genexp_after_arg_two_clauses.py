# a generator expression after an argument, the second clause bad
f(a, b for c in d for e, f=1)
