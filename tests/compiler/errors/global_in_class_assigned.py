class Config:
    debug = False
    global debug
