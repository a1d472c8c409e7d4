def outer():
    def inner():
        from collections import *
