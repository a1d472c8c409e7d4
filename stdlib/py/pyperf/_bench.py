"""pyperf's result objects (Run, Benchmark, BenchmarkSuite), their metadata and the JSON
files that hold them (format "1.0"), and the formatting of values."""

import os
import sys
import time

import pyperf
from pyperf._json import dumps as _json_dumps, loads as _json_loads

_JSON_VERSION = "1.0"
DEFAULT_UNIT = "second"
_UNITS = ("second", "byte", "integer")

# Metadata that every run of one benchmark must agree on (pyperf checks these too).
_CHECKED_METADATA = ("cpu_count", "hostname", "inner_loops", "name", "platform",
                     "python_executable", "python_implementation", "python_version", "unit")


# -- Formatting ------------------------------------------------------------------------

def _format_number(value, unit=None):
    text = str(value)
    if unit:
        text += " " + unit + ("s" if value != 1 else "")
    return text


def format_timedelta(seconds):
    return _format_timedeltas((seconds,))[0]


def _format_timedeltas(values):
    """Three significant digits, in the unit that suits the first value (the mean)."""
    ref = abs(values[0])
    for unit, scale in (("sec", 1.0), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if ref >= scale:
            break
    out = []
    for v in values:
        x = v / scale
        if abs(x) >= 100:
            text = "%.0f" % x
        elif abs(x) >= 10:
            text = "%.1f" % x
        else:
            text = "%.2f" % x
        out.append("%s %s" % (text, unit))
    return out


def _format_values(unit, values):
    if unit == "second":
        return _format_timedeltas(values)
    if unit == "byte":
        return ["%.1f kB" % (v / 1024.0) for v in values]
    return ["%s" % v for v in values]


# -- Metadata --------------------------------------------------------------------------

_POSITIVE_INT = ("loops", "inner_loops", "calibrate_loops", "recalibrate_loops")


def _check_metadata(metadata):
    """pyperf's rules for metadata: str, int or float values; strings stripped, not empty,
    on one line; loop counts are ints >= 1; unit is one of pyperf's units."""
    result = {}
    for name, value in metadata.items():
        if not isinstance(name, str):
            raise TypeError("metadata name must be a string, got %s" % type(name).__name__)
        if isinstance(value, str):
            value = value.strip()
            if "\n" in value or "\r" in value:
                raise ValueError("newline characters are not allowed in metadata values: %r"
                                 % value)
            if not value:
                raise ValueError("metadata %r value is empty" % name)
        elif not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValueError("invalid metadata %r value type: got %r"
                             % (name, type(value).__name__))
        if name in _POSITIVE_INT and not (isinstance(value, int) and value >= 1):
            raise ValueError("invalid metadata %r value: %r" % (name, value))
        if name == "unit" and value not in _UNITS:
            raise ValueError("invalid metadata %r value: %r" % (name, value))
        result[name] = value
    return result


def _common_metadata(metadatas):
    if not metadatas:
        return {}
    common = dict(metadatas[0])
    for md in metadatas[1:]:
        for key in list(common):
            if md.get(key) != common[key]:
                del common[key]
    return common


def _exclude(metadata, common):
    return {k: v for k, v in metadata.items() if k not in common}


def _collect_metadata():
    """What pyperf's workers record about the process and the machine, from os and sys
    only (platform and datetime are heavier than a benchmark should need)."""
    md = {"perf_version": pyperf.__version__,
          "python_implementation": pyperf.python_implementation(),
          "python_version": "%d.%d.%d (%d-bit)" % (sys.version_info[0], sys.version_info[1],
                                                   sys.version_info[2],
                                                   64 if sys.maxsize > 2 ** 32 else 32),
          "timer": "time.perf_counter()"}
    if sys.executable:
        md["python_executable"] = sys.executable
    now = time.time()
    md["date"] = (time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now))
                  + ".%06d" % int((now % 1.0) * 1e6))
    try:
        u = os.uname()
        md["platform"] = "%s-%s-%s" % (u.sysname, u.release, u.machine)
        if u.nodename:
            md["hostname"] = u.nodename
    except (AttributeError, OSError):
        pass
    count = os.cpu_count()
    if count:
        md["cpu_count"] = count
    xoptions = getattr(sys, "_xoptions", None)
    if xoptions:
        md["python_xoptions"] = " ".join(
            k if v is True else "%s=%s" % (k, v) for k, v in sorted(xoptions.items()))
    try:
        md["load_avg_1min"] = round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        pass
    rss = _max_rss_bytes()
    if rss:
        md["mem_max_rss"] = rss
    return md


