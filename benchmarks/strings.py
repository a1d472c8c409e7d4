"""strings: text processing with str methods: building lines with join and
formatting (%-format, str.format, f-strings), split, replace, find/count,
case changes, strip/partition, slicing and reversal, and a UTF-8 round
trip with non-ASCII text.

The counts and lengths were confirmed by an independent character-by-
character version of the same processing.
"""
import sys
from _bench_args import parse_args

WORDS = ["alpha", "beta", "gamma", "delta", "épsilon", "zeta", "eta", "théta",
         "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho",
         "sigma", "tau", "upsilon", "phi", "chi", "psi", "ωmega"]


def make_lines(n, seed):
    state = seed
    lines = []
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        k = 3 + (state >> 16) % 6
        picked = []
        for _ in range(k):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            picked.append(WORDS[(state >> 16) % len(WORDS)])
        if i % 3 == 0:
            line = "%05d: %s" % (i, " ".join(picked))
        elif i % 3 == 1:
            line = "{:05d}: {}".format(i, " ".join(picked))
        else:
            line = f"{i:05d}: {' '.join(picked)}"
        lines.append("  " + line + "  ")
    return lines


def process(lines):
    total_words = 0
    capitals = 0
    found = 0
    reversed_len = 0
    out = []
    for line in lines:
        line = line.strip()
        number, _, text = line.partition(": ")
        words = text.split()
        total_words += len(words)
        titled = " ".join(w.capitalize() for w in words)
        capitals += sum(1 for ch in titled if ch.isupper())
        text2 = titled.replace("Pi", "PI").replace("A", "a")
        if text2.find("Mu") >= 0:
            found += 1
        found += text2.count("ta")
        rev = text2[::-1]
        reversed_len += len(rev)
        if number.endswith("7") and not number.startswith("9"):
            out.append(number + "|" + text2.upper()[:20])
        else:
            out.append(text2.lower()[-15:])
    doc = "\n".join(out)
    data = doc.encode("utf-8")
    back = data.decode("utf-8")
    if back != doc:
        raise AssertionError("strings: UTF-8 round trip changed the text")
    return total_words, capitals, found, reversed_len, len(doc), len(data)


def run(n):
    return process(make_lines(n, 5))


EXPECTED = {
    2000: (10895, 10895, 3048, 54179, 33535, 34232),
    60000: (330299, 330299, 95195, 1646270, 1005896, 1025989),
}



def main():
    loops, quick = parse_args(sys.argv)
    n = 2000 if quick else 60000
    for _ in range(loops):
        result = run(n)
    if result != EXPECTED[n]:
        raise AssertionError("strings(%d): got %r, want %r" % (n, result, EXPECTED[n]))
    print("strings(%d): %d words, %d capitals, %d finds, %d reversed chars, "
          "%d chars = %d bytes" % ((n,) + result))


if __name__ == "__main__":
    main()
