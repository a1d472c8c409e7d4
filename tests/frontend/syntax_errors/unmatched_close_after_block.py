# an unmatched ')' at the start of a line
def f():
    pass
)
