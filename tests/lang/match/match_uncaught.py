# Ends with an uncaught TypeError raised while matching a class pattern.
class Pair:
    __match_args__ = ('left',)
    def __init__(self, left, right):
        self.left = left
        self.right = right

def show(v):
    match v:
        case Pair(l, r):
            return f'{l}-{r}'
        case _:
            return 'not a pair'

print(show(3))
print(show(Pair(1, 2)))
