# Exception notes (add_note, new in 3.11) appear after the message in tracebacks.
e = ValueError('with notes')
e.add_note('first note')
e.add_note('second note\nspanning two lines')
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as err:
    print(type(err).__name__, err)
def parse(text):
    try:
        return int(text)
    except ValueError as exc:
        exc.add_note(f'while parsing {text!r}')
        raise
print(parse('12'))
parse('twelve')
