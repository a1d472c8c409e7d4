# Exception thrown into a generator with throw(): the generator frame appears in the traceback.
def worker():
    while True:
        try:
            job = yield
            print('job', job)
        except ValueError:
            print('recovered from ValueError')
g = worker()
next(g)
g.send(1)
g.throw(ValueError)
g.send(2)
g.throw(TypeError('fatal'))
