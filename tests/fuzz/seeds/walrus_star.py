if (n := len(a)) > 10: pass
x, *y = *a, *b
print(*a, **b, c=1)
[y := f(x), y**2]
