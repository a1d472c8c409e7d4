def report():
    print(total)
    global total
