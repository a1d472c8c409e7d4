# Attribute access on numeric literals and the tokenization it needs.
print(1 .real, (1).imag, 1.0.real, 1.5.is_integer(), 0x10 .bit_length(), 1e3.hex() if False else 'skip')
print((5).__add__(3), (5).__radd__(3), 2.0.__mul__(3), (7).__floordiv__(2), (7).__mod__(-2))
print(int.__add__(1, 2), float.__sub__(5.5, 0.5), str.__add__('a', 'b'), list.__len__([1, 2]))
print((5).__add__(2.5), (2.5).__radd__(5), (1).__eq__(1.0), (1).__lt__('a'))
print(1j.imag, 1J.real, (3 + 0j).conjugate(), 10 .to_bytes(1, 'big'))
print((255).__format__('x'), (3.14159).__round__(2), (7).__round__(-1), (-7).__abs__())
