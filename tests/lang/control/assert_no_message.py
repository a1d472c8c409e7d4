# Ends with an uncaught AssertionError without a message, at module level.
total = sum(range(5))
print('total', total)
assert total == 11
print('not reached')
