# augmented assignment to tuple
a, b += 1
