# a call never closed
print("hello"
