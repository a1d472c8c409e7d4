# cannot delete tuple_call
del (a, f())
