# a starred dictionary value in a case guard
match x:
    case 1 if {a: *b}:
        pass
