def gen(n):
    yield n
    yield from range(n)


async def coro(session):
    async with session as s:
        async for item in s:
            await item
