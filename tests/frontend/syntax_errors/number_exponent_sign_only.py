# an exponent with only a sign
x = 1.5e+
