# augmented assignment to call
f() += 1
