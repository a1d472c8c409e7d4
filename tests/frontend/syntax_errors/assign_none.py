# cannot assign to none
None = 1
