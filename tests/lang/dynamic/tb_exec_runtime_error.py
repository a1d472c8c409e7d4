# An uncaught error raised by code run through exec: frames in "<string>" have no source line.
code = '''
def helper(n):
    return 10 // n
result = helper(2)
result = helper(0)
'''
ns = {}
try:
    exec(code, ns)
except ZeroDivisionError as e:
    print('caught once:', e, ns['result'])
exec(compile(code, 'generated.py', 'exec'), {})
