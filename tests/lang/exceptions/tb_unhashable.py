# TypeError for an unhashable dict key built from a list.
counts = {}
for word in ['a', 'b', 'a']:
    counts[word] = counts.get(word, 0) + 1
print(sorted(counts.items()))
key = ['a', 'b']
counts[key] = 1
