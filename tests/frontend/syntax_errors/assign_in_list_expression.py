# an expression assigned inside a list display
x = [a + 1 = 2]
