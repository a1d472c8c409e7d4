def call(*rest, **rest):
    pass
