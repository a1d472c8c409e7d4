# a parenthesized starred expression as a target
(*a) = 1
