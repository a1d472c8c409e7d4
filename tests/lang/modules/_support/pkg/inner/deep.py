print('executing pkg.inner.deep, __package__ =', __package__)
from .. import sub
from ..helpers import double
from . import __name__ as inner_name
deep_value = double(sub.sub_value)
