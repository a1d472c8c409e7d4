# a call target whose value is a comparison
a, f() = 1 == 2
