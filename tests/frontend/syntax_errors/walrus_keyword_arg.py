# ':=' where a keyword argument's '=' belongs
f(a := 1 = 2)
