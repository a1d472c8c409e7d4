# a match line whose subject is cut short
match x +
