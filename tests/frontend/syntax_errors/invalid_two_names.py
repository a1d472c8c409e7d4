# two names side by side
a b
