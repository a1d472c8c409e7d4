x = *values
