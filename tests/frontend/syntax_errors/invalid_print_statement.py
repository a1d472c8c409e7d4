# print as a statement
print "hello"
