# cannot delete comparison
del a < b
