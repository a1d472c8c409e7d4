# unparenthesized exception types after 'except*'
try:
    pass
except* ValueError, TypeError:
    pass
