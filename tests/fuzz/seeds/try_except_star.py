try:
    pass
except* (ValueError, TypeError) as e:
    raise
except* OSError:
    pass
else:
    pass
finally:
    pass
