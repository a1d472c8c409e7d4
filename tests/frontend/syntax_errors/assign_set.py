# cannot assign to set
{a, b} = 1
