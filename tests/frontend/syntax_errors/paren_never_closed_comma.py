# two names in a call that is never closed
f(a b
