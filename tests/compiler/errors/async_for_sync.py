def f(stream):
    async for chunk in stream:
        print(chunk)
