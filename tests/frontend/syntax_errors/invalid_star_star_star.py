# three stars
x = a *** b
