# an empty subscript
x = a[]
