# parenthesized with items never closed
with (a as b, c as d
