# Ends with an uncaught UnboundLocalError.
total = 0

def add(n):
    total += n
    return total

print('adding')
add(5)
