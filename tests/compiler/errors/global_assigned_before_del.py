def drop():
    del cache
    global cache
