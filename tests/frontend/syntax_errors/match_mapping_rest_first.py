# a mapping pattern with **rest first
match x:
    case {**rest, 'a': 1}:
        pass
