# Nested f-strings and nested replacement fields in format specs.
width = 10
prec = 3
val = 3.14159265
print(f'[{val:{width}.{prec}f}]')
print(f'[{val:>{width}}]', f'[{val:<{width + 2}.{prec - 1}}]')
print(f'{f"{val:.2f}":>8}|')
print(f'{"inner " + f"{1 + 1}"}')
items = ['a', 'bb', 'ccc']
print(f'{", ".join(f"<{s}>" for s in items)}')
print(f'{[f"{i}:{i * i}" for i in range(4)]}')
fill = '#'
align = '^'
print(f'{"mid":{fill}{align}{width}}')
d = {'k': 'v'}
print(f'{d["k"]}', f"{d['k']}")
print(f'{"{"}', f'{"}"}', f'{{{"x"}}}')
spec = '08.3f'
print(f'{val:{spec}}')
