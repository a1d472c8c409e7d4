# nested brackets never closed
x = f(a, [b, (c,
