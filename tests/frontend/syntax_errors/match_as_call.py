# a call as the target of an as pattern
match x:
    case a as f():
        pass
