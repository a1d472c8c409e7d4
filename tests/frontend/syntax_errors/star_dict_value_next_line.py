# a starred dictionary value, the brace on the next line
x = {1: *a
}
