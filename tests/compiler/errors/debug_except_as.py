try:
    pass
except ValueError as __debug__:
    pass
