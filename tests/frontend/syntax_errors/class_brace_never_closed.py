# a brace after a class name, never closed
class A{(Q):
    pass
