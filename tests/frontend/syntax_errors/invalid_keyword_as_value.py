# a keyword where a value is expected
x = if
