# return from inside loops and loop-else.
def first_even(xs):
    for x in xs:
        if x % 2 == 0:
            return x
    else:
        return 'none'
print(first_even([1, 3, 4, 6]), first_even([1, 3]), first_even([]))
def countdown(n):
    while n > 0:
        if n == 2:
            return 'stopped at 2'
        n -= 1
    else:
        return 'reached zero'
print(countdown(5), countdown(1))
def tricky():
    for i in range(3):
        try:
            return i
        finally:
            if i == 0:
                continue
    return 'end'
print(tricky())
def tricky2():
    for i in range(3):
        try:
            return 'from try'
        finally:
            break
    return 'after break in finally'
print(tricky2())
