async def main():
    callback = lambda: await fetch()
