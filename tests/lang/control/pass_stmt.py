# pass in every kind of block.
def nothing():
    pass
class Empty:
    pass
for _ in range(2):
    pass
while False:
    pass
if True:
    pass
try:
    pass
except Exception:
    pass
finally:
    pass
print(nothing(), Empty.__name__, _)
def with_doc():
    "only a docstring"
print(with_doc(), with_doc.__doc__)
def ellipsis_body():
    ...
print(ellipsis_body(), ...)
