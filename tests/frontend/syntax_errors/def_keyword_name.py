# def parameters: keyword_name
def f(if):
    pass
