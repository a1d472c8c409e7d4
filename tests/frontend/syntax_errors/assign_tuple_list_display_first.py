# a tuple target starting with a subscripted list display
[a][0], f() = 1
