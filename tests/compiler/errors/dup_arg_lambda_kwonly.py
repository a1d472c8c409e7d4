handlers = {
    'sum': lambda *values, values=0: values,
}
