# An exception raised inside a __str__ called by print propagates with the __str__ frame.
class Temperature:
    def __init__(self, kelvin):
        self.kelvin = kelvin
    def __str__(self):
        return f'{self.kelvin - 273.15:.1f} C'
print(Temperature(300))
print(Temperature('hot'))
