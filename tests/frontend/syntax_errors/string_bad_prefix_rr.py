# a doubled string prefix
x = rr'a'
