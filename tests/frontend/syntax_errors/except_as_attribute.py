# an except clause binding to an attribute
try:
    pass
except E as a.b:
    pass
