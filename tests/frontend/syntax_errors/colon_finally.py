# expected ':' after finally
try:
    pass
finally
    pass
