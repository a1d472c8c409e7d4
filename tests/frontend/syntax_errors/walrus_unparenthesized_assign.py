# an unparenthesized assignment expression on the right of =
x = y := 1
