# An uncaught SyntaxError from exec of a string: shown with <string>, the line and a caret.
source = 'x = 1\ny = (x +\n'
print('compiling')
exec('z = 1')
print(z)
exec('value = 1 +* 2')
