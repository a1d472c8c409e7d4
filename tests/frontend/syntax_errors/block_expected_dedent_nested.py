# a dedent to an outer block where a body was expected
class C:
    def f(self):
        if x:
    y = 1
