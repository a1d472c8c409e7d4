# Uncaught KeyError: the message is the repr of the key.
inventory = {'apples': 3, ('x', 1): 'tuple key'}
print(inventory['apples'], inventory[('x', 1)])
key = 'pears'
print(inventory[key])
