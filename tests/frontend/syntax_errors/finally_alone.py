# a 'finally' with no try
finally:
    pass
