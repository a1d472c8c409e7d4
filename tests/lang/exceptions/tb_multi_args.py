# An uncaught exception with several arguments shows the args tuple, an empty-string message shows only the name.
try:
    raise KeyError('')
except KeyError as e:
    print(repr(e))
raise OSError('disk', 'full', 3)
