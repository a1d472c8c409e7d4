"""fannkuch: pancake flipping over every permutation of 0..n-1.

List slicing and reversal, small integer loops.  Permutations are visited in
the Benchmarks Game order, so the checksum (sum of flip counts, with sign
alternating by permutation index) and maximum flip count are the published
reference values: n=7 -> 228/16, n=9 -> 8629/30.
"""
import sys
from _bench_args import parse_args


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    r = n
    index = 0
    checksum = 0
    max_flips = 0
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            perm[:k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += -flips if index & 1 else flips
        # Next permutation: rotate the first r+1 elements left until a
        # counter has not run out (the "counting" permutation order).
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            perm1[:r] = perm1[1:r + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        index += 1


def run(n):
    return fannkuch(n)


EXPECTED = {7: (228, 16), 8: (1616, 22), 9: (8629, 30)}



def main():
    loops, quick = parse_args(sys.argv)
    n = 7 if quick else 9
    for _ in range(loops):
        result = run(n)
    if result != EXPECTED[n]:
        raise AssertionError("fannkuch(%d): got %r, want %r" % (n, result, EXPECTED[n]))
    print("fannkuch(%d): checksum %d, max flips %d" % (n, result[0], result[1]))


if __name__ == "__main__":
    main()
