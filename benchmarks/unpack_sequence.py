"""unpack_sequence: tuple and list unpacking in every form: plain, swapped,
starred, nested, in for-loop targets.

Per iteration the differences below are fixed by construction (3, 1, 3, 1,
3, 1, 0: twelve in all), so the expected totals are 12 * n and the sum of
the loop index, n * (n - 1) / 2.
"""
import sys
from _bench_args import parse_args


def run(n):
    acc = 0
    index_sum = 0
    for i in range(n):
        t = (i, i + 1, i + 2, i + 3)
        a, b, c, d = t
        a, b, c, d = d, c, b, a
        e, f = a, b
        lst = [a, b, c, d]
        w, x, y, z = lst
        head, *middle, tail = lst
        m1, m2 = middle
        (p, q), (r, s) = (w, x), (y, z)
        acc += (a - d) + (e - f) + (head - tail) + (m1 - m2) + (p - s) + (q - r) \
            + (w + z) - (x + y)
        for k, v in ((z, 0), (0, 0)):
            index_sum += k + v
    return acc, index_sum



def main():
    loops, quick = parse_args(sys.argv)
    n = 10000 if quick else 400000
    for _ in range(loops):
        result = run(n)
    want = (12 * n, n * (n - 1) // 2)
    if result != want:
        raise AssertionError("unpack_sequence(%d): got %r, want %r" % (n, result, want))
    print("unpack_sequence(%d): %d %d" % (n, result[0], result[1]))


if __name__ == "__main__":
    main()
