# a typographic quote
x = “quoted”
