class Service:
    def start(self, *, timeout=10):
        if timeout:
            global timeout
