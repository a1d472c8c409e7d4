# 'as' binding to a literal
match x:
    case a as 1:
        pass
