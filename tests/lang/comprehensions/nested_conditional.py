# Nested and conditional comprehensions.
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid)
print([[row[i] for row in grid] for i in range(3)])
print([v for row in grid for v in row if v % 2 == 0])
print([v if v % 2 else 'even' for row in grid for v in row if v > 3])
print({r: {c for c in row if c % 2} for r, row in enumerate(grid)})
print([(a, b, c) for a in range(1, 20) for b in range(a, 20) for c in range(b, 20) if a * a + b * b == c * c])
print([[x for x in range(y) if x % 2] for y in range(6) if y % 3])
words = ['apple', 'bob', 'kayak', 'level', 'xyz']
print([w for w in words if w == w[::-1] if len(w) > 3])
print(sum(1 for row in grid for v in row if v > 4))
