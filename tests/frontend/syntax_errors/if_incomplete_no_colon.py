# an if whose condition is cut short, without a colon
if x +
