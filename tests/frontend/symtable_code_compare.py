#!/usr/bin/env python3.11
"""tests/frontend/symtable_code_compare.py DUMP_BINARY FILE_OR_DIR...

What the compiler takes from the symbol tables, checked against the code objects
python3.11 compiles: per function scope its co_flags (without CO_NOFREE and the future flags, which are the compiler's), co_cellvars
and co_freevars, per class body its cellvars and freevars; compared as sorted lists per
file (code objects and scopes are not in the same order)."""
import os
import subprocess
import sys
import types


def code_lines(co, out, is_class=False):
    cells = "".join(" " + c for c in co.co_cellvars)
    free = "".join(" " + c for c in co.co_freevars)
    if co.co_name == "<module>":
        pass
    elif is_class:
        out.append(f"{co.co_name} class cells:{cells} free:{free}")
    else:
        out.append(f"{co.co_name} {co.co_flags & ~0x40 & ~0x1000000} cells:{cells} free:{free}")
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            # A class body is the code whose flags lack CO_OPTIMIZED.
            code_lines(c, out, not (c.co_flags & 1))


def main():
    binary, roots = sys.argv[1], sys.argv[2:]
    paths = []
    for r in roots:
        if os.path.isdir(r):
            for d, _, fs in os.walk(r):
                paths += [os.path.join(d, f) for f in sorted(fs) if f.endswith(".py")]
        else:
            paths.append(r)
    same = differ = skipped = 0
    for i in range(0, len(paths), 200):
        chunk = paths[i:i + 200]
        out = subprocess.run([binary, "--code"] + chunk, capture_output=True).stdout
        ours, cur = {}, None
        for line in out.decode("utf-8", "surrogateescape").split("\n"):
            if line.startswith("=== "):
                cur = line[4:]
                ours[cur] = []
            elif line and cur:
                ours[cur].append(line)
        for p in chunk:
            try:
                with open(p, "rb") as f:
                    co = compile(f.read(), p, "exec", dont_inherit=True)
            except Exception:
                skipped += 1
                continue
            theirs = []
            code_lines(co, theirs)
            theirs.sort()
            if theirs == ours.get(p):
                same += 1
                continue
            differ += 1
            mine = ours.get(p) or []
            print(f"DIFF {p}")
            print("  only cpython:", sorted(set(theirs) - set(mine))[:4])
            print("  only strata: ", sorted(set(mine) - set(theirs))[:4])
    print(f"{same} files identical, {differ} differ, {skipped} not compiled by CPython")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
