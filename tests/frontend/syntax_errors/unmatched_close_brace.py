# an unmatched '}'
x = }
