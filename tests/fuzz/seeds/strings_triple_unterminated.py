x = """abc

def' '' " ""
