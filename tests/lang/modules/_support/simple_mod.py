"""A simple support module."""
print('executing simple_mod, __name__ =', __name__)
value = 42
names = ['a', 'b']
def greet(who):
    return f'hello {who} from {__name__}'
class Thing:
    def __repr__(self):
        return 'Thing()'
_hidden = 'underscore'
