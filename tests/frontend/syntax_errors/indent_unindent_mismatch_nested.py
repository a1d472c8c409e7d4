# a mismatched dedent out of nested blocks
def f():
    if x:
        a = 1
      b = 2
