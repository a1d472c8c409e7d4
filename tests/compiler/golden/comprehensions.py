squares = [x * x for x in range(10) if x % 2]
unique = {c for c in text}
index = {k: v for k, v in pairs}
total = sum(x for x in values)
