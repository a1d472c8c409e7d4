# a conditional expression with an empty test
x = 1 if else 2
