# TypeError from calling a function with the wrong arguments.
def connect(host, port, *, timeout=10):
    return f'{host}:{port}/{timeout}'
print(connect('h', 1))
print(connect('h', 1, timeout=5))
connect('h', 1, 5)
