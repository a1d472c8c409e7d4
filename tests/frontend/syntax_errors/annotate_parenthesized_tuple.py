# annotating a parenthesized tuple
(a, b): int
