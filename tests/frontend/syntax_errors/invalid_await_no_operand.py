# await with no operand
async def f():
    await
