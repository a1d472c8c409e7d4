# Implicit chaining: "During handling of the above exception, another exception occurred:".
def load(config):
    try:
        return config['port']
    except KeyError:
        raise ValueError('port missing from config')
print(load({'port': 80}))
load({})
