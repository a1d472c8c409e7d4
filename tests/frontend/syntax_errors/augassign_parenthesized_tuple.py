# augmented assignment to parenthesized_tuple
(a, b) += 1
