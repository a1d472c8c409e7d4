"""nqueens_perm: n-queens by brute force over itertools.permutations.

Each permutation places one queen per row and column; it is a solution when
the n values col+row (and col-row) are all distinct.  Exercises generator
expressions, set construction and itertools.  Counts: A000170 (8 -> 92).
"""
import sys
from itertools import permutations
from _bench_args import parse_args


def queens(n):
    cols = range(n)
    for perm in permutations(cols):
        if (n == len(set(perm[i] + i for i in cols))
                == len(set(perm[i] - i for i in cols))):
            yield perm


def run(n):
    found = list(queens(n))
    # Cheap validity check on every reported board.
    for board in found:
        for r1 in range(n):
            for r2 in range(r1 + 1, n):
                if abs(board[r1] - board[r2]) == r2 - r1:
                    raise AssertionError("bad board %r" % (board,))
    return len(found)


EXPECTED = {6: 4, 7: 40, 8: 92, 9: 352}



def main():
    loops, quick = parse_args(sys.argv)
    n = 6 if quick else 9
    for _ in range(loops):
        result = run(n)
    if result != EXPECTED[n]:
        raise AssertionError("nqueens_perm(%d): got %d, want %d" % (n, result, EXPECTED[n]))
    print("nqueens_perm(%d): %d solutions" % (n, result))


if __name__ == "__main__":
    main()
