class Namespace:
    from math import *
