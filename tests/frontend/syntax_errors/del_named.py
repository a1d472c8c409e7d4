# cannot delete named
del (a := 1)
