async def main():
    class Inner:
        data = await fetch()
