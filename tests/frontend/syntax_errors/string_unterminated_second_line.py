# an unterminated string after a continuation
x = ('abc'
     'def)
