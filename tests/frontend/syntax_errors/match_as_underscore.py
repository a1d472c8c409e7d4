# binding '_' with as
match x:
    case y as _:
        pass
