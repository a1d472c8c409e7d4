# Ends with an uncaught ValueError: too many values to unpack.
pairs = [(1, 'one'), (2, 'two'), (3, 'three', 'extra')]
for number, word in pairs:
    print(number, word)
