# a def with a name and nothing else
def f
