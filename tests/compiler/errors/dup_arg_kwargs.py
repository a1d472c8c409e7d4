def call(fn, **fn):
    pass
