# an if statement followed only by blank lines
if x:


