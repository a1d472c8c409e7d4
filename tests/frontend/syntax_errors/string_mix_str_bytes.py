# str and bytes literals concatenated
x = b'a' 'b'
