# a conditional expression with an empty 'else'
x = 1 if y else
