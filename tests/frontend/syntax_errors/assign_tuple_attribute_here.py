# the last target of a tuple is valid but the tuple holds a call
a, g(), f().x = 1
