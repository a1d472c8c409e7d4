for attempt in range(3):
    try:
        run()
    except* ValueError:
        break
