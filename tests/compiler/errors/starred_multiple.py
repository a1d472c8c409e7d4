first, *middle, *rest = values
