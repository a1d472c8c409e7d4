x = f"{a!r:>{width}.{prec}} {b=} {{lit}} {c:{d}{e}}" f'{f"{g}"}' rf"\{h}"
