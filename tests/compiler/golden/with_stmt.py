with open('f') as f, lock:
    data = f.read()
