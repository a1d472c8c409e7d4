# an unexpected indent, then an unmatched bracket
x = 1
    y = 2
z = )
