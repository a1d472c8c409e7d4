# cannot assign to dict
{} = 1
