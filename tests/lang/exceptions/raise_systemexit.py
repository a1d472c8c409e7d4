# raise SystemExit with no argument: exit status 0, no traceback; finally blocks run.
try:
    print('raising SystemExit')
    raise SystemExit
finally:
    print('finally runs')
print('not reached')
