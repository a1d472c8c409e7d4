# expected an indented block after method
class C:
    def f(self):
x = 1
