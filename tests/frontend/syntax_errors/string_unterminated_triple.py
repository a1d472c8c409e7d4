# an unterminated triple-quoted string
x = """abc
def

ghi
