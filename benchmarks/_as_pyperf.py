"""Runs one program of this directory as a pyperf benchmark, with pyperf's command line
and JSON output (stdlib/py/pyperf under Strata; under CPython, PYTHONPATH=stdlib/py or
the real pyperf):

    build/strata benchmarks/_as_pyperf.py NBODY [--quick] [-o FILE] [--fast] [-n N] ...
    PYTHONPATH=stdlib/py python3.11 benchmarks/_as_pyperf.py nbody --quick -o cpython.json

One value is one call of the program's main(): its workload once, with the result checked
(its line of output is swallowed).  The benchmark is named after the program (NAME_quick
with --quick).  tools/bench stays the suite's runner; this is for pyperf's tools
(`python3 -m pyperf compare_to`) and for looking at warm-up behaviour within one process.
"""
import os
import sys

import pyperf


class _Sink:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        print("usage: %s NAME [--quick] [pyperf options]" % sys.argv[0], file=sys.stderr)
        sys.exit(2)
    name = sys.argv[1]
    rest = sys.argv[2:]
    quick = "--quick" in rest
    rest = [a for a in rest if a != "--quick"]
    here = os.path.dirname(os.path.abspath(__file__))
    if not os.path.exists(os.path.join(here, name + ".py")) or name.startswith("_"):
        print("%s: no benchmark %r in %s" % (sys.argv[0], name, here), file=sys.stderr)
        sys.exit(2)
    module = __import__(name)
    runner = pyperf.Runner()
    runner.parse_args(rest)
    doc = (module.__doc__ or "").strip().splitlines()
    if doc:
        runner.metadata["description"] = doc[0]
    program_argv = [name + ".py"] + (["--quick"] if quick else [])

    def once():
        saved_argv, saved_out = sys.argv, sys.stdout
        sys.argv, sys.stdout = program_argv, _Sink()
        try:
            module.main()
        finally:
            sys.argv, sys.stdout = saved_argv, saved_out

    runner.bench_func(name + ("_quick" if quick else ""), once)


if __name__ == "__main__":
    main()
