# a dedent to a column no block started at
if x:
    a = 1
  b = 2
