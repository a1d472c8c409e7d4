# dict unpacking in a dict comprehension
x = {**a for a in b}
