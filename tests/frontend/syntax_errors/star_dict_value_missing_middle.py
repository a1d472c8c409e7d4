# a dict key and ':' without a value, then more
x = {1:, 2: 3}
