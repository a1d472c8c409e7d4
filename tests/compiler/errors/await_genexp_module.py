gen = (x for x in await source())
