match p:
    case {"k": [1, *rest], **kw} if rest:
        pass
    case Point(x=0, y=-1.5+2j) | None as q:
        pass
    case [_, (a, b), *_]:
        pass
    case _:
        pass
match = case = 1
