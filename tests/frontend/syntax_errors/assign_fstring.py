# cannot assign to fstring
f'{x}' = 1
