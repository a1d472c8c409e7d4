while True:
    class Stop:
        break
