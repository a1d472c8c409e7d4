r = [(a, b) for a in xs if (b := a)
     for c, b in ys]
