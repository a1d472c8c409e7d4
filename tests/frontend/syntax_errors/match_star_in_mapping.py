# a star pattern in a mapping pattern
match x:
    case {'a': *b}:
        pass
