# a mismatched bracket opened on an earlier line
x = (1,
     2,
     3]
