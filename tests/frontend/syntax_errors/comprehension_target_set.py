# an unparenthesized tuple as a set comprehension element
x = {a, b for a in c}
