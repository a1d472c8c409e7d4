# The math module: every function and constant, CPython's exact results (bit for bit,
# printed with repr) and its errors ("math domain error", "math range error", TypeErrors).
import math

inf, nan = math.inf, math.nan

def call(f, *a, **k):
    try:
        return repr(f(*a, **k))
    except Exception as e:
        return type(e).__name__ + ': ' + str(e)

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(sorted(n for n in dir(math) if not n.startswith('_')))

# Special values through every one-argument function.
specials = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, inf, -inf, nan, 1e308, -1e308, 5e-324,
            2.2250738585072014e-308, 710.0, -710.0, 171.5, -171.5, 200.5, -200.5, 1e-20,
            141.5, -141.5, 3, -3, 10**20, True]
ones = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'ceil', 'cos', 'cosh',
        'degrees', 'erf', 'erfc', 'exp', 'exp2', 'expm1', 'fabs', 'floor', 'frexp', 'gamma',
        'isfinite', 'isinf', 'isnan', 'lgamma', 'log', 'log10', 'log1p', 'log2', 'modf',
        'radians', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'trunc', 'ulp']
for name in ones:
    f = getattr(math, name)
    print(name, ' '.join(call(f, x) for x in specials))

# Two-argument functions over pairs of special values.
pairs = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, inf, -inf, nan, 1e308, 5e-324]
for name in ['atan2', 'copysign', 'fmod', 'remainder', 'pow', 'nextafter', 'hypot', 'log',
             'isclose']:
    f = getattr(math, name)
    print(name, ' '.join(call(f, x, y) for x in pairs for y in pairs))

# Ordinary arguments, deterministic pseudo-random values of several magnitudes.
state = 12345
def rnd():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return state / 2**64
def rf():
    k = int(rnd() * 4)
    if k == 0:
        return (rnd() - 0.5) * 10
    if k == 1:
        return rnd() * 1000
    if k == 2:
        return (rnd() - 0.5) * 1e-5
    return (rnd() - 0.3) * 300
for i in range(50):
    x, y, z = rf(), rf(), rf()
    out = [call(getattr(math, n), x) for n in ones]
    out += [call(getattr(math, n), x, y) for n in
            ['atan2', 'copysign', 'fmod', 'remainder', 'pow', 'hypot', 'log']]
    out.append(call(math.ldexp, x, int(y)))
    out.append(call(math.hypot, x, y, z))
    out.append(call(math.dist, (x, y), (z, x)))
    out.append(call(math.fsum, [x, y, z, 1e100, -1e100, x * 1e-20]))
    out.append(call(math.prod, [x, y, 3]))
    print(' '.join(out))

# Logarithms of big ints, and bases.
for k in [10**20, 10**400, 2**1024, 2**1024 - 1, 2**1023 * 3, 2**5000 + 2**4946,
          2**5000 + 2**4947 + 1, 7**1000]:
    print(call(math.log, k), call(math.log2, k), call(math.log10, k), call(math.log, k, 7),
          call(math.log, k, k + 1), call(math.sqrt, k))
print(call(math.log, 0), call(math.log, -5), call(math.log, 10, 1), call(math.log, 8, 2),
      call(math.log, 1.0, 0.0), call(math.log, -(10**400)), call(math.log2, 2**-1074))

# Integer functions.
print(math.factorial(0), math.factorial(20), math.factorial(21), math.factorial(100))
print(math.comb(100, 50), math.comb(67, 33), math.comb(68, 34), math.comb(10**20, 3),
      math.comb(10**30, 10**30 - 2), math.comb(5, 7), math.comb(10**30, 10**31), math.comb(0, 0))
print(math.perm(5), math.perm(5, 2), math.perm(100, 30), math.perm(10**20, 3), math.perm(3, 5),
      math.perm(20, 20), math.perm(21, 21), math.perm(7, None))
print(math.isqrt(0), math.isqrt(1), math.isqrt(2**62), math.isqrt(2**61 - 1), math.isqrt(10**100),
      math.isqrt(True), math.isqrt(99), math.isqrt(100))
print(math.gcd(), math.gcd(-12), math.gcd(12, -18), math.gcd(2**100, 6**50, 10), math.gcd(0, 0),
      math.gcd(1, 2**200, 3), math.gcd(-2**62, 0), math.gcd(-2**61, 2**61), math.gcd(True, 4))
print(math.lcm(), math.lcm(-4), math.lcm(4, 6), math.lcm(0, 5, 3), math.lcm(2**70, 3**40, -5),
      math.lcm(6, 10, 15))

# floor, ceil and trunc, through __floor__/__ceil__/__trunc__ and __float__.
print(math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7), math.trunc(-3.7),
      math.floor(10**30), math.floor(1e300), math.ceil(True), math.trunc(False))
