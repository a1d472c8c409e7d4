def f(rows):
    return [c for r in rows for c in (yield r)]
