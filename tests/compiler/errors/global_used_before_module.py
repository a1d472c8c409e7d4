print(größe)
global größe
