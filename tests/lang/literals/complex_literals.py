# Complex literals and repr.
print(1j, 2J, 1.5j, 0j, 1e3j, 1_0j)
print(1 + 2j, 1 - 2j, -1j, -(1j), 0 - 1j, (1 + 0j), (-0.0 - 0j))
z = 3 + 4j
print(z.real, z.imag, z.conjugate(), abs(z), type(z.real).__name__)
print(complex(1, 2), complex('1+2j'), complex(' 3-4j '), complex(2), complex(), complex('j'))
print((1 + 2j) ** 2, (1 + 1j) / (1 - 1j), 2j * 2j, 1j ** 0)
print(1j == 1j, 1 + 0j == 1, complex(1e300, 1e300) * 10)
print(repr(complex(0.0, -0.0)), repr(complex(-0.0, 0.0)), repr(complex(float('nan'), float('inf'))))
try:
    complex('1 + 2j')
except ValueError as e:
    print(type(e).__name__, e)
