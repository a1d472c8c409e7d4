# two statements without separator
x = 1 y = 2
