from __future__ import annotations
def f(*, k: (z := 1)): pass
