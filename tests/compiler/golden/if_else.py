if a:
    x = 1
elif b and not c:
    x = 2
else:
    x = 3
y = 'yes' if x else 'no'
