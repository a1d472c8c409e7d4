class C:
    def method(self, arg=(yield)):
        pass
