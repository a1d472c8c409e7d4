name = 'x'
s = f'{name}'
t = f'{name!r:>10} and {value:{width}}'
u = f'a{b!s}c{d!a}'
