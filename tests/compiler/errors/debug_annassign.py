__debug__: bool
