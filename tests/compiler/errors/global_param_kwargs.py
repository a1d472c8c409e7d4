def build(**options):
    global options
