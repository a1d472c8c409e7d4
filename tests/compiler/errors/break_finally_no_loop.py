try:
    work()
finally:
    break
