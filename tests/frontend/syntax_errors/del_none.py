# cannot delete none
del None
