# An error raised while executing a class body: the frame is named after the class.
class Settings:
    debug = False
    level = 1
class Derived(Settings):
    verbose = debug
