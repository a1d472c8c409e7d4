def f(stream):
    return {x: 1 async for x in stream}
