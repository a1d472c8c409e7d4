# an assignment expression to a literal
x = (1 := 2)
