@route("/", methods=1, methods=2)
def index():
    pass
