print('executing pkg.sub')
from .helpers import double
from . import pkg_level
sub_value = double(21)
def describe():
    return f'{__name__} sees {pkg_level!r}'
