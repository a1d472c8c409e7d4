# an unparenthesized tuple as a comprehension element
x = [a, b for a, b in c]
