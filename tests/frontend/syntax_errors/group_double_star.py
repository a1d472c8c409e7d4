# a double-starred expression in parentheses
x = (**a)
