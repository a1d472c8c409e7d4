# NameError with a "Did you mean" suggestion for a local/global name.
def compute():
    counter = 5
    return countr + 1
total_count = 1
print(total_count)
compute()
