def connect(host, *, port, host):
    pass
