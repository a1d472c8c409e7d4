class Counter:
    count = 0
    def increment(self):
        nonlocal count
        count += 1
