# Subject evaluated once, first matching case wins, no fall-through, no match is fine.
count = 0
def subject():
    global count
    count += 1
    return [1, 2]
match subject():
    case [1]:
        print('one')
    case [1, 2]:
        print('first matching case')
    case [1, _]:
        print('never: no fall-through')
print('subject evaluated', count, 'time(s)')
match 'nothing matches':
    case 'a':
        print('a')
print('after unmatched match')
match = 'match is a soft keyword'
case = 'so is case'
print(match, case)
_ = 'underscore as a name'
print(_)
match (1, 2):
    case _ if False:
        print('no')
    case (x, _):
        print('x', x)
def classify(cmd):
    match cmd.split():
        case ['go', direction]:
            return 'going ' + direction
        case ['pick', 'up', *items] if items:
            return 'picking ' + ', '.join(items)
        case ['quit' | 'exit']:
            return 'bye'
        case []:
            return 'empty command'
        case [verb, *_]:
            return 'unknown verb ' + verb
print(classify('go north'), '|', classify('pick up key lamp'), '|', classify('pick up'), '|', classify('exit'), '|', classify(''))
