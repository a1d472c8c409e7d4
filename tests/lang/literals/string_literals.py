# String literal forms and their repr.
print('single', "double", '''triple
single''', """triple
double""")
print('it\'s', "say \"hi\"", 'mixed "quotes"', "mixed 'quotes'")
print(repr('it\'s'), repr("say \"hi\""), repr('both \' and "'), repr(''), repr('"'))
print(r'raw \n stays', R'\d+', r'\'', rb'\x00' == b'\\x00')
print(len('abc'), len(''), len('\n'), len(r'\n'), len('é'), len('日本'))
print('ab' 'cd' "ef", 'x' r'\y' 'z')
s = ('implicit '
     'concatenation '
     'across lines')
print(s)
print('line one\
 continued')
print("""a\
b""")
print(repr('tab\there'), repr('new\nline'), repr('\x7f'), repr('\x80'), repr('é'), repr('\u200b'))
print(repr('\ud800'), repr('\U0001F600'), ascii('é日\U0001F600'))
print(u'unicode prefix', U'too')
print('\N{GREEK SMALL LETTER ALPHA}', '\N{LATIN CAPITAL LETTER A}')
print(repr('\0'), repr('\a\b\f\v\r'), repr('\\'))
