# an invalid character
€ = 1
