# the <> operator
x = 1 <> 2
