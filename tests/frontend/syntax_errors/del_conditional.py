# cannot delete conditional
del a if b else c
