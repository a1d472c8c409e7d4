*rest = values
