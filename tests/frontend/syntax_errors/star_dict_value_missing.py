# a dict key and ':' without a value
x = {1:}
