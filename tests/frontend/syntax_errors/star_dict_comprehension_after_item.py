# dict unpacking after an item, then a for clause
x = {a: 1, **b for a in b}
