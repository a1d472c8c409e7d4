# KeyError whose key is a tuple and one whose key is an empty string.
d = {}
try:
    d['']
except KeyError as e:
    print(repr(str(e)))
d[(1, 2)]
