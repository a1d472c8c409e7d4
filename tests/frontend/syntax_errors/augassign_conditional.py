# augmented assignment to conditional
a if b else c *= 2
