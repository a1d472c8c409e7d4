# a \U escape past U+10FFFF
x = '\U00110000'
