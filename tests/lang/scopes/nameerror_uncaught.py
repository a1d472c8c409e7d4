# Ends with an uncaught NameError inside a function (a misspelled name).
def area(width, height):
    return width * heigth

print('computing')
print(area(2, 3))
