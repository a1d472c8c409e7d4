# a starred element in a set comprehension
x = {*a for a in b}
