# Ends with an uncaught ValueError from a starred unpacking two calls deep.
def split_record(record):
    key, value, *rest = record
    return key, value, rest

def load(records):
    return [split_record(r) for r in records]

print(load([('a', 1), ('b', 2, 3)]))
print(load([('c', 4), ('d',)]))
