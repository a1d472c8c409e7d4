# an async def with an arrow and no annotation
async def f() -> :
    pass
