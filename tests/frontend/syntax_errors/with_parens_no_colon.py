# parenthesized with items without a colon
with (a, b)
