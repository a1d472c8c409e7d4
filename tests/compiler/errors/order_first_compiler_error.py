class C:
    def m(self):
        break
    yield
