"""pyperf.Runner, run in-process: the command line, loop calibration, warm-ups and values,
the result line and the output files; timeit's code template."""

import os
import sys
import time

import pyperf
from pyperf._bench import (DEFAULT_UNIT, Benchmark, Run, _check_metadata,
                           _collect_metadata, _format_number, _format_values, add_runs,
                           format_timedelta)

perf_counter = time.perf_counter

MAX_LOOPS = 2 ** 32


# -- The command line ----------------------------------------------------------------------

def _strictly_positive(value):
    value = int(value)
    if value <= 0:
        raise ValueError("value must be > 0")
    return value


def _positive_or_nul(value):
    if "^" in value:
        x, _, y = value.partition("^")
        value = int(x) ** int(y)
    else:
        value = int(value)
    if value < 0:
        raise ValueError("value must be >= 0")
    return value


def _comma_separated(value):
    return [v.strip() for v in value.split(",") if v.strip()]


# (flags, dest, action, type, default key or constant, help).  action: "store" takes a
# value; "store_true"/"store_false" are flags.  A default written "$name" comes from the
# Runner's constructor arguments.
_OPTIONS = (
    (("--rigorous",), "rigorous", "store_true", None, False,
     "Spend longer running tests to get more accurate results"),
    (("--fast",), "fast", "store_true", None, False, "Get rough answers quickly"),
    (("--debug-single-value",), "debug_single_value", "store_true", None, False,
     "Debug mode, only compute a single value"),
    (("-p", "--processes"), "processes", "store", _strictly_positive, "$processes",
     "number of runs (here: one after the other in this process)"),
    (("-n", "--values"), "values", "store", _strictly_positive, "$values",
     "number of values per run"),
    (("-w", "--warmups"), "warmups", "store", _positive_or_nul, "$warmups",
     "number of skipped values per run used to warm up the benchmark"),
    (("-l", "--loops"), "loops", "store", _positive_or_nul, "$loops",
     "number of loops per value, 0 means automatic calibration"),
    (("-v", "--verbose"), "verbose", "store_true", None, False, "enable verbose mode"),
    (("-q", "--quiet"), "quiet", "store_true", None, False, "enable quiet mode"),
    (("-o", "--output"), "output", "store", None, None,
     "write results encoded to JSON into FILENAME"),
    (("--append",), "append", "store", None, None,
     "append results encoded to JSON into FILENAME"),
    (("--min-time",), "min_time", "store", float, "$min_time",
     "minimum duration in seconds of a single value, used to calibrate the number of loops"),
    (("-d", "--dump"), "dump", "store_true", None, False, "display benchmark run results"),
    (("-m", "--metadata"), "metadata", "store_true", None, False, "show metadata"),
    (("-t", "--stats"), "stats", "store_true", None, False,
     "display statistics (min, max, ...)"),
    (("--affinity",), "affinity", "store", None, None,
     "CPU list for worker processes (accepted and ignored: no workers here)"),
    (("--inherit-environ",), "inherit_environ", "store", _comma_separated, None,
     "environment variables inherited by worker processes (accepted; no workers here)"),
    (("--copy-env",), "copy_env", "store_true", None, False,
     "copy all environment variables (accepted; no workers here)"),
    (("--no-locale",), "locale", "store_false", None, True,
     "don't copy locale variables (accepted; no workers here)"),
    (("--timeout",), "timeout", "store", float, None,
     "maximum duration of a worker in seconds (accepted; no workers here)"),
)


class _Namespace:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __repr__(self):
        return "Namespace(%s)" % ", ".join("%s=%r" % kv for kv in sorted(vars(self).items()))


class _UsageError(Exception):
    pass


