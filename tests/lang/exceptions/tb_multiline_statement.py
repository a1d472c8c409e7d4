# A failing call spread over several lines: only the first line of the statement range is shown.
def check(a, b, c):
    if c is None:
        raise TypeError('c must not be None')
    return a + b + c
print(check(1, 2, 3))
total = check(
    1,
    2,
    None,
)
