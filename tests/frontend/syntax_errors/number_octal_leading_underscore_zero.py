# leading zeros with underscores
x = 0_7
