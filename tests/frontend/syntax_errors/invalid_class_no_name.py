# a class statement without a name
class :
    pass
