# f-string self-documenting '=' form.
x = 10
name = 'Ada'
print(f'{x=}')
print(f'{x = }')
print(f'{x=!s}', f'{name=}', f'{name=!s}', f'{name=:>6}')
print(f'{x * 2 + 1=}')
print(f'{x=:04d}', f'{3.5=:.3f}')
print(f'{name.lower()=}')
print(f'{[1, 2]=}  {None=}')
print(f'{x  =  }|')
print(f'{x=!r:^10}|')
