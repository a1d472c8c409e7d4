x = '\x41\u0042\U00000043\N{LATIN SMALL LETTER A}\101\777\q\
' b'\xff\z' r'\'
