for item in items:
    def skip():
        continue
