# a generator expression as class bases
class C(x for x in y): pass
