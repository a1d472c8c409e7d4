@decorator
class C(Base, metaclass=Meta):
    """Docstring."""
    attr = 1

    def method(self):
        return super().method()

    @property
    def value(self):
        return self._value
