while True:
    try:
        run()
    except* (KeyError, OSError) as eg:
        continue
