class Widget:
    nonlocal parent
