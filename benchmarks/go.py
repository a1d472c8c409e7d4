"""go: random playouts of Go on a 9x9 board, the inner loop of a Monte-Carlo
Go player.

Groups are kept incrementally (stone lists and liberty sets, merged on
contact, freed on capture), so the workload is set operations, small
objects and list scans.  Moves are chosen by a deterministic LCG among the
legal points that do not fill the mover's own one-point eye; simple ko is
respected; a game ends after two passes.  The totals were confirmed by an
independent version that recomputes every group by flood fill.
"""
import sys
from _bench_args import parse_args

SIZE = 9
EMPTY, BLACK, WHITE = 0, 1, 2


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 15) % n


def make_neighbours(size):
    result = []
    for p in range(size * size):
        row, col = divmod(p, size)
        adj = []
        if row > 0:
            adj.append(p - size)
        if col > 0:
            adj.append(p - 1)
        if col < size - 1:
            adj.append(p + 1)
        if row < size - 1:
            adj.append(p + size)
        result.append(adj)
    return result


NEIGHBOURS = make_neighbours(SIZE)


class Group:
    __slots__ = ("color", "stones", "liberties")

    def __init__(self, color, stone):
        self.color = color
        self.stones = [stone]
        self.liberties = set()


class Board:
    def __init__(self):
        self.points = [None] * (SIZE * SIZE)
        self.ko = -1

    def is_legal(self, p, color):
        if self.points[p] is not None or p == self.ko:
            return False
        eye = True
        safe = False
        for q in NEIGHBOURS[p]:
            g = self.points[q]
            if g is None:
                eye = False
                safe = True
            elif g.color != color:
                eye = False
                if len(g.liberties) == 1:
                    safe = True
            elif len(g.liberties) > 1:
                safe = True
        return safe and not eye

    def play(self, p, color):
        points = self.points
        group = Group(color, p)
        points[p] = group
        for q in NEIGHBOURS[p]:
            g = points[q]
            if g is None:
                group.liberties.add(q)
            elif g.color == color and g is not group:
                for s in g.stones:
                    points[s] = group
                group.stones.extend(g.stones)
                group.liberties |= g.liberties
        group.liberties.discard(p)
        captured = []
        for q in NEIGHBOURS[p]:
            g = points[q]
            if g is not None and g.color != color:
                g.liberties.discard(p)
                if not g.liberties:
                    self.remove(g)
                    captured.extend(g.stones)
        if len(captured) == 1 and len(group.stones) == 1 and len(group.liberties) == 1:
            self.ko = captured[0]
        else:
            self.ko = -1

    def remove(self, group):
        points = self.points
        for s in group.stones:
            points[s] = None
        for s in group.stones:
            for q in NEIGHBOURS[s]:
                g = points[q]
                if g is not None:
                    g.liberties.add(s)

    def score(self):
        """Area score: stones plus empty regions touching one colour only."""
        colors = [EMPTY if g is None else g.color for g in self.points]
        totals = [0, 0, 0]
        seen = [False] * len(colors)
        for p, c in enumerate(colors):
            if c != EMPTY:
                totals[c] += 1
            elif not seen[p]:
                region = [p]
                seen[p] = True
                borders = 0
                i = 0
                while i < len(region):
                    for q in NEIGHBOURS[region[i]]:
                        if colors[q] == EMPTY:
                            if not seen[q]:
                                seen[q] = True
                                region.append(q)
                        else:
                            borders |= colors[q]
                    i += 1
                if borders == BLACK or borders == WHITE:
                    totals[borders] += len(region)
        return totals[BLACK], totals[WHITE], colors


def playout(rng):
    board = Board()
    color = BLACK
    passes = 0
    moves = 0
    all_points = range(SIZE * SIZE)
    while passes < 2 and moves < 1000:
        legal = [p for p in all_points if board.is_legal(p, color)]
        if legal:
            board.play(legal[rng.below(len(legal))], color)
            passes = 0
        else:
            passes += 1
        moves += 1
        color = BLACK + WHITE - color
    return moves, board.score()


def run(games):
    rng = Lcg(12345)
    total_moves = black = white = checksum = 0
    for _ in range(games):
        moves, (b, w, colors) = playout(rng)
        total_moves += moves
        black += b
        white += w
        for c in colors:
            checksum = (checksum * 3 + c) % 1000000007
    return total_moves, black, white, checksum


EXPECTED = {
    2: (1096, 59, 103, 816862557),
    40: (8833, 1569, 1671, 926914692),
    80: (18707, 2916, 3564, 438072037),
}



def main():
    loops, quick = parse_args(sys.argv)
    games = 2 if quick else 80
    for _ in range(loops):
        result = run(games)
    if result != EXPECTED[games]:
        raise AssertionError("go(%d): got %r, want %r" % (games, result, EXPECTED[games]))
    print("go: %d playouts, %d moves, black %d, white %d, checksum %d"
          % ((games,) + result))


if __name__ == "__main__":
    main()
