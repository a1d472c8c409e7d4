# Ends with an uncaught TypeError raised inside a lambda called by sorted().
records = [('b', 2), ('a', 1), ('c', None)]
print(sorted(records[:2], key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1] + 0))
