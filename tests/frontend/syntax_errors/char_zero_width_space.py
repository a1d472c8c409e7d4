# a zero-width space
x = 1​
