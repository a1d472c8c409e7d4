# a type alias statement (new in 3.12)
type X = int
