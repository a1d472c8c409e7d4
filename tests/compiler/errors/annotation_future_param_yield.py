from __future__ import annotations
def g():
    def f(x: (yield)):
        pass
