[*a, b, *c] = values
