# expected an indented block after async_def
async def f():
x = 1
