# a mapping pattern with a capture as key
match x:
    case {a: 1}:
        pass