def _fallback_parse(argv, defaults, prog):
    """The options of _OPTIONS without argparse (used while `re` cannot be imported):
    --opt VALUE, --opt=VALUE, -x VALUE, -xVALUE, flags; anything else is an error (exit
    status 2, as argparse)."""
    by_flag = {}
    for opt in _OPTIONS:
        for flag in opt[0]:
            by_flag[flag] = opt
    ns = _Namespace(**{opt[1]: defaults[opt[1]] for opt in _OPTIONS})
    try:
        i = 0
        while i < len(argv):
            arg = argv[i]
            i += 1
            if arg in ("-h", "--help"):
                print("usage: %s [options]\n\noptions:" % prog)
                for flags, _, action, _, _, text in _OPTIONS:
                    print("  %-24s %s" % (", ".join(flags), text))
                sys.exit(0)
            value = None
            if arg.startswith("--") and "=" in arg:
                arg, value = arg.split("=", 1)
            elif arg.startswith("-") and not arg.startswith("--") and len(arg) > 2:
                arg, value = arg[:2], arg[2:]
            opt = by_flag.get(arg)
            if opt is None:
                raise _UsageError("unrecognized arguments: %s" % argv[i - 1])
            flags, dest, action, conv, _, _ = opt
            if action != "store":
                if value is not None:
                    raise _UsageError("argument %s: ignored explicit argument %r"
                                      % ("/".join(flags), value))
                setattr(ns, dest, action == "store_true")
                continue
            if value is None:
                if i >= len(argv):
                    raise _UsageError("argument %s: expected one argument" % "/".join(flags))
                value = argv[i]
                i += 1
            if conv is not None:
                try:
                    value = conv(value)
                except (TypeError, ValueError):
                    raise _UsageError("argument %s: invalid %s value: %r"
                                      % ("/".join(flags), conv.__name__.lstrip("_"), value))
            setattr(ns, dest, value)
    except _UsageError as e:
        print("usage: %s [options]\n%s: error: %s" % (prog, prog, e), file=sys.stderr)
        sys.exit(2)
    return ns


# -- The runner ------------------------------------------------------------------------------

