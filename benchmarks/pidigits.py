"""pidigits: the decimal digits of pi from an unbounded spigot
(Gibbons' streaming algorithm on a linear fractional transformation).

Big-integer multiplication and floor division dominate; the numbers grow to
thousands of digits.  The expected digits were checked against an
independent computation with Machin's formula in fixed-point integers.
"""
import sys
from _bench_args import parse_args


def pi_digits(count):
    q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
    out = []
    while len(out) < count:
        if 4 * q + r - t < n * t:
            out.append(n)
            q, r, n = 10 * q, 10 * (r - n * t), (10 * (3 * q + r)) // t - 10 * n
        else:
            q, r, t, k, n, l = (q * k, (2 * q + r) * l, t * l, k + 1,
                                (q * (7 * k + 2) + r * l) // (t * l), l + 2)
    return out


def run(count):
    digits = pi_digits(count)
    return sum(digits), "".join(map(str, digits[-12:]))


# count -> (sum of the digits, the last twelve digits)
EXPECTED = {
    200: (897, "489549303819"),
    2000: (9092, "904780275900"),
    3000: (13848, "718649423196"),
}



def main():
    loops, quick = parse_args(sys.argv)
    count = 200 if quick else 3000
    for _ in range(loops):
        result = run(count)
    if result != EXPECTED[count]:
        raise AssertionError("pidigits(%d): got %r, want %r" % (count, result, EXPECTED[count]))
    print("pidigits(%d): digit sum %d, ends ...%s" % (count, result[0], result[1]))


if __name__ == "__main__":
    main()
