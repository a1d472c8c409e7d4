# annotating a tuple
a, b: int
