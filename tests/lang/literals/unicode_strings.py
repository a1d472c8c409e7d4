# Non-ASCII text: length, indexing, ord/chr, encoding.
s = 'naïve café 日本語 😀'
print(s, len(s), s[2], s[-1], s[11:14])
print([ord(c) for c in 'é日😀'], chr(233), chr(0x65E5), chr(0x1F600))
print(s.encode('utf-8'), len(s.encode('utf-8')))
print('😀'.encode('utf-16-le'), '\u00e9' == 'é', 'e\u0301' == 'é', len('e\u0301'))
print('ÄÖÜ'.lower(), 'straße'.upper(), 'ﬁ'.upper(), 'Σ'.lower())
print(sorted('béa'), max('aé'), 'é' > 'z')
print(repr('\u0000\u001f\u007f\u00a0\u00ad'), repr('日本'))
print(str(b'\xe6\x97\xa5', 'utf-8'), 'x'.join('日本'))
