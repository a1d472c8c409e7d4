print('executing pkg/__init__, __name__ =', __name__, '__package__ =', __package__)
pkg_level = 'defined in pkg/__init__'
from . import helpers
from .helpers import helper_value as reexported
