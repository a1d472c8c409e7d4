# not without in between implicitly concatenated strings
x = ('a'
     'b' not 'c'
     'd')
