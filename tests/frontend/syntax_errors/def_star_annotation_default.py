# def parameters: star_annotation_default
def f(*a: int = 1):
    pass
