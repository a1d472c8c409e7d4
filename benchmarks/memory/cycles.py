"""cycles: builds cyclic object graphs in a loop and drops them, so that only a cycle
collector keeps memory bounded. Each round makes:

  - a graph of Node instances pointing at each other (parent links up, child and "peer"
    links down and across), with a Sentinel that has __del__ and sits in the cycle;
  - lists and dicts that contain themselves;
  - closures that capture their own function (a recursive inner function: the function
    holds its closure cell, the cell holds the function);
  - exceptions caught into a local of the catching frame: exception -> traceback ->
    frame -> local -> exception.

Nothing of a round survives it, but every piece is a cycle, so reference counting alone
frees none of it: without a collector the process grows by ~1.3 MB a round, forever
(CPython with gc.disable(): 57 MB after the 40 rounds of one loop). A round's graph lives
through many young collections before it is dropped, so it reaches the older generations:
the peak also shows how promptly those are collected.
The peak RSS of a run is the measurement (tools/bench --memory runs this with two loop
counts: a flat peak is the goal).

Checked result: the counts and checksums are closed forms in the number of rounds;
every Sentinel must have been finalized once after a final gc.collect(), and all but a
fixed few (BACKLOG) already before it (the collector ran on its own during the loop).

  python3.11 benchmarks/memory/cycles.py [--loops N] [--quick]
"""
import gc
import sys

NODES = 2000        # nodes per graph
LISTS = 60          # self-containing lists and dicts per round
CLOSURES = 40       # self-capturing closures per round
ERRORS = 20         # caught exceptions kept in their frame per round
ROUNDS = 40         # rounds per loop
BACKLOG = 16        # at most this many graphs may wait for the final gc.collect()


def parse_args(argv):
    # [--loops N] [--quick], as benchmarks/_bench_args.py (not importable from here).
    loops, quick = 1, False
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg == "--quick":
            quick = True
        elif arg == "--loops" and i + 1 < len(argv):
            i += 1
            loops = int(argv[i])
        elif arg.startswith("--loops="):
            loops = int(arg[8:])
        else:
            raise SystemExit("usage: %s [--loops N] [--quick]" % argv[0])
        i += 1
    return loops, quick


finalized = 0


class Sentinel:
    def __init__(self, graph):
        self.graph = graph

    def __del__(self):
        global finalized
        finalized += 1


class Node:
    def __init__(self, ident, payload):
        self.ident = ident
        self.payload = payload
        self.children = []
        self.peers = []
        self.parent = None


def build_graph(seed):
    nodes = [Node(seed + i, [i, i + 1, i + 2, str(i)]) for i in range(NODES)]
    for i, node in enumerate(nodes):
        parent = nodes[i // 2]          # the root is its own parent
        node.parent = parent
        parent.children.append(node)
        node.peers.append(nodes[(i * 7 + 3) % NODES])
    nodes[0].sentinel = Sentinel(nodes)  # the sentinel -> the list -> node 0 -> the sentinel
    # Walk it the long way round: down the children from the root.
    total, stack = 0, [nodes[0]]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        total += node.ident
        stack.extend(c for c in node.children if c is not node)
    assert seen == NODES
    return total


def self_containers(seed):
    total = 0
    for i in range(LISTS):
        a = [seed, i]
        a.append(a)                     # a list inside itself
        b = [a, [a]]
        a.append(b)                     # and a longer loop through b
        d = {"i": i, "a": a}
        d["self"] = d
        total += len(a) + len(b) + len(d) + (a[2] is a) + (d["self"]["self"] is d)
    return total


def make_countdown(start):
    def step(n):
        # step refers to itself through its closure cell: function -> cell -> function.
        return start if n <= 0 else step(n - 1) + 1
    return step


def closures(seed):
    total = 0
    for i in range(CLOSURES):
        f = make_countdown(seed + i)
        total += f(3)
    return total


def fail(depth, tag):
    if depth == 0:
        raise ValueError(tag)
    scratch = [tag] * 4             # locals the traceback's frames keep alive
    fail(depth - 1, scratch[0])


def catch(i):
    try:
        fail(3, "e%d" % i)
    except ValueError as e:
        kept = e                    # frame -> kept -> exception -> traceback -> frame
    return len(kept.args[0]) + (kept.__traceback__ is not None)


def exceptions():
    total = 0
    for i in range(ERRORS):
        total += catch(i)
    return total


def expected_round(r):
    seed = r * NODES
    graph = NODES * seed + NODES * (NODES - 1) // 2
    lists = LISTS * (4 + 2 + 3 + 1 + 1)
    clos = sum(seed + i + 3 for i in range(CLOSURES))
    errs = sum(len("e%d" % i) + 1 for i in range(ERRORS))
    return graph + lists + clos + errs


def main():
    loops, quick = parse_args(sys.argv)
    rounds = (ROUNDS // 20 if quick else ROUNDS) * loops
    total = 0
    for r in range(rounds):
        seed = r * NODES
        total += build_graph(seed)
        total += self_containers(seed)
        total += closures(seed)
        total += exceptions()
    assert total == sum(expected_round(r) for r in range(rounds)), total
    # The collector ran during the loop: all but the last few graphs were already
    # finalized (without a collector none would be), and the backlog does not grow with
    # the number of rounds (CPython 3.11 leaves 8 for the final collection, 40 or 160 rounds).
    backlog = rounds - finalized
    assert backlog <= BACKLOG, (backlog, rounds)
    gc.collect()
    assert finalized == rounds, (finalized, rounds)
    print("cycles: %d rounds, checksum %d" % (rounds, total))


if __name__ == "__main__":
    main()
