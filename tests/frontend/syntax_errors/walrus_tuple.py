# an assignment expression to a tuple
x = ((a, b) := (1, 2))
