async def ticks():
    while True:
        yield
        if done:
            return None
