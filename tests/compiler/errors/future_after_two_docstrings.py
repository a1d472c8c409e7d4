"""Module docstring."""
"""Not a docstring."""
from __future__ import annotations
