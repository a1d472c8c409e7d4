# exec as a statement
exec "x = 1"
