# a match line with a tuple subject and no colon
match x, y
