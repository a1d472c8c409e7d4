# def parameters: slash_first
def f(/):
    pass
