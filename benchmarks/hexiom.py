"""hexiom: a Hexiom-style puzzle solver.  On a hexagonal board of radius 2
(19 cells) a bag of numbered tiles must be placed so that every tile shows
exactly how many of its six neighbours hold a tile.  Each puzzle is made
from a random occupied set; the solver counts every arrangement.

Backtracking with constraint checks, small lists, tuple lookups.  The
solution counts were confirmed by brute force over all 2**19 occupied sets
(an arrangement is fixed by its occupied set, since each tile's number is
then its neighbour count).
"""
import sys
from _bench_args import parse_args

RADIUS = 2


def make_board(radius):
    cells = [(q, r) for r in range(-radius, radius + 1)
             for q in range(-radius, radius + 1) if abs(q + r) <= radius]
    index = {c: i for i, c in enumerate(cells)}
    neighbours = []
    for q, r in cells:
        adj = []
        for dq, dr in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1)):
            other = (q + dq, r + dr)
            if other in index:
                adj.append(index[other])
        neighbours.append(tuple(adj))
    return cells, neighbours


CELLS, NEIGHBOURS = make_board(RADIUS)
NCELLS = len(CELLS)
UNDECIDED = -2
EMPTY = -1
HINT_PERCENT = 25


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 15) % n


def make_puzzle(rng):
    """From a random occupied set: the bag of tile counts (index = number
    shown) and some revealed cells (cell -> EMPTY or the tile's number),
    the locked cells of a Hexiom puzzle."""
    occupied = [rng.below(100) < 55 for _ in range(NCELLS)]
    bag = [0] * 7
    hints = {}
    for i in range(NCELLS):
        value = EMPTY
        if occupied[i]:
            value = sum(1 for j in NEIGHBOURS[i] if occupied[j])
            bag[value] += 1
        if rng.below(100) < HINT_PERCENT:
            hints[i] = value
    return bag, hints


class Solver:
    def __init__(self, bag, hints):
        self.bag = list(bag)
        self.grid = [UNDECIDED] * NCELLS
        self.locked = [False] * NCELLS
        for cell, value in hints.items():
            self.grid[cell] = value
            self.locked[cell] = True
            if value != EMPTY:
                self.bag[value] -= 1
        self.left = sum(self.bag)
        self.free_after = [0] * (NCELLS + 1)
        for cell in range(NCELLS - 1, -1, -1):
            self.free_after[cell] = self.free_after[cell + 1] + (not self.locked[cell])
        self.solutions = 0

    def consistent(self, cell):
        """The tiles at cell and around it can still reach their numbers."""
        grid = self.grid
        for c in (cell,) + NEIGHBOURS[cell]:
            v = grid[c]
            if v < 0:
                continue
            occupied = undecided = 0
            for n in NEIGHBOURS[c]:
                g = grid[n]
                if g == UNDECIDED:
                    undecided += 1
                elif g != EMPTY:
                    occupied += 1
            if occupied > v or occupied + undecided < v:
                return False
        return True

    def solve(self, cell):
        if cell == NCELLS:
            self.solutions += 1
            return
        if self.locked[cell]:
            if self.consistent(cell):
                self.solve(cell + 1)
            return
        grid = self.grid
        bag = self.bag
        if self.free_after[cell] > self.left:
            grid[cell] = EMPTY
            if self.consistent(cell):
                self.solve(cell + 1)
        if self.left:
            degree = len(NEIGHBOURS[cell])
            for v in range(degree + 1):
                if bag[v]:
                    bag[v] -= 1
                    self.left -= 1
                    grid[cell] = v
                    if self.consistent(cell):
                        self.solve(cell + 1)
                    bag[v] += 1
                    self.left += 1
        grid[cell] = UNDECIDED


def run(puzzles):
    rng = Lcg(7)
    total = 0
    most = 0
    for _ in range(puzzles):
        bag, hints = make_puzzle(rng)
        solver = Solver(bag, hints)
        solver.solve(0)
        if solver.solutions < 1:
            raise AssertionError("hexiom: a generated puzzle has no solution")
        total += solver.solutions
        most = max(most, solver.solutions)
    return total, most


EXPECTED = {3: (337, 333), 40: (1844, 333)}



def main():
    loops, quick = parse_args(sys.argv)
    puzzles = 3 if quick else 40
    for _ in range(loops):
        result = run(puzzles)
    if result != EXPECTED[puzzles]:
        raise AssertionError("hexiom(%d): got %r, want %r" % (puzzles, result, EXPECTED[puzzles]))
    print("hexiom: %d puzzles, %d solutions in all, at most %d for one"
          % (puzzles, result[0], result[1]))


if __name__ == "__main__":
    main()
