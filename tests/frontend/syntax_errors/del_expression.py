# cannot delete expression
del a + b
