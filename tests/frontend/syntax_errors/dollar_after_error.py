# a dollar sign after an earlier error
x = a b
y = $
