# an assignment expression to a subscript
x = (a[0] := 1)
