# dict unpacking in a dict comprehension with a condition
x = {**a for a in b if a}
