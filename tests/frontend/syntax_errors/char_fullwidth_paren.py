# a full-width parenthesis
print（x)
