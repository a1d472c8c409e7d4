class Stats:
    squares = [(last := n * n) for n in range(10)]
