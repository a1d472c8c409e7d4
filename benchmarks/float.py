"""float: create many small Point objects from sin/cos, normalize each one,
then fold them into a component-wise maximum.

Object allocation with float attributes, math calls, method calls.  The
expected maximum was checked with an independent tuple-based computation; for large counts it
approaches the analytic maximum (2/sqrt(5), 1, 1/sqrt(5)).
"""
import sys
from math import sin, cos, sqrt
from _bench_args import parse_args


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def normalize(self):
        norm = sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        if other.x > self.x:
            self.x = other.x
        if other.y > self.y:
            self.y = other.y
        if other.z > self.z:
            self.z = other.z
        return self


def run(count):
    points = [Point(i) for i in range(count)]
    for p in points:
        p.normalize()
    best = points[0]
    for p in points[1:]:
        best = best.maximize(p)
    return best.x, best.y, best.z


EXPECTED = {
    5000: "0.894377014 1.000000000 0.447184923",
    200000: "0.894427190 1.000000000 0.447213595",
}



def main():
    loops, quick = parse_args(sys.argv)
    count = 5000 if quick else 200000
    for _ in range(loops):
        result = run(count)
    got = "%.9f %.9f %.9f" % result
    if got != EXPECTED[count]:
        raise AssertionError("float(%d): got %s, want %s" % (count, got, EXPECTED[count]))
    print("float(%d): max point %s" % (count, got))


if __name__ == "__main__":
    main()
