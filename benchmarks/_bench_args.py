"""The command line every benchmark program takes: [--loops N] [--quick]."""

def parse_args(argv):
    """Returns (loops, quick) from --loops N / --loops=N / --quick."""
    loops, quick = 1, False
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg == "--quick":
            quick = True
        elif arg == "--loops" and i + 1 < len(argv):
            i += 1
            loops = int(argv[i])
        elif arg.startswith("--loops="):
            loops = int(arg[8:])
        else:
            raise SystemExit("usage: %s [--loops N] [--quick]" % argv[0])
        i += 1
    return loops, quick
