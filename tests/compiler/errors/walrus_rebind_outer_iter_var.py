grid = [[(row := 0) for col in cols] for row in rows]
