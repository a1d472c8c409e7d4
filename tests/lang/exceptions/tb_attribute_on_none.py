# AttributeError on None returned by a function, with the caret under the attribute access.
def find(items, target):
    for i in items:
        if i == target:
            return {'name': i}
record = find(['a', 'b'], 'a')
print(record['name'])
missing = find(['a', 'b'], 'z')
print(missing.get('name'))
