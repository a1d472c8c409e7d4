x = (u'a' R'b' Rb'c' bR'd' F'e' fR'g' BR'h' rB'i' U'j')
