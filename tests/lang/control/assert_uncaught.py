# Ends with an uncaught AssertionError carrying a message.
def check_positive(values):
    for v in values:
        assert v > 0, f'bad value: {v}'
    return True

print(check_positive([1, 2, 3]))
print(check_positive([4, -1, 5]))
