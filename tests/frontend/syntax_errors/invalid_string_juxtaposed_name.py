# a string then a name
x = 'a' b
