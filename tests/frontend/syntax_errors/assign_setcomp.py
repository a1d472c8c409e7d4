# cannot assign to setcomp
{x for x in y} = 1
