from __future__ import braces

def f(a, a):
    pass
