while cond:
    pass
else:
    break
