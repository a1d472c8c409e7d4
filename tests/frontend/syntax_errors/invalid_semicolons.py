# two semicolons in a row
x = 1; ;
