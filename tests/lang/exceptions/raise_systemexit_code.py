# SystemExit can be caught; an uncaught SystemExit(code) sets the exit status silently.
try:
    raise SystemExit(5)
except SystemExit as e:
    print('caught', e.code)
raise SystemExit(7)
