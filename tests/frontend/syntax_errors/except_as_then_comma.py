# a comma after the name of an except clause
try:
    pass
except A as b, c:
    pass
