# a match line with two names and no colon
match x y
