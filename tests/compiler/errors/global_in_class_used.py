class Config:
    level = verbosity + 1
    global verbosity
