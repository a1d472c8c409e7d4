# 3.11 caret lines for a failing binary operation inside a larger expression.
def ratio(a, b):
    return (a + 1) / (b - b) * 100
print('computing')
result = [ratio(1, 2)]
