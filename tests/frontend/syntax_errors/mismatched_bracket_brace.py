# ']' closing '{'
x = {1: 2]
