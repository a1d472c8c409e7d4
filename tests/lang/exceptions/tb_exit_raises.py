# __exit__ raising while handling an exception from the with body.
class Resource:
    def __enter__(self):
        print('acquired')
        return self
    def __exit__(self, et, ev, tb):
        print('releasing after', et.__name__)
        raise RuntimeError('release failed')
with Resource():
    x = [][0]
