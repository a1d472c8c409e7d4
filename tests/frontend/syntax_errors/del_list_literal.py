# cannot delete list_literal
del [a, 1]
