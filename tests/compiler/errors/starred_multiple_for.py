for *head, *tail in rows:
    pass
