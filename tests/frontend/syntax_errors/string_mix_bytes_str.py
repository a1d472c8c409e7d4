# bytes and str literals concatenated
x = 'a' b'b'
