# augmented assignment to expression
a + b -= 1
