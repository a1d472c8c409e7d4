# a decorator at the end of an indented block and the file
class A:
    @dec
