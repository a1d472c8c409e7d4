def load():
    from os.path import *
