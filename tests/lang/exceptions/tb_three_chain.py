# A chain of three exceptions mixing implicit context and explicit cause.
def read():
    return {}['data']
def parse():
    try:
        return read()
    except KeyError as e:
        raise ValueError('parse failed') from e
def main():
    try:
        parse()
    except ValueError:
        raise RuntimeError('main failed')
main()
