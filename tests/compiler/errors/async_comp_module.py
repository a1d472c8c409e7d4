results = [x async for x in stream]
