# a trailing underscore in a binary literal
x = 0b1_
