# The messages of failed unpacking.
def attempt(label, fn):
    try:
        fn()
        print(label, 'ok')
    except (ValueError, TypeError) as e:
        print(label, type(e).__name__, e)
def two(v):
    a, b = v
def three(v):
    a, b, c = v
def star(v):
    a, b, *c = v
def star_end(v):
    a, *b, c, d = v
def one(v):
    (a,) = v
attempt('two from 3', lambda: two([1, 2, 3]))
attempt('two from 1', lambda: two([1]))
attempt('two from 0', lambda: two([]))
attempt('three from 2', lambda: three((1, 2)))
attempt('three from 5', lambda: three('abcde'))
attempt('two from str5', lambda: two('hello'))
attempt('star from 1', lambda: star([1]))
attempt('star_end from 2', lambda: star_end([1, 2]))
attempt('one from 2', lambda: one([1, 2]))
attempt('two from int', lambda: two(5))
attempt('two from None', lambda: two(None))
attempt('two from gen', lambda: two(x for x in range(10)))
attempt('two from iter', lambda: two(iter([1, 2, 3, 4])))
attempt('two from dict', lambda: two({'a': 1}))
attempt('three from set', lambda: three({1, 2, 3, 4}))
attempt('star from int', lambda: star(3.5))
def nested(v):
    (a, b), c = v
attempt('nested', lambda: nested([(1, 2, 3), 4]))
attempt('nested 2', lambda: nested([1, 2]))
