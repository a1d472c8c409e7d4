# augmented assignment to starred
*a += 1
