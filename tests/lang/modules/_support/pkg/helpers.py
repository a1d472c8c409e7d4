print('executing pkg.helpers, __package__ =', __package__)
helper_value = 'helper!'
def double(x):
    return x * 2
