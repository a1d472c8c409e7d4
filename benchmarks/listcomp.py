"""listcomp: list, set and dict comprehensions and generator expressions:
nested loops, filters, matrix transposition and multiplication, flattening.

All results have closed forms (sums of ranges, counts of multiples, the
trace of a product of known matrices) computed in expected().
"""
import sys
from _bench_args import parse_args


def run(n, size):
    evens_sq = [x * x for x in range(n) if x % 2 == 0]
    pairs = [(i, j) for i in range(size) for j in range(i)]
    mods = {x % 97 for x in range(n)}
    table = {x: x * 3 for x in range(0, n, 7)}
    flat = [v for row in [[i] * 3 for i in range(n // 10)] for v in row]
    # a = [[i + j]], b = identity * 2: the product is 2a; its trace is 2 * sum(2i).
    a = [[i + j for j in range(size)] for i in range(size)]
    b = [[2 if i == j else 0 for j in range(size)] for i in range(size)]
    bt = [list(col) for col in zip(*b)]
    prod = [[sum(x * y for x, y in zip(row, col)) for col in bt] for row in a]
    trace = sum(prod[i][i] for i in range(size))
    total = sum(sum(row) for row in prod)
    return (sum(evens_sq), len(pairs), len(mods), sum(table.values()), sum(flat),
            trace, total)


def expected(n, size):
    m = (n + 1) // 2  # even numbers below n: 0, 2, ..., 2(m-1)
    sum_sq = 4 * (m - 1) * m * (2 * m - 1) // 6
    sevens = (n - 1) // 7 + 1
    tenth = n // 10
    return (sum_sq, size * (size - 1) // 2, min(n, 97),
            3 * 7 * (sevens - 1) * sevens // 2, 3 * (tenth - 1) * tenth // 2,
            2 * 2 * (size - 1) * size // 2,
            2 * size * size * (size - 1))



def main():
    loops, quick = parse_args(sys.argv)
    n, size = (5000, 20) if quick else (200000, 100)
    for _ in range(loops):
        result = run(n, size)
    if result != expected(n, size):
        raise AssertionError("listcomp: got %r, want %r" % (result, expected(n, size)))
    print("listcomp(%d, %d): %s" % (n, size, " ".join(map(str, result))))


if __name__ == "__main__":
    main()
