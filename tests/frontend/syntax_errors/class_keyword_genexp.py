# a keyword argument followed by a for clause in class bases
class C(x=1 for x in y): pass
