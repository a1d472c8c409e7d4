if ready:
    break
