# augmented assignment to literal
1 += 1
