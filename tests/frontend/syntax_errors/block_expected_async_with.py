# expected an indented block after async_with
async def f():
    async with a:
x = 1
