# an annotation with no type
x: = 1
