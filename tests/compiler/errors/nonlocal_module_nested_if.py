if True:
    while False:
        nonlocal ñ, m
