# an assignment expression to an attribute
x = (a.b := 1)
