# expected an indented block after case
match x:
    case 1:
x = 1
