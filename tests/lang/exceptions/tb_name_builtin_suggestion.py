# NameError suggesting a built-in name ("lenght" is too far from "len"; "pritn" is close to "print").
values = [1, 2, 3]
print(len(values))
try:
    lenght(values)
except NameError as e:
    print(type(e).__name__, e)
pritn(values)
