# an unparenthesized tuple element with a broken for clause
x = [a, b for a in]
