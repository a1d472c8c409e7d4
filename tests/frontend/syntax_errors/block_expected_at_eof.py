# an if statement with no body at the end of the file
if x:
