cb = lambda: await x
