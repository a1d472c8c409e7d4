# a call as a for target, without a colon
for f() in y
