def scan(items):
    for item in items:
        pass
    global item
