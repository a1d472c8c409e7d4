# Nested loops and breaking out of them.
table = []
for i in range(1, 4):
    row = []
    for j in range(1, 4):
        row.append(i * j)
    table.append(row)
print(table)
found = None
for i in range(5):
    for j in range(5):
        if i * j == 6:
            found = (i, j)
            break
    else:
        continue
    break
print('found', found)
i = 0
while i < 3:
    j = 0
    while j < i:
        print(i, j)
        j += 1
    i += 1
def search(grid, target):
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v == target:
                return r, c
    return None
print(search([[1, 2], [3, 4]], 4), search([[1]], 9))
count = 0
for a in range(4):
    for b in range(4):
        for c in range(4):
            if a < b < c:
                count += 1
print(count)
