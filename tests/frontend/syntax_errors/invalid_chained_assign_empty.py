# a chained assignment ending in =
a = b =
