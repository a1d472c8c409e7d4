# Ends with an uncaught TypeError from argument binding.
def connect(host, port, *, timeout=10):
    return f'{host}:{port} ({timeout}s)'

print(connect('localhost', 80))
print(connect('localhost', port=8080, timeout=1))
print(connect('localhost', 80, 5))
