# expected ':' after while
while True
    pass
