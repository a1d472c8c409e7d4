# a truncated \x escape in bytes
x = b'ab\x4'
