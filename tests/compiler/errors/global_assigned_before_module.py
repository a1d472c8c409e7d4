größe = 1
if größe:
    global größe
