"""pyperf for Strata: the part of pyperf's API that benchmark programs use.

pyperformance's benchmark files are written against pyperf:

    runner = pyperf.Runner()
    runner.argparser.add_argument("--size", type=int, default=100)
    args = runner.parse_args()
    runner.metadata["description"] = "..."
    runner.bench_func("name", func, arg)

This module runs such a file unchanged, under Strata or CPython 3.11, with pyperf's
command line (--loops, -n/--values, -w/--warmups, -p/--processes, -o/--output, --append,
--fast, --rigorous, --debug-single-value, --min-time, -q, -v, ...), and writes results in
pyperf's JSON format (version "1.0"), which the real pyperf reads (`python3 -m pyperf show
FILE`, `compare_to A.json B.json`).

What differs from pyperf: everything runs in the one process.  pyperf's manager spawns a
calibration worker and then `--processes` workers; here the calibration run and the
`--processes` runs (default 1) run one after the other in this process, and are recorded
as the same runs pyperf would record (a calibration run holding only warm-ups and the
`calibrate_loops` metadata, then runs with warm-ups and values).  Loops are calibrated as
pyperf does: start at 1 and double until one value takes at least --min-time (0.1 s).

Nothing here is imported at `import pyperf` time beyond os, sys and time: argparse (which
needs `re`) is imported when the command line is parsed, and when it is not importable a
small parser of our own reads the same options; JSON is written and read by our own
encoder and decoder (_json.py).

The files: _bench.py holds the results (Run, Benchmark, BenchmarkSuite) and their
metadata, _runner.py the Runner and its command line, _json.py the JSON.
"""

import sys
import time

# The pyperf release whose API and file format this module follows.
VERSION = (2, 6, 0)
__version__ = "%d.%d.%d" % VERSION

perf_counter = time.perf_counter


def python_implementation():
    return sys.implementation.name.lower()


def python_has_jit():
    # pyperf's test: only the implementations whose JIT needs many more warm-ups change
    # the defaults (more values, fewer processes).
    return python_implementation() in ("pypy", "graalpy", "graalpython")


from pyperf._bench import (Run, Benchmark, BenchmarkSuite, add_runs,  # noqa: E402
                           format_timedelta)
from pyperf._runner import Runner  # noqa: E402

__all__ = ["Runner", "Run", "Benchmark", "BenchmarkSuite", "add_runs", "perf_counter",
           "python_implementation", "python_has_jit", "format_timedelta"]
