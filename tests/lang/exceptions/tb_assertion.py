# Uncaught AssertionError with a message from inside a function.
def validate(age):
    assert isinstance(age, int), 'age must be an int'
    assert age >= 0, f'age must be non-negative, got {age}'
    return age
print(validate(3))
validate(-2)
