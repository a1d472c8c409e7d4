setting = 'original'
def get_setting():
    return setting
def set_setting(v):
    global setting
    setting = v
