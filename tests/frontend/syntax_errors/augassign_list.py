# augmented assignment to list
[a] += 1
