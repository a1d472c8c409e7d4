def f(data):
    hits = [m for x in data if (m := x)]
    global m
