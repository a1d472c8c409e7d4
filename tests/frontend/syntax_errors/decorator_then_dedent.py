# a decorator followed by a dedent
class A:
    @dec
x = 1
