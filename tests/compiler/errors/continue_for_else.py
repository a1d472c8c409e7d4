for x in xs:
    pass
else:
    continue
