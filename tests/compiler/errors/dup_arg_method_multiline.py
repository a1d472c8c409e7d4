class Point:
    def __init__(self,
                 x,
                 y,
                 x):
        pass
