class Model(Base, meta=1, meta=2):
    pass
