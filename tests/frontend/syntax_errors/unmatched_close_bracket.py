# an unmatched ']'
x = 1]
