class Config:
    name = "x"
    return name
