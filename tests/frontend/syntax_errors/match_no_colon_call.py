# a match line with a call subject and another name
match f(x) y
