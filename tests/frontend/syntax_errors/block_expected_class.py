# expected an indented block after class
class C:
x = 1
