# cannot assign to list_literal
[a, 1] = x
