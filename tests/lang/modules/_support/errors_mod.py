class AppError(Exception):
    pass
def validate(x):
    if x < 0:
        raise AppError(f'negative value: {x}')
    return x
def process(items):
    return [validate(i) for i in items]
