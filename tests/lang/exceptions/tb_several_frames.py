# A traceback through several function frames; carets under the calls that are part of a larger line.
def level3(x):
    return int(x) * 2
def level2(items):
    total = 0
    for it in items:
        total += level3(it)
    return total
def level1():
    print('level1 start')
    result = level2(['1', '2', 'three'])
    return result
level1()
