# f-strings: interpolation, expressions, quotes, braces.
name = 'World'
n = 42
print(f'Hello, {name}!', F"n={n}", f'{n + 1}', f'{n * 2:}', f'{{literal}}', f'{{{n}}}')
print(f'{name.upper()} {len(name)} {name[1:3]} {[1, 2][0]} {dict(a=1)["a"]}')
print(f'{"nested quotes"}', f"{'single inside'}", f'''{"both"} {'kinds'}''')
print(f'{n if n > 40 else 0}', f'{(lambda x: x * 2)(5)}', f'{n!r:>5}')
print(f'multi '
      f'part {n}'
      ' plain {n}')
print(f'{3.14159:.2f}', f'{1000000:,}', f'{255:x}', f'{255:#X}', f'{5:03d}', f'{"x":*^7}')
print(f'{None} {True} {[1, "a"]} {(1,)} {{}}')
print(f'a' f'b' 'c' f'{1}{2}{3}')
print(f'', len(f''), f'{""}')
x = 'é'
print(f'{x!a}', f'{x!r}', f'{x!s}')
print(rf'\n{n}', fr'{n}\t')
print(f'{n:{">"}{10}}|', f'{"left":<{n // 7}}|')
class P:
    def __format__(self, spec):
        return f'P[{spec}]'
    def __str__(self):
        return 'P-str'
    def __repr__(self):
        return 'P-repr'
print(f'{P()}', f'{P():abc}', f'{P()!s}', f'{P()!r}', f'{P()!r:>8}')
