# Ends with an uncaught ValueError raised three calls deep.
def parse(text):
    return int(text)

def parse_all(items):
    return [parse(t) for t in items]

def main():
    print(parse_all(['1', '2', '3']))
    print(parse_all(['4', 'five', '6']))

main()
