run(task,
    __debug__=True)
