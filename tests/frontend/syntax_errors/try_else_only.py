# a try with only 'else'
try:
    pass
else:
    pass
