# a base class after a keyword
class C(metaclass=M, Base):
    pass
