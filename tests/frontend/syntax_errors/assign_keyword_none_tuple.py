# cannot assign to keyword_none_tuple
a, None = 1, 2
