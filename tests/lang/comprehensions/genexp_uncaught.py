# Ends with an uncaught AttributeError raised inside a generator expression consumed by sum().
class Item:
    def __init__(self, price):
        self.price = price

items = [Item(3), Item(4), 5]
print(sum(i.price for i in items[:2]))
print(sum(i.price for i in items))
