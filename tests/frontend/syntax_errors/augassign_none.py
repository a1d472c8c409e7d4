# augmented assignment to none
None += 1
