# Generator expressions passed around and nested.
def squares(n):
    return (i * i for i in range(n))
print(list(squares(5)), sum(squares(10)))
evens = (v for v in squares(10) if v % 2 == 0)
print(list(evens))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(list(row[i] for row in matrix) for i in range(3)))
print(max((len(s), s) for s in ['aa', 'b', 'cccc', 'dd']))
print(dict((k, len(k)) for k in ['one', 'three']))
print(set(c for c in 'mississippi' if c in 'sp') == {'s', 'p'})
print(tuple(x for x in (y + 1 for y in (z * 10 for z in range(3)))))
gen = (x for x in range(3))
print(list(zip(gen, gen)))
print(sorted(x for x in [3, 1, 2]), ''.join(reversed([c for c in 'abc'])))
