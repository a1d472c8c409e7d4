# def parameters: annotation_empty
def f(a:):
    pass
