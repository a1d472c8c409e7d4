def f():
    for x in xs:
        pass
    continue
