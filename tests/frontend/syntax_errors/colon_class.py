# expected ':' after class
class C
    pass
