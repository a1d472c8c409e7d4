# two names inside a brace opened after a name
c{lass StreamReader(codecs.StreamReader):
    pass
