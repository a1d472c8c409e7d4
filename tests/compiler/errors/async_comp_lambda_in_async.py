async def f(stream):
    return lambda: [x async for x in stream]
