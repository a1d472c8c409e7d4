from __future__ import annotations
def f() -> (t := int):
    pass
