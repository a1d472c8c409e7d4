# Traceback through nested functions and closures: qualified names are not shown, only function names.
def outer(n):
    def middle(m):
        def inner(k):
            return [0, 1, 2][k]
        return inner(m + 1)
    return middle(n)
print(outer(0))
print(outer(1))
print(outer(2))