def _max_rss_bytes():
    # VmHWM of /proc/self/status: the peak resident set size, without the resource module.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


# -- Runs, benchmarks, suites: pyperf's result objects ------------------------------------

class Run:
    """One run: warm-ups as (loops, value per loop) pairs, values per loop, metadata."""

    __slots__ = ("_warmups", "_values", "_metadata")

    def __init__(self, values, warmups=None, metadata=None, collect_metadata=True):
        values = tuple(values)
        if any(not (isinstance(v, (int, float)) and v > 0) for v in values):
            raise ValueError("values must be a sequence of number > 0.0")
        warmups = tuple(tuple(w) for w in warmups) if warmups else ()
        for w in warmups:
            if len(w) != 2 or not isinstance(w[0], int) or w[0] < 1 or not w[1] >= 0:
                raise ValueError("warmups must be a sequence of (loops, value) where loops "
                                 "is a int >= 1 and value is a float >= 0.0")
        if not values and not warmups:
            raise ValueError("values and warmups are empty sequence")
        self._values = values
        self._warmups = warmups
        md = _collect_metadata() if collect_metadata else {}
        if metadata:
            md.update(metadata)
        self._metadata = _check_metadata(md)

    @property
    def values(self):
        return self._values

    @property
    def warmups(self):
        return self._warmups

    def get_metadata(self):
        return dict(self._metadata)

    def get_loops(self):
        return self._metadata.get("loops", 1)

    def get_inner_loops(self):
        return self._metadata.get("inner_loops", 1)

    def get_total_loops(self):
        return self.get_loops() * self.get_inner_loops()

    def _is_calibration(self):
        return not self._values

    def _get_duration(self):
        d = self._metadata.get("duration")
        if d is not None:
            return d
        inner = self.get_inner_loops()
        return (sum(v * loops * inner for loops, v in self._warmups)
                + sum(v * self.get_total_loops() for v in self._values))

    def _as_json(self, common):
        data = {}
        if self._warmups:
            data["warmups"] = [list(w) for w in self._warmups]
        if self._values:
            data["values"] = list(self._values)
        md = _exclude(self._metadata, common)
        if md:
            data["metadata"] = md
        return data

    @classmethod
    def _json_load(cls, data, common):
        md = dict(common)
        md.update(data.get("metadata", {}))
        return cls(data.get("values", ()), warmups=data.get("warmups"), metadata=md,
                   collect_metadata=False)


class Benchmark:
    """The runs of one named benchmark."""

    def __init__(self, runs):
        if not runs:
            raise ValueError("runs must be a non-empty sequence of Run objects")
        if "name" not in runs[0]._metadata:
            raise ValueError("A benchmark must have a name: the first run has no name "
                             "metadata")
        self._runs = []
        for run in runs:
            self.add_run(run)

    def __repr__(self):
        return "<Benchmark %r with %s runs>" % (self.get_name(), len(self._runs))

    def get_name(self):
        return self._runs[0]._metadata.get("name")

    def add_run(self, run):
        if not isinstance(run, Run):
            raise TypeError("Run expected, got %s" % type(run).__name__)
        if self._runs:
            first = self._runs[0]._metadata
            for key in _CHECKED_METADATA:
                if first.get(key) != run._metadata.get(key):
                    raise ValueError("incompatible benchmark, metadata %s is different: "
                                     "current=%s, run=%s"
                                     % (key, first.get(key), run._metadata.get(key)))
        self._runs.append(run)

    def add_runs(self, benchmark):
        if benchmark is self:
            raise ValueError("cannot add a benchmark to itself")
        for run in benchmark._runs:
            self.add_run(run)

    def get_runs(self):
        return list(self._runs)

    def get_nrun(self):
        return len(self._runs)

    def get_values(self):
        return tuple(v for run in self._runs for v in run._values)

    def get_nvalue(self):
        return len(self.get_values())

    def get_metadata(self):
        return _common_metadata([run._metadata for run in self._runs])

    def get_unit(self):
        return self._runs[0]._metadata.get("unit", DEFAULT_UNIT)

    def _run_property(self, get):
        values = [get(run) for run in self._runs if not run._is_calibration()] \
            or [get(run) for run in self._runs]
        if len(set(values)) == 1:
            return values[0]
        return sum(values) / len(values)

    def get_loops(self):
        return self._run_property(Run.get_loops)

    def get_inner_loops(self):
        return self._run_property(Run.get_inner_loops)

    def get_total_loops(self):
        return self._run_property(Run.get_total_loops)

    def get_total_duration(self):
        return sum(run._get_duration() for run in self._runs)

    def mean(self):
        values = self.get_values()
        return sum(values) / len(values)

    def median(self):
        values = sorted(self.get_values())
        n = len(values)
        return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2.0

    def stdev(self):
        values = self.get_values()
        if len(values) < 2:
            raise ValueError("stdev requires at least two values")
        m = sum(values) / len(values)
        return (sum((v - m) ** 2 for v in values) / (len(values) - 1)) ** 0.5

    def format_values(self, values):
        return _format_values(self.get_unit(), values)

    def format_value(self, value):
        return self.format_values((value,))[0]

    def _as_json(self, suite_common):
        common = self.get_metadata()
        run_common = dict(common)
        run_common.update(suite_common)
        data = {"runs": [run._as_json(run_common) for run in self._runs]}
        md = _exclude(common, suite_common)
        if md:
            data["metadata"] = md
        return data

    def dump(self, file, compact=True, replace=False):
        BenchmarkSuite([self]).dump(file, compact=compact, replace=replace)

    @staticmethod
    def load(file):
        benchmarks = BenchmarkSuite.load(file).get_benchmarks()
        if len(benchmarks) != 1:
            raise ValueError("expected 1 benchmark, got %s" % len(benchmarks))
        return benchmarks[0]

    @staticmethod
    def loads(string):
        benchmarks = BenchmarkSuite.loads(string).get_benchmarks()
        if len(benchmarks) != 1:
            raise ValueError("expected 1 benchmark, got %s" % len(benchmarks))
        return benchmarks[0]


