# assigning to the return keyword
return = 1
