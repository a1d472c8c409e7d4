# a call with ** and nothing after it
f(**)
