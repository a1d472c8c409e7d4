# type parameters (new in 3.12)
def f[T](x: T) -> T:
    return x
