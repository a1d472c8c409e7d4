# a parenthesized name before a missing comma
x = [(a) b]
