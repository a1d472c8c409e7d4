print('broken_mod starting')
partial = 'set before the error'
1 / 0
