# '=' with an expression on the left in a call
f(a + 1 = 2)
