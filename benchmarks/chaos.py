"""chaos: the chaos game.  A point jumps by randomly chosen affine maps
(here the three maps of a right-angled Sierpinski triangle); every landing
spot is counted on a 256x256 grid.

Float arithmetic through small objects, a deterministic LCG, list-of-lists
updates.  Checks that do not depend on the program's own output: a cell
(i, j) can only be hit when i & j == 0 (the attractor is Pascal's triangle
mod 2), and with enough jumps every one of its 3**8 = 6561 cells is hit.
The grid's checksum was confirmed by an independent tuple-based version.
"""
import sys
from _bench_args import parse_args

SIZE = 256


class Lcg:
    """31-bit linear congruential generator; uses the high bits only."""

    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 15) % n


class Affine:
    __slots__ = ("a", "b", "c", "d", "e", "f")

    def __init__(self, a, b, c, d, e, f):
        self.a, self.b, self.c, self.d, self.e, self.f = a, b, c, d, e, f

    def apply(self, x, y):
        return self.a * x + self.b * y + self.e, self.c * x + self.d * y + self.f


class Canvas:
    def __init__(self, size):
        self.size = size
        self.rows = [[0] * size for _ in range(size)]

    def plot(self, x, y):
        i = int(x * self.size)
        j = int(y * self.size)
        self.rows[j][i] += 1

    def cells(self):
        for j, row in enumerate(self.rows):
            for i, hits in enumerate(row):
                if hits:
                    yield i, j, hits


MAPS = [
    Affine(0.5, 0.0, 0.0, 0.5, 0.0, 0.0),
    Affine(0.5, 0.0, 0.0, 0.5, 0.5, 0.0),
    Affine(0.5, 0.0, 0.0, 0.5, 0.0, 0.5),
]


def run(jumps):
    rng = Lcg(2024)
    canvas = Canvas(SIZE)
    x = y = 0.0
    for _ in range(jumps):
        x, y = MAPS[rng.below(3)].apply(x, y)
        canvas.plot(x, y)
    distinct = 0
    checksum = 0
    for i, j, hits in canvas.cells():
        if i & j:
            raise AssertionError("chaos: point outside the attractor at %d,%d" % (i, j))
        distinct += 1
        checksum = (checksum * 31 + hits * (i + 1) + j) % 1000000007
    return distinct, checksum


# jumps -> (distinct cells hit, checksum of the hit counts)
EXPECTED = {20000: (6260, 461629026), 300000: (6561, 112053017)}



def main():
    loops, quick = parse_args(sys.argv)
    jumps = 20000 if quick else 300000
    for _ in range(loops):
        result = run(jumps)
    if result != EXPECTED[jumps]:
        raise AssertionError("chaos(%d): got %r, want %r" % (jumps, result, EXPECTED[jumps]))
    print("chaos(%d): %d cells hit, checksum %d" % (jumps, result[0], result[1]))


if __name__ == "__main__":
    main()
