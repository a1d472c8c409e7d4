for item in items:
    if item:
        return item
