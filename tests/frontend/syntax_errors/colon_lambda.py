# expected ':' after lambda
f = lambda x x
