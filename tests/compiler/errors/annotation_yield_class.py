class Record:
    field: (yield)
