# a truncated \x escape
x = '\x1'
