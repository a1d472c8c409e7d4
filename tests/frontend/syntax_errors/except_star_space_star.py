# 'except **' instead of 'except*'
try:
    pass
except** ValueError:
    pass
