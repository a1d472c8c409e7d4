# an unknown string prefix
x = ub'a'
