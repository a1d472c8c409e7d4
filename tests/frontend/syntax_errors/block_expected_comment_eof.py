# an if statement followed only by a comment
if x:
  # c