# a triple-quoted bytes literal with a non-ASCII character
x = b"""
über
"""
