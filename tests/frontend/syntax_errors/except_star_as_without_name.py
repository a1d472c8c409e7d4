# 'except*' ... as without a name
try:
    pass
except* ValueError as:
    pass
