# expected ':' after async_def
async def f()
    pass
