# a double-starred expression in a list
x = [**a]
