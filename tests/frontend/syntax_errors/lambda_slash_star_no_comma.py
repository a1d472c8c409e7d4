# no comma between / and * in a lambda
f = lambda a, / *: 0
