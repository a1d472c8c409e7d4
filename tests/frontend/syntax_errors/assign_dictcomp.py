# cannot assign to dictcomp
{x: 1 for x in y} = 1
