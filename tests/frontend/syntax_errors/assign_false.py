# cannot assign to false
False = 1
