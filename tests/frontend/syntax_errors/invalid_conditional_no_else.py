# a conditional expression without 'else'
x = 1 if y
