# a bad escape followed by a stray backslash
x = '\\U0001' \\ y
