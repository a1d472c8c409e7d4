r = (a + b) * c - d / e // f % g ** h @ m
s = -a, +b, ~c, not d
t = a << 1 | b >> 2 & c ^ d
u = a < b, a <= b, a == b, a != b, a > b, a >= b
v = a is b, a is not b, a in b, a not in b
w = a and b or c
q = 1 < a < 3
