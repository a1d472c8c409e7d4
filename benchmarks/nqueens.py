"""nqueens: count the solutions of the n-queens problem by backtracking
over column / diagonal bit masks.

Integer bit operations and recursion.  The counts are the well-known
sequence A000170 (8 -> 92, 9 -> 352, 10 -> 724).
"""
import sys
from _bench_args import parse_args


def count_from(row_mask, cols, diag1, diag2):
    if cols == row_mask:
        return 1
    total = 0
    free = row_mask & ~(cols | diag1 | diag2)
    while free:
        bit = free & -free
        free ^= bit
        total += count_from(row_mask, cols | bit,
                            ((diag1 | bit) << 1) & row_mask, (diag2 | bit) >> 1)
    return total


def solutions(n):
    """Also builds the solutions as lists for the first row choice, so the
    benchmark exercises list building as well as counting."""
    boards = []
    place(n, 0, [], set(), set(), set(), boards)
    return boards


def place(n, row, queens, cols, d1, d2, out):
    if row == n:
        out.append(tuple(queens))
        return
    for c in range(n):
        if c in cols or (row + c) in d1 or (row - c) in d2:
            continue
        cols.add(c)
        d1.add(row + c)
        d2.add(row - c)
        queens.append(c)
        place(n, row + 1, queens, cols, d1, d2, out)
        queens.pop()
        cols.discard(c)
        d1.discard(row + c)
        d2.discard(row - c)


def run(n):
    counted = count_from((1 << n) - 1, 0, 0, 0)
    boards = solutions(n)
    return counted, len(boards), len(set(boards))


EXPECTED = {6: 4, 8: 92, 9: 352, 10: 724, 11: 2680}



def main():
    loops, quick = parse_args(sys.argv)
    n = 6 if quick else 11
    for _ in range(loops):
        result = run(n)
    want = EXPECTED[n]
    if result != (want, want, want):
        raise AssertionError("nqueens(%d): got %r, want %d" % (n, result, want))
    print("nqueens(%d): %d solutions" % (n, result[0]))


if __name__ == "__main__":
    main()
