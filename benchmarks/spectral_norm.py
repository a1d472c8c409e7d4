"""spectral_norm: the largest singular value of the infinite matrix
A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1), truncated to n x n, by power iteration.

Float division in tight nested loops, function calls per element, zip/sum.
Published reference: n=100 -> 1.274219991.  Other sizes were checked with a
separate dense-matrix power iteration.
"""
import sys
from _bench_args import parse_args


def a(i, j):
    ij = i + j
    return 1.0 / ((ij * (ij + 1) >> 1) + i + 1)


def times_a(u):
    n = len(u)
    return [sum([a(i, j) * u[j] for j in range(n)]) for i in range(n)]


def times_at(u):
    n = len(u)
    return [sum([a(j, i) * u[j] for j in range(n)]) for i in range(n)]


def times_ata(u):
    return times_at(times_a(u))


def run(n):
    u = [1.0] * n
    for _ in range(10):
        v = times_ata(u)
        u = times_ata(v)
    vbv = 0.0
    vv = 0.0
    for ue, ve in zip(u, v):
        vbv += ue * ve
        vv += ve * ve
    return (vbv / vv) ** 0.5


EXPECTED = {50: "1.274193837", 100: "1.274219991", 200: "1.274223601"}



def main():
    loops, quick = parse_args(sys.argv)
    n = 50 if quick else 200
    for _ in range(loops):
        result = run(n)
    got = "%.9f" % result
    if got != EXPECTED[n]:
        raise AssertionError("spectral_norm(%d): got %s, want %s" % (n, got, EXPECTED[n]))
    print("spectral_norm(%d): %s" % (n, got))


if __name__ == "__main__":
    main()
