# a double-starred subscript
x = a[**b]
