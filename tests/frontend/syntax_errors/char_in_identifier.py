# an identifier with an invalid character
ab·c• = 1
