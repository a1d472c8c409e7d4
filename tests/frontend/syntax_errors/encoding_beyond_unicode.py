# a byte that starts no UTF-8 sequence
x = "õ€€€"
