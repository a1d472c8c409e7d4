# NameError with no close match: no suggestion line.
alpha = 1
print(alpha)
print(zzzzqqqq)
