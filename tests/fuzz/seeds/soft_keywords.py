match(x)
match[x]
case = 1
_ = match.case
print(match, case)
