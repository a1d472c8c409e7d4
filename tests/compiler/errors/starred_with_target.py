with manager() as *parts:
    pass
