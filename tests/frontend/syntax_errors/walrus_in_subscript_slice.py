# an assignment expression in a slice
x = a[b := 1 : 2]
