# cannot delete call
del f()
