# a missing comma between strings
x = {'a' 'b' c}
