items = [x for x in (data := load())]
