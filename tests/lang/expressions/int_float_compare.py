# Exact comparison between ints and floats, including values beyond 2**53.
big = 2 ** 53
print(big == float(big), big + 1 == float(big + 1), big + 1 > float(big), float(big) < big + 1)
print(10 ** 16 == 1e16, 10 ** 16 + 1 == 1e16, 10 ** 16 + 1 > 1e16, 10 ** 400 > 1e308, -10 ** 400 < -1e308)
inf = float('inf')
nan = float('nan')
print(10 ** 1000 < inf, -10 ** 1000 > -inf, 10 ** 1000 == inf, 1 == nan, 1 < nan, 1 > nan)
print(0 == -0.0, 0 == 0.0, 1 < 1.0000000000000002, 1 == 0.9999999999999999 + 1e-16)
print(sorted([3, 2.5, 10 ** 20, 1e19, -1, -1.5, True]))
print(max(2 ** 64, 1.8446744073709552e19), min(2 ** 64, 1.8446744073709552e19))
print(2 ** 64 == 1.8446744073709552e19, hash(2 ** 64) == hash(1.8446744073709552e19))
print(0.1 == 1 / 10, 3 * 0.1 == 0.3, round(3 * 0.1, 10) == 0.3)
