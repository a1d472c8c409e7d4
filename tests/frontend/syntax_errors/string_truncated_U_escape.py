# a truncated \U escape
x = '\U0001F60'
