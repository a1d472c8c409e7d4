# Ends with ZeroDivisionError from a modulo two calls deep.
def ratio(a, b):
    return a % b

def report(a, b):
    r = ratio(a, b)
    print('ratio', a, b, r)

report(10 ** 30, 7)
report(10 ** 30, 0)