class Runner:
    """pyperf.Runner, run in-process: see the package's docstring."""

    _created = set()

    def __init__(self, values=None, processes=None, loops=0, min_time=0.1, metadata=None,
                 show_name=True, program_args=None, add_cmdline_args=None, warmups=None,
                 _argparser=None):
        # pyperf allows one Runner per process: every benchmark goes through it.
        key = id(type(self))
        if key in Runner._created:
            raise RuntimeError("only one %s instance must be created per process: use the "
                               "same instance to run all benchmarks" % type(self).__name__)
        Runner._created.add(key)
        has_jit = pyperf.python_has_jit()
        self._defaults = {"values": values or (10 if has_jit else 3),
                          "processes": processes or 1,
                          "loops": loops, "min_time": min_time, "warmups": warmups}
        for opt in _OPTIONS:
            if not (isinstance(opt[4], str) and opt[4].startswith("$")):
                self._defaults[opt[1]] = opt[4]
        self.metadata = metadata if metadata is not None else {}
        self.args = None
        self._show_name = show_name
        self._program_args = tuple(program_args) if program_args else (sys.argv[0],)
        self._add_cmdline_args = add_cmdline_args
        self._bench_names = set()
        self._worker_task = 0
        self._argparser = None
        if _argparser is not None:
            self._argparser = self._add_options(_argparser)

    # argparse is imported on first use (it needs re): files that only call bench_func()
    # run on the fallback parser while re is unavailable.
    @property
    def argparser(self):
        if self._argparser is None:
            import argparse
            self._argparser = self._add_options(argparse.ArgumentParser())
        return self._argparser

    def _add_options(self, parser):
        parser.description = "Benchmark"
        for flags, dest, action, conv, default, text in _OPTIONS:
            default = self._defaults[dest]
            kw = {"dest": dest, "action": action, "default": default, "help": text}
            if conv is not None:
                kw["type"] = conv
            parser.add_argument(*flags, **kw)
        return parser

    def parse_args(self, args=None):
        if self.args is not None and args is None:
            return self.args
        if self.args is not None:
            raise RuntimeError("arguments already parsed")
        argv = sys.argv[1:] if args is None else list(args)
        if self._argparser is None:
            try:
                import argparse  # noqa: F401
            except ImportError:
                prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "pyperf"
                self.args = _fallback_parse(argv, self._defaults, prog)
                self._process_args()
                return self.args
        self.args = self.argparser.parse_args(argv)
        self._process_args()
        return self.args

    def _process_args(self):
        args = self.args
        if args.quiet:
            args.verbose = False
        if args.warmups is None:
            args.warmups = 1
        if args.rigorous:
            args.processes = self._defaults["processes"] * 2
        elif args.fast:
            args.values = max(self._defaults["values"] * 2 // 3, 2)
        elif args.debug_single_value:
            args.processes = 1
            args.warmups = 0
            args.values = 1
            args.loops = 1
            args.min_time = 1e-9
        if args.output and os.path.exists(args.output):
            print("ERROR: The JSON file %r already exists" % args.output)
            sys.exit(1)

    # -- Benchmarks ------------------------------------------------------------------

    @staticmethod
    def _no_keyword_argument(kwargs):
        if kwargs:
            raise TypeError("unexpected keyword argument %s"
                            % ", ".join(map(repr, sorted(kwargs))))

    def bench_time_func(self, name, time_func, *args, **kwargs):
        """time_func(loops, *args) runs the workload loops times and returns the time
        it took, in seconds."""
        inner_loops = kwargs.pop("inner_loops", None)
        metadata = kwargs.pop("metadata", None)
        self._no_keyword_argument(kwargs)

        def task(loops):
            return time_func(loops, *args)
        return self._bench(name, task, metadata, inner_loops)

    def bench_func(self, name, func, *args, **kwargs):
        """Benchmark func(*args)."""
        inner_loops = kwargs.pop("inner_loops", None)
        metadata = kwargs.pop("metadata", None)
        self._no_keyword_argument(kwargs)

        def task(loops):
            timer = perf_counter
            f = func
            a = args
            if loops != 1:
                it = range(loops)
                t0 = timer()
                for _ in it:
                    f(*a)
                return timer() - t0
            t0 = timer()
            f(*a)
            return timer() - t0
        return self._bench(name, task, metadata, inner_loops)

    def bench_async_func(self, name, func, *args, **kwargs):
        """Benchmark `await func(*args)`, each value in a fresh event loop."""
        inner_loops = kwargs.pop("inner_loops", None)
        metadata = kwargs.pop("metadata", None)
        loop_factory = kwargs.pop("loop_factory", None)
        self._no_keyword_argument(kwargs)

        def task(loops):
            import asyncio

            async def main():
                t0 = perf_counter()
                for _ in range(loops):
                    await func(*args)
                return perf_counter() - t0
            loop = loop_factory() if loop_factory else asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                return loop.run_until_complete(main())
            finally:
                asyncio.set_event_loop(None)
                loop.close()
        return self._bench(name, task, metadata, inner_loops)

    def timeit(self, name, stmt=None, setup="pass", teardown="pass", inner_loops=None,
               duplicate=None, metadata=None, globals=None):
        """Benchmark a statement, given as source text (or a list of lines) or as a
        callable, with setup and teardown the same way."""
        if stmt is None:
            stmt = name
        md = dict(metadata or {})
        if isinstance(stmt, str):
            md.setdefault("timeit_stmt", repr(stmt))
        if isinstance(setup, str) and setup != "pass":
            md.setdefault("timeit_setup", repr(setup))
        if isinstance(teardown, str) and teardown != "pass":
            md.setdefault("timeit_teardown", repr(teardown))
        inner = _make_timeit_inner(stmt, setup, teardown, globals, duplicate or 1)
        if duplicate and duplicate > 1:
            inner_loops = (inner_loops or 1) * duplicate

        def task(loops):
            return inner(range(loops), perf_counter)
        return self._bench(name, task, md, inner_loops)

    def bench_command(self, name, command):
        """Benchmark running a command (a list of arguments) to completion; a value is the
        wall time of one run."""
        command = list(command)

        def task(loops):
            import subprocess
            t0 = perf_counter()
            for _ in range(loops):
                proc = subprocess.run(command, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL)
                if proc.returncode:
                    raise RuntimeError("%s failed with exit code %s"
                                       % (command[0], proc.returncode))
            return perf_counter() - t0
        return self._bench(name, task, {"command": " ".join(command)}, None)

    # -- Running -----------------------------------------------------------------------

    def _bench(self, name, task, func_metadata, inner_loops):
        args = self.parse_args()
        name = name.strip()
        if not name:
            raise ValueError("benchmark name must be a non-empty string")
        if name in self._bench_names:
            raise ValueError("duplicated benchmark name: %r" % name)
        self._bench_names.add(name)
        metadata = dict(self.metadata)
        if func_metadata:
            metadata.update(func_metadata)
        metadata.setdefault("unit", DEFAULT_UNIT)
        metadata["name"] = name
        if inner_loops is not None:
            metadata["inner_loops"] = inner_loops
        _check_metadata(metadata)
        try:
            bench = self._run_bench(args, task, metadata, inner_loops or 1)
        except KeyboardInterrupt:
            print("Benchmark interrupted: exit", file=sys.stderr)
            sys.exit(1)
        self._display_result(bench)
        self._worker_task += 1
        return bench

    def _run_bench(self, args, task, metadata, inner_loops):
        runs = []
        loops = args.loops
        if not loops:
            start = time.monotonic()
            warmups = []
            loops = self._compute(args, task, loops=1, nvalue=args.warmups + args.values,
                                  inner_loops=inner_loops, out=warmups, warmup=True,
                                  calibrate=True, unit=metadata["unit"])
            if args.verbose:
                print("\nCalibration: use %s loops\n" % _format_number(loops))
            md = dict(metadata, calibrate_loops=loops, loops=loops)
            runs.append(self._make_run((), warmups, md, start))
        for _ in range(args.processes):
            start = time.monotonic()
            warmups, values = [], []
            if args.warmups:
                self._compute(args, task, loops, args.warmups, inner_loops, warmups,
                              warmup=True, unit=metadata["unit"])
            self._compute(args, task, loops, args.values, inner_loops, values,
                          unit=metadata["unit"])
            if args.verbose:
                print()
            runs.append(self._make_run(values, warmups, dict(metadata, loops=loops), start))
        return Benchmark(runs)

    @staticmethod
    def _make_run(values, warmups, metadata, start):
        md = _collect_metadata()
        md.update(metadata)
        md["duration"] = time.monotonic() - start
        return Run(values, warmups=warmups, metadata=md, collect_metadata=False)

    @staticmethod
    def _compute(args, task, loops, nvalue, inner_loops, out, warmup=False, calibrate=False,
                 unit=DEFAULT_UNIT):
        """Appends nvalue values (per loop) to out; when calibrating, doubles loops
        after every value whose raw time is under min_time and takes one more value.
        Returns the number of loops reached."""
        index = 1
        while index <= nvalue:
            raw = float(task(loops))
            value = raw / (loops * inner_loops)
            if not value and not calibrate:
                raise ValueError("benchmark function returned zero")
            if warmup:
                out.append((loops, value))
            else:
                out.append(value)
            if args.verbose:
                text = _format_values(unit, (value,))[0]
                if warmup:
                    text += " (loops: %s, raw: %s)" % (_format_number(loops),
                                                       _format_values(unit, (raw,))[0])
                print("%s %s: %s" % ("Warmup" if warmup else "Value", index, text))
            if calibrate and raw < args.min_time:
                if loops * 2 > MAX_LOOPS:
                    print("ERROR: failed to calibrate the number of loops")
                    print("Raw timing %s with %s is still smaller than the minimum time "
                          "of %s" % (_format_values(unit, (raw,))[0],
                                     _format_number(loops, "loop"),
                                     format_timedelta(args.min_time)))
                    sys.exit(1)
                loops *= 2
                nvalue += 1
            index += 1
        return loops

    def _display_result(self, bench):
        args = self.args
        lines = []
        if args.dump:
            lines += _dump_runs(bench)
        if args.metadata:
            lines.append("Metadata:")
            for key, value in sorted(bench.get_metadata().items()):
                lines.append("- %s: %s" % (key, value))
            lines.append("")
        if args.stats:
            lines += _stats(bench)
        values = bench.get_values()
        if values:
            if len(values) >= 2:
                mean, stdev = bench.format_values((bench.mean(), bench.stdev()))
                text = "Mean +- std dev: %s +- %s" % (mean, stdev)
            else:
                text = bench.format_value(values[0])
        else:
            text = "<no value>"
        lines.append("%s: %s" % (bench.get_name(), text) if self._show_name else text)
        for line in lines:
            print(line)
        sys.stdout.flush()
        if args.append:
            add_runs(args.append, bench)
        if args.output:
            if self._worker_task >= 1:
                add_runs(args.output, bench)
            else:
                bench.dump(args.output)


def _dump_runs(bench):
    lines = []
    for i, run in enumerate(bench.get_runs(), 1):
        if run._is_calibration():
            lines.append("Run %d: calibrate the number of loops: %s"
                         % (i, _format_number(run._metadata.get("calibrate_loops", 1))))
        else:
            lines.append("Run %d: %s, %s, %s"
                         % (i, _format_number(len(run.warmups), "warmup"),
                            _format_number(len(run.values), "value"),
                            _format_number(run.get_loops(), "loop")))
        for j, (loops, v) in enumerate(run.warmups, 1):
            lines.append("- warmup %d: %s" % (j, bench.format_value(v)))
        for j, v in enumerate(run.values, 1):
            lines.append("- value %d: %s" % (j, bench.format_value(v)))
    lines.append("")
    return lines


def _stats(bench):
    values = sorted(bench.get_values())
    if not values:
        return []
    fmt = bench.format_value
    lines = ["Total duration: %s" % format_timedelta(bench.get_total_duration()),
             "Raw value minimum: %s" % fmt(values[0] * bench.get_total_loops()),
             "Raw value maximum: %s" % fmt(values[-1] * bench.get_total_loops()),
             "",
             "Number of calibration run: %s"
             % sum(r._is_calibration() for r in bench.get_runs()),
             "Number of run with values: %s"
             % sum(not r._is_calibration() for r in bench.get_runs()),
             "Total number of run: %s" % bench.get_nrun(),
             "",
             "Loops: %s" % _format_number(bench.get_loops()),
             "",
             "Minimum:  %s" % fmt(values[0]),
             "Median:   %s" % fmt(bench.median()),
             "Mean:     %s" % fmt(bench.mean())]
    if len(values) >= 2:
        lines.append("Std dev:  %s" % fmt(bench.stdev()))
    lines += ["Maximum:  %s" % fmt(values[-1]), ""]
    return lines


# -- timeit ----------------------------------------------------------------------------------

_TIMEIT_TEMPLATE = """
def inner(_it, _timer{init}):
{setup}
    _t0 = _timer()
    for _i in _it:
{stmt}
    _t1 = _timer()
{teardown}
    return _t1 - _t0
"""


def _timeit_part(code, key, indent, init, local_ns, count=1):
    """The source text of stmt/setup/teardown, indented; a callable becomes a call of a
    default argument of inner()."""
    if callable(code):
        local_ns["_" + key] = code
        init.append(", _%s=_%s" % (key, key))
        text = "_%s()" % key
    else:
        if isinstance(code, (list, tuple)):
            code = "\n".join(code)
        if not isinstance(code, str):
            raise ValueError("%s is neither a string nor callable" % key)
        compile(code, "<timeit-%s>" % key, "exec")  # a syntax error shows its own text
        text = code
    lines = []
    for _ in range(count):
        lines += [" " * indent + line for line in text.splitlines()] or [" " * indent + "pass"]
    return "\n".join(lines) if lines else " " * indent + "pass"


def _make_timeit_inner(stmt, setup, teardown, globals_ns, duplicate):
    init = []
    outer_ns = {}
    source = _TIMEIT_TEMPLATE.format(
        stmt=_timeit_part(stmt, "stmt", 8, init, outer_ns, duplicate),
        setup=_timeit_part(setup, "setup", 4, init, outer_ns),
        teardown=_timeit_part(teardown, "teardown", 4, init, outer_ns),
        init="".join(init))
    # The callables are default arguments of inner(): the def statement finds them in
    # the local namespace of the exec (as timeit does).
    local_ns = dict(outer_ns)
    exec(compile(source, "<timeit-src>", "exec"),
         globals_ns if globals_ns is not None else {}, local_ns)
    return local_ns["inner"]
