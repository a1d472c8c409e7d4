# a generator expression with a trailing comma as class bases
class C(x for x in y,): pass
