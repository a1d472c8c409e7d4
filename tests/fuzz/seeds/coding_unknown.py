# vim: set fileencoding=klingon :
x = 1
