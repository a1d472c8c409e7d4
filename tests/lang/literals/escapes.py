# Escape sequences in str and bytes.
for s in ['\n', '\t', '\\', '\'', '\"', '\a', '\b', '\f', '\v', '\r', '\0', '\00', '\000', '\7',
          '\101', '\x41', '\u0041', '\U00000041', '\x00', '\xff', '\u00e9', '\377', '\1010']:
    print(repr(s), len(s), [ord(c) for c in s])
b = b'\x00\x7f\x80\xff\n\t\\\'\101'
print(b, len(b), list(b))
print(repr(b'\u0041'), len(b'\u0041'))
print(r'\n'.encode(), '\\n' == r'\n')
print(repr(r'a\
b'))
