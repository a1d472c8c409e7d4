def bump():
    counter += 1
    global counter
