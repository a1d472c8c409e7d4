# Triple-quoted strings: newlines, quotes and escapes inside.
a = """first line
second "quoted" line
third 'single' line"""
print(a)
print(len(a.splitlines()), repr(a[:11]))
b = '''it's "fine" to mix ''' + """and 'match' """
print(b)
c = """\
no leading newline
    indented line
trailing backslash joins \
this"""
print(c)
d = r"""raw \n triple
still raw \t"""
print(d, len(d))
e = f"""f-string {1 + 1}
spans {'lines'}"""
print(e)
print("""""" == '', '''a''' == 'a', """'""", '''"''')
print(repr("""ends with quote\""""))
