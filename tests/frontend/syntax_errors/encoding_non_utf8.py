# no encoding declared
x = "café"
