# cannot assign to string
'a' = 1
