def f(data):
    return [
        (yield item)
        for item in data
    ]
