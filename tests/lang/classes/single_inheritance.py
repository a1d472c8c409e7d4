# Single inheritance: overriding, calling base methods, isinstance/issubclass.
class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f'{self.name} says {self.sound}'
    def kind(self):
        return 'animal'
class Dog(Animal):
    sound = 'woof'
    def kind(self):
        return 'dog/' + Animal.kind(self)
class Puppy(Dog):
    def __init__(self, name, age):
        Dog.__init__(self, name)
        self.age = age
    def speak(self):
        return Dog.speak(self) + f' (age {self.age})'
for obj in [Animal('x'), Dog('rex'), Puppy('bit', 1)]:
    print(obj.speak(), obj.kind())
print(issubclass(Puppy, Animal), issubclass(Animal, Puppy), issubclass(Dog, Dog))
print(isinstance(Puppy('a', 2), Dog), isinstance(Dog('b'), Puppy))
print(issubclass(Dog, (int, Animal)))
print(Puppy.__bases__[0].__name__, Puppy.__base__.__name__)
print([c.__name__ for c in Puppy.__mro__])
print([c.__name__ for c in Puppy.mro()])
print(issubclass(bool, int), issubclass(int, object))
print([c.__name__ for c in Animal.__subclasses__()])
try:
    issubclass(Dog(''), Animal)
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Bad(3):
        pass
except TypeError as e:
    print(type(e).__name__, e)
