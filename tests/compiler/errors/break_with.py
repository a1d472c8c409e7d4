with open(path) as fh:
    break
