# An exception with no arguments prints just its name; one with several prints the args tuple.
try:
    raise ValueError('a', 1)
except ValueError as e:
    print(e)
def fail():
    raise NotImplementedError
fail()
