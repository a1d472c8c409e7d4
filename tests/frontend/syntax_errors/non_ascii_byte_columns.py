# an error after a non-ASCII character in an undeclared file
x = 'café' +
