for *item in rows:
    pass
