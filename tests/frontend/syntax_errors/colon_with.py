# expected ':' after with
with open(x) as f
    pass
