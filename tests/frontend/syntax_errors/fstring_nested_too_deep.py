# format specs nested too deeply
x = f'{a:{b:{c}}}'