class BenchmarkSuite:
    """Benchmarks of distinct names, as one JSON file holds them."""

    def __init__(self, benchmarks, filename=None):
        if not benchmarks:
            raise ValueError("benchmarks must be a non-empty sequence of Benchmark objects")
        self.filename = filename
        self._benchmarks = []
        for bench in benchmarks:
            self.add_benchmark(bench)

    def __len__(self):
        return len(self._benchmarks)

    def __iter__(self):
        return iter(self._benchmarks)

    def get_benchmarks(self):
        return list(self._benchmarks)

    def get_benchmark_names(self):
        return [b.get_name() for b in self._benchmarks]

    def get_benchmark(self, name):
        for bench in self._benchmarks:
            if bench.get_name() == name:
                return bench
        raise KeyError("there is no benchmark called %r" % name)

    def add_benchmark(self, benchmark):
        if benchmark.get_name() in self.get_benchmark_names():
            raise ValueError("the suite has already a benchmark called %r"
                             % benchmark.get_name())
        self._benchmarks.append(benchmark)

    def add_runs(self, result):
        benches = [result] if isinstance(result, Benchmark) else list(result)
        for bench in benches:
            try:
                existing = self.get_benchmark(bench.get_name())
            except KeyError:
                self.add_benchmark(bench)
            else:
                existing.add_runs(bench)

    def get_metadata(self):
        return _common_metadata([b.get_metadata() for b in self._benchmarks])

    def _as_json(self):
        common = self.get_metadata()
        data = {"version": _JSON_VERSION,
                "benchmarks": [b._as_json(common) for b in self._benchmarks]}
        if common:
            data["metadata"] = common
        return data

    def dump(self, file, compact=True, replace=False):
        text = _json_dumps(self._as_json(), indent=None if compact else 4) + "\n"
        if isinstance(file, str):
            if not replace and os.path.exists(file):
                raise FileExistsError("File already exists: %r" % file)
            with open(file, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            file.write(text)
            file.flush()

    @classmethod
    def _from_json(cls, data, filename=None):
        if data.get("version") != _JSON_VERSION:
            raise ValueError("file format version %r not supported" % data.get("version"))
        common = data.get("metadata") or {}
        benchmarks = []
        for bench_data in data["benchmarks"]:
            bench_common = dict(common)
            bench_common.update(bench_data.get("metadata", {}))
            runs = [Run._json_load(r, bench_common) for r in bench_data["runs"]]
            benchmarks.append(Benchmark(runs))
        return cls(benchmarks, filename=filename)

    @classmethod
    def load(cls, file):
        if isinstance(file, str):
            with open(file, encoding="utf-8") as f:
                return cls._from_json(_json_loads(f.read()), filename=file)
        return cls._from_json(_json_loads(file.read()), getattr(file, "name", None))

    @classmethod
    def loads(cls, string):
        return cls._from_json(_json_loads(string))


def add_runs(filename, result):
    """Appends the runs of result (a Benchmark or BenchmarkSuite) to the file."""
    if os.path.exists(filename):
        suite = BenchmarkSuite.load(filename)
        suite.add_runs(result)
        suite.dump(filename, replace=True)
    else:
        result.dump(filename)
