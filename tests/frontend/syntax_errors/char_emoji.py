# an emoji in code
x = 😀
