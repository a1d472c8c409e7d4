# A generator used as a tokenizer/state machine.
def tokenize(text):
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c.isdigit():
            j = i
            while j < n and text[j].isdigit():
                j += 1
            yield ('NUM', int(text[i:j]))
            i = j
        elif c.isalpha() or c == '_':
            j = i
            while j < n and (text[j].isalnum() or text[j] == '_'):
                j += 1
            yield ('NAME', text[i:j])
            i = j
        elif c in '+-*/()=':
            yield ('OP', c)
            i += 1
        else:
            raise SyntaxError(f'bad character {c!r} at {i}')
    yield ('END', None)
for tok in tokenize('x1 = (a + 42) * b_2'):
    print(tok)
try:
    list(tokenize('a $ b'))
except SyntaxError as e:
    print(type(e).__name__, e)
# a recursive-descent evaluator pulling tokens from the generator
def evaluate(text, env):
    toks = tokenize(text)
    cur = [next(toks)]
    def advance():
        t = cur[0]
        cur[0] = next(toks)
        return t
    def expr():
        v = term()
        while cur[0] in (('OP', '+'), ('OP', '-')):
            op = advance()[1]
            v = v + term() if op == '+' else v - term()
        return v
    def term():
        v = atom()
        while cur[0] in (('OP', '*'), ('OP', '/')):
            op = advance()[1]
            v = v * atom() if op == '*' else v // atom()
        return v
    def atom():
        kind, val = advance()
        if kind == 'NUM':
            return val
        if kind == 'NAME':
            return env[val]
        if (kind, val) == ('OP', '('):
            v = expr()
            advance()
            return v
        if (kind, val) == ('OP', '-'):
            return -atom()
        raise SyntaxError(f'unexpected {val!r}')
    return expr()
print(evaluate('1 + 2 * 3', {}))
print(evaluate('(a + 42) * b - -1', {'a': 1, 'b': 2}))
print(evaluate('100 / 7 / 2', {}))
