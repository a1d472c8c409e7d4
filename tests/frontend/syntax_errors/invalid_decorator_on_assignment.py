# a decorator before an assignment
@dec
x = 1
