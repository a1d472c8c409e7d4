g = lambda: [(yield) for x in y]
