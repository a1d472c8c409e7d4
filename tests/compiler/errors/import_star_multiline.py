def f():
    from email.mime import (
        text)
    from os import *
