# Uncaught IndexError from a list subscript in a nested expression (carets show the subscript).
matrix = [[1, 2], [3, 4]]
print(matrix[1][0])
row = 1
col = 2
value = matrix[row][col] + 1
