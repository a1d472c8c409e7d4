# ')' closing '['
x = foo(a, [b, c)
