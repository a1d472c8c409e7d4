# a name assigned inside a subscript
x[a = 1]
