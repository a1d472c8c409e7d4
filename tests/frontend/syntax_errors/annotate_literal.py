# annotating a literal
1: int
