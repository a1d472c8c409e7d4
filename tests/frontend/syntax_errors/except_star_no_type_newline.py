# except* with nothing after it
try:
    pass
except*
