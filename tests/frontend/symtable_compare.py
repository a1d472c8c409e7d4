#!/usr/bin/env python3.11
"""tests/frontend/symtable_compare.py DUMP_BINARY FILE_OR_DIR...

Compares Strata's symbol tables (printed by the symtable-dump binary, built from
tests/frontend/symtable_dump.cpp) with CPython 3.11's `_symtable` for every .py file:
scope tree, scope names, lines, nesting, varnames, and every symbol's flags and resolved
scope, in the same text format. Errors are compared by type, message and position.
Prints each mismatch's first differing lines and a summary."""
import _symtable
import os
import subprocess
import sys

TYPES = {0: "function", 1: "class", 2: "module", 3: "annotation"}


def dump_entry(e, depth, out):
    pad = "  " * depth
    out.append(f"{pad}{TYPES[e.type]} {e.name} line {e.lineno}{' nested' if e.nested else ''}")
    out.append(f"{pad}  varnames:" + "".join(" " + v for v in e.varnames))
    appended = []
    for name, flags in e.symbols.items():
        if flags & ((1 << 11) - 1) == 0:
            appended.append((name, flags))
        else:
            out.append(f"{pad}  {name} {flags}")
    for name, flags in sorted(appended, key=lambda x: x[0].encode("utf-8", "surrogatepass")):
        out.append(f"{pad}  {name} {flags}")
    for c in e.children:
        dump_entry(c, depth + 1, out)


def cpython_dump(path):
    with open(path, "rb") as f:
        src = f.read()
    out = [f"=== {path}"]
    try:
        top = _symtable.symtable(src, path, "exec")
    except (SyntaxError, RecursionError, ValueError, MemoryError) as e:
        if isinstance(e, SyntaxError):
            col = e.offset - 1 if e.offset is not None else -1
            ecol = e.end_offset - 1 if e.end_offset is not None else -1
            out.append(f"ERROR {type(e).__name__}: {e.msg} @ {e.lineno or 0}:{col}-"
                       f"{e.end_lineno or 0}:{ecol}")
        else:
            out.append(f"ERROR {type(e).__name__}: {e}")
        return out
    dump_entry(top, 0, out)
    return out


def split(text):
    files, cur = {}, None
    for line in text.split("\n"):
        if line.startswith("=== "):
            cur = line[4:]
            files[cur] = [line]
        elif cur is not None and line:
            files[cur].append(line)
    return files


def main():
    binary, roots = sys.argv[1], sys.argv[2:]
    paths = []
    for r in roots:
        if os.path.isdir(r):
            for d, _, fs in os.walk(r):
                paths += [os.path.join(d, f) for f in sorted(fs) if f.endswith(".py")]
        else:
            paths.append(r)
    ours = {}
    for i in range(0, len(paths), 200):
        chunk = paths[i:i + 200]
        p = subprocess.run([binary] + chunk, capture_output=True)
        if p.returncode != 0:
            print(f"dump binary failed ({p.returncode}) on a chunk starting {chunk[0]}")
        ours.update(split(p.stdout.decode("utf-8", "surrogateescape")))
    same = differ = errors_same = 0
    for path in paths:
        theirs = cpython_dump(path)
        mine = ours.get(path, [f"=== {path}", "(missing)"])
        if theirs == mine:
            same += 1
            errors_same += theirs[1].startswith("ERROR")
            continue
        differ += 1
        print(f"DIFF {path}")
        for k in range(max(len(theirs), len(mine))):
            a = theirs[k] if k < len(theirs) else "<end>"
            b = mine[k] if k < len(mine) else "<end>"
            if a != b:
                print(f"  line {k}: cpython: {a!r}\n  {' ' * len(str(k))}        strata:  {b!r}")
                break
    print(f"{same} files identical ({errors_same} of them errors), {differ} differ, "
          f"{len(paths)} total")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
