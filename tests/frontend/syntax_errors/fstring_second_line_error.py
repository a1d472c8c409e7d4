# an f-string error in a multi-line triple-quoted f-string
x = f"""
abc {}
"""
