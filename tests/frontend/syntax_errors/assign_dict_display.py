# cannot assign to dict_display
{a: b} = 1
