# a truncated \u escape
x = '\u12'
