# a call in a for target, and no body
for x, f() in y:
