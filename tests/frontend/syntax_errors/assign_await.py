# cannot assign to await
async def f():
    await x = 1
