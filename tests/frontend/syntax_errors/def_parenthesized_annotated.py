# parenthesized annotated parameters with a trailing comma
def f((a: int, b,)):
    pass
