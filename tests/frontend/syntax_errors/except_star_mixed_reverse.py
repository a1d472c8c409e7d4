# 'except*' then 'except' on one try
try:
    pass
except* ValueError:
    pass
except TypeError:
    pass