class F:
    def __floor__(self): return 'floor'
    def __ceil__(self): return 'ceil'
    def __trunc__(self): return 'trunc'
    def __float__(self): return 2.5
print(math.floor(F()), math.ceil(F()), math.trunc(F()), math.sqrt(F()))
class OnlyFloat:
    def __float__(self): return -1.5
print(math.floor(OnlyFloat()), math.ceil(OnlyFloat()), call(math.trunc, OnlyFloat()))
class I(int): pass
class Fl(float): pass
print(math.floor(I(5)), type(math.floor(I(5))).__name__, math.ceil(I(7)), math.trunc(I(7)),
      math.floor(Fl(2.5)), math.ceil(Fl(2.5)), math.trunc(Fl(-2.5)))
class Idx:
    def __index__(self): return 12
print(math.factorial(Idx()), math.gcd(Idx(), 8), math.comb(Idx(), 2), math.sqrt(Idx()))

# Sums, products, norms.
print(math.fsum([0.1] * 10), math.fsum([1e-16, 1, 1e16]), math.fsum([]), math.fsum([inf, 1]),
      math.fsum([nan, 1]), math.fsum(range(10)), math.fsum([-0.0]), math.fsum([1.0, -1.0]),
      math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum(iter([0.5] * 7)))
print(math.prod([]), math.prod([1, 2, 3], start=2), math.prod([1.5, 2]), math.prod([2**62, 4]),
      math.prod([2, 3.5, 2**70]), math.prod(['a'], start=3), math.prod(range(1, 30)),
      math.prod([1, 2], start=1.0), math.prod([Fl(2.0), 3]), math.prod([2, 3], start=[1]))
print(math.hypot(), math.hypot(-3), math.hypot(3, 4), math.hypot(*range(20)),
      math.hypot(1e-310, 1e-310), math.hypot(1e308, 1e308), math.dist([], []),
      math.dist(range(3), [4, 5, 6]), math.dist((1.5,), (-2,)))
print(math.ldexp(1.0, 10**30) if False else 0, call(math.ldexp, 1.0, 10**30),
      math.ldexp(1.0, -10**30), math.ldexp(-1.5, 3), call(math.ldexp, 1.0, -2**70),
      math.ldexp(0.0, 10**30), math.ldexp(inf, -5), math.ldexp(1, True))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1, rel_tol=0.2),
      math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(inf, inf), math.isclose(nan, nan),
      math.isclose(a=1, b=1), math.isclose(-inf, inf), math.isclose(1e308, inf))
print(math.gamma(0.5), math.gamma(-0.5), math.lgamma(-0.5), math.gamma(170.5),
      math.gamma(1e-21), math.gamma(-1e-21), math.lgamma(1e-300), math.gamma(24.0))

# Argument and domain errors.
errors = [
    (math.log,), (math.log, 1, 2, 3), (math.sqrt, 'x'), (math.sqrt, -1), (math.ldexp, 1.0),
    (math.ldexp, 1.0, 2.0), (math.isclose, 1.0), (math.isclose, 1.0, 2.0, 3.0),
    (math.factorial, 2.0), (math.factorial, -1), (math.factorial, 10**30), (math.comb, 5),
    (math.comb, -1, 2), (math.comb, 2, -1), (math.comb, 10**30, 10**20), (math.perm, 5, -1),
    (math.perm, 10**30, 10**20), (math.isqrt, -1), (math.isqrt, 2.0), (math.gcd, 1.5),
    (math.lcm, 'a'), (math.prod,), (math.fsum, 1), (math.fsum, [1e308, 1e308]),
    (math.fsum, [inf, -inf]), (math.fsum, ['a']), (math.dist, [1], [1, 2]), (math.dist, 1, [1]),
    (math.trunc, 'x'), (math.floor, 'x'), (math.floor, inf), (math.floor, nan),
    (math.ceil, [1]), (math.hypot, 'a'), (math.nextafter, 1.0), (math.pow, 0.0, -1.0),
    (math.pow, 10.0, 400.0), (math.pow, -2.0, 0.5), (math.fmod, 1.0, 0.0), (math.fmod, inf, 1.0),
    (math.remainder, inf, 1.0), (math.remainder, 1.0, 0.0), (math.atan2, 1), (math.exp, 1000),
    (math.gamma, 0), (math.gamma, -1), (math.gamma, 200), (math.lgamma, 0), (math.log1p, -1),
    (math.copysign, 1), (math.acosh, 0), (math.atanh, 1), (math.asin, 2), (math.cosh, 1000),
    (math.sinh, -1000), (math.exp2, 1025), (math.expm1, 710), (math.cos, inf), (math.tan, -inf),
]
for e in errors:
    print(e[0].__name__, call(*e))
print(call(math.prod, [1], strt=2), call(math.isclose, 1, 1, rel_tol=-1))
