# cannot assign to starred_call
*f(), a = x
