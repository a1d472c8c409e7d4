from __future__ import annotations
def g():
    obj.attr: (yield from y)
