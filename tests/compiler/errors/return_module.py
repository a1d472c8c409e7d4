result = compute()
return result
