# expected an indented block after async_for
async def f():
    async for x in y:
x = 1
