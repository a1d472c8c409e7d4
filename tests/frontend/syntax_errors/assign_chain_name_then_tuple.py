# a name target followed by a tuple of values and another target
a = b, f() = 1
