# Strata's pyperf (stdlib/py/pyperf): a Runner run in-process, its command line, loop
# calibration and the JSON file it writes, read back.  CPython has no pyperf: this test
# puts stdlib/py on sys.path itself and prints only facts that do not depend on timing.
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "stdlib", "py"))

import pyperf

print("version", pyperf.__version__, pyperf.VERSION)
print("perf_counter", callable(pyperf.perf_counter), pyperf.perf_counter is not None)
print("implementation", pyperf.python_implementation() == sys.implementation.name)

out_path = "/tmp/strata-pyperf-test-%d.json" % os.getpid()
append_path = "/tmp/strata-pyperf-test-%d-append.json" % os.getpid()
for p in (out_path, append_path):
    if os.path.exists(p):
        os.remove(p)


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)
        return len(text)

    def flush(self):
        pass

    def lines(self):
        return "".join(self.parts).splitlines()


runner = pyperf.Runner(values=2, metadata={"description": "pyperf test"})
try:
    pyperf.Runner()
except RuntimeError as e:
    print("second Runner:", type(e).__name__)

args = runner.parse_args(["--min-time", "0.002", "-w", "1", "-p", "2", "-o", out_path,
                          "--inherit-environ", "PATH,HOME"])
print("args", args.values, args.warmups, args.processes, args.loops, args.min_time,
      args.inherit_environ, args.quiet, args.verbose, args.output == out_path)
print("parse again", runner.parse_args() is args)
runner.metadata["note"] = 'caf\u00e9 \u2603 \U0001F600 "quoted" \\ tab\tend'


def work(n):
    return sum(range(n))


def fake_time(loops):
    # A "time" that is exactly 0.1 ms a loop: calibration must stop at 32 loops, the
    # first power of two whose raw time reaches --min-time (0.002 s).
    return loops * 1e-4


calls = []


def counted():
    calls.append(1)


saved = sys.stdout
sys.stdout = cap = Capture()
try:
    b1 = runner.bench_func("func", work, 50)
    b2 = runner.bench_time_func("time_func", fake_time, metadata={"unit": "second"})
    b3 = runner.timeit("timeit_str", "y = x * 2", setup="x = 21")
    b4 = runner.timeit("timeit_callable", counted, duplicate=3)
    b5 = runner.bench_time_func("inner", fake_time, inner_loops=10)
finally:
    sys.stdout = saved
for line in cap.lines():
    name, _, rest = line.partition(": ")
    print("output", name, rest.startswith("Mean +- std dev: "))

try:
    runner.bench_func("func", work, 1)
except ValueError as e:
    print("duplicate:", e)
try:
    runner.bench_func("bad", work, 1, color=1)
except TypeError as e:
    print("keyword:", e)


def power_of_two(n):
    return n >= 1 and n & (n - 1) == 0


for b in (b1, b2, b3, b4, b5):
    runs = b.get_runs()
    cal, rest = runs[0], runs[1:]
    loops = b.get_loops()
    # Calibration: loops 1, 2, 4, ... doubled after each value under --min-time, then
    # warm-ups + values more values at the final count.
    steps = [w[0] for w in cal.warmups]
    print(b.get_name(), "runs", len(runs), "calibration", cal.values == (),
          cal.get_metadata()["calibrate_loops"] == loops, steps[0], steps[-1] == loops,
          all(y in (x, 2 * x) for x, y in zip(steps, steps[1:])),
          len(cal.warmups) == len(set(steps)) - 1 + 1 + 2,
          "values", [len(r.values) for r in rest], "warmups", [len(r.warmups) for r in rest],
          "loops pow2", power_of_two(loops), "nvalue", b.get_nvalue())
print("time_func calibration", [w[0] for w in b2.get_runs()[0].warmups])
print("time_func loops", b2.get_loops(), "values", b2.get_values(),
      "warmups", [r.warmups for r in b2.get_runs()[1:]])
print("inner loops", b5.get_inner_loops(), b5.get_loops(), b5.get_values()[0] == 1e-5)
print("timeit_callable calls", len(calls) == 3 * sum(
    loops * 1 for r in b4.get_runs() for loops, _ in r.warmups) + 3 * sum(
    r.get_loops() * len(r.values) for r in b4.get_runs()))
print("inner_loops of duplicate", b4.get_inner_loops())
md = b3.get_metadata()
print("metadata", md["name"], md["unit"], md["description"], md["timeit_stmt"],
      md["timeit_setup"], md["note"] == runner.metadata["note"])
print("run metadata", sorted(k for k in ("date", "duration", "python_version", "loops")
                             if k in b3.get_runs()[1].get_metadata()))
print("mean", b2.mean() == 1e-4, b2.median() == 1e-4, b2.stdev() == 0.0)

# The file: compact JSON, one line, pyperf's layout.
with open(out_path, encoding="utf-8") as f:
    text = f.read()
print("file one line", text.count("\n") == 1 and text.endswith("\n"), "ascii", text.isascii())
try:
    import json
except ImportError:
    json = None
data = pyperf._json.loads(text)
if json is not None and json.loads(text) != data:
    print("json module disagrees")
print("top keys", sorted(data), data["version"])
print("suite metadata has", sorted(k for k in ("description", "unit", "python_version", "note")
                                   if k in data["metadata"]))
for bench in data["benchmarks"]:
    print("bench", bench["metadata"]["name"], sorted(bench),
          sorted(k for k in bench["metadata"] if k in ("loops", "name", "inner_loops")),
          [sorted(r) for r in bench["runs"]])
suite = pyperf.BenchmarkSuite.load(out_path)
print("loaded", suite.get_benchmark_names(), [b.get_nrun() for b in suite])
print("same values", suite.get_benchmark("time_func").get_values() == b2.get_values(),
      suite.get_benchmark("func").get_values() == b1.get_values())
print("note back", suite.get_benchmark("func").get_metadata()["note"] == runner.metadata["note"])

# --append semantics: add_runs merges runs of a benchmark with the same name.
pyperf.add_runs(append_path, b2)
pyperf.add_runs(append_path, b2)
pyperf.add_runs(append_path, b1)
again = pyperf.BenchmarkSuite.load(append_path)
print("appended", again.get_benchmark_names(), [b.get_nrun() for b in again])

# Results objects and their checks.
try:
    pyperf.Run([0.0], metadata={"name": "x"}, collect_metadata=False)
except ValueError as e:
    print("zero value:", e)
try:
    pyperf.Run([1.0], metadata={"name": "x", "loops": 0}, collect_metadata=False)
except ValueError as e:
    print("loops 0:", e)
r = pyperf.Run([1.0, 3.0], warmups=[(2, 5.0)], metadata={"name": "x", "loops": 2},
               collect_metadata=False)
b = pyperf.Benchmark([r])
print("bench", b, b.mean(), b.median(), b.get_loops(), b.get_total_duration())
print("dumps", pyperf.BenchmarkSuite([b])._as_json())

# The command line without argparse (used while re cannot be imported).
defaults = dict(runner._defaults)
ns = pyperf._runner._fallback_parse(["-n5", "--loops=8", "-w", "0", "--fast", "-p", "3",
                             "--append", "x.json", "--no-locale"], defaults, "prog")
print("fallback", ns.values, ns.loops, ns.warmups, ns.fast, ns.processes, ns.append,
      ns.locale, ns.rigorous, ns.output, ns.min_time)
print("formats", pyperf.format_timedelta(1.5), pyperf.format_timedelta(0.0123),
      pyperf.format_timedelta(2.5e-6), pyperf.format_timedelta(4e-9))

for p in (out_path, append_path):
    os.remove(p)
