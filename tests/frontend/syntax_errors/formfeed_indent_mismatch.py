# a form feed in indentation
if x:
    a = 1
  b = 2
