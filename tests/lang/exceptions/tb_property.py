# Traceback through a property getter and an operator dunder.
class Money:
    def __init__(self, cents):
        self.cents = cents
    @property
    def dollars(self):
        return self.cents / 100
    def __add__(self, other):
        return Money(self.cents + other.cents)
m = Money(250)
print(m.dollars)
total = m + 5
