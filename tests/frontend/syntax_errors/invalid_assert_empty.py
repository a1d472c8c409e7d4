# assert with no test
assert
