# a starred keyword argument value
f(a=*b)
