# annotating a list
[a]: int
