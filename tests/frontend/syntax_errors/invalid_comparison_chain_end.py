# a comparison operator at the end
x = a < b <
