# Ints at and around the hash modulus 2**61 - 1 hash the same alone, in tuples, sets, dicts.
P = 2 ** 61 - 1
values = [P - 1, P, P + 1, -P + 1, -P, -P - 1, -(2 ** 61), 2 ** 61, -1, -2, 2 ** 62, -(2 ** 62)]
for v in values:
    print(v, hash(v), hash((v,)), hash((v, v + 1)), hash(frozenset([v])) == hash(frozenset([v])))
print({-P: "a", 0: "b"}, {0, -P, P, 2 * P})
