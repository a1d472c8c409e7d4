"""dicts: dictionary-heavy work: word counting with str keys, grouping with
setdefault, inverting with a comprehension, int-keyed tables with
insertion, membership tests, deletion and merging.

The word statistics were confirmed independently by sorting the word list
and counting runs; the int-keyed part has closed-form results.
"""
import sys
from _bench_args import parse_args

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "qu", "ba", "do"]


def make_words(n, seed):
    state = seed
    words = []
    for _ in range(n):
        parts = []
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        k = 2 + (state >> 16) % 2
        for _ in range(k):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            parts.append(SYLLABLES[(state >> 16) % len(SYLLABLES)])
        words.append("".join(parts))
    return words


def word_stats(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    by_initial = {}
    for w, c in counts.items():
        by_initial.setdefault(w[0], []).append(c)
    groups = {k: sum(v) for k, v in by_initial.items()}
    if sum(groups.values()) != len(words):
        raise AssertionError("dicts: grouping lost words")
    by_count = {}
    for w, c in counts.items():
        if c in by_count:
            by_count[c] += 1
        else:
            by_count[c] = 1
    top = max(counts.values())
    checksum = 0
    for w in sorted(counts):
        checksum = (checksum * 131 + counts[w] * len(w)) % 1000000007
    return len(counts), top, len(by_count), checksum


def int_tables(n):
    squares = {i: i * i for i in range(n)}
    hits = 0
    for i in range(0, 2 * n, 3):
        if i in squares:
            hits += 1
    for i in range(1, n, 2):
        del squares[i]
    other = {i: -i for i in range(0, n, 5)}
    squares.update(other)
    total = 0
    for k, v in squares.items():
        total += v
    return hits, len(squares), total


def run(n):
    words = make_words(n, 99)
    return word_stats(words) + int_tables(n)


def int_expected(n):
    hits = len(range(0, n, 3))
    evens = range(0, n, 2)
    fives = range(0, n, 5)
    tens = range(0, n, 10)      # even and multiple of five: replaced by -i
    odd_fives = len(fives) - len(tens)
    total = sum(i * i for i in evens) - sum(i * i for i in tens) - sum(fives)
    return hits, len(evens) + odd_fives, total


WORD_EXPECTED = {20000: (1868, 91, 51, 814940883), 150000: (1872, 577, 112, 623257383)}



def main():
    loops, quick = parse_args(sys.argv)
    n = 20000 if quick else 150000
    for _ in range(loops):
        result = run(n)
    want = WORD_EXPECTED[n] + int_expected(n)
    if result != want:
        raise AssertionError("dicts(%d): got %r, want %r" % (n, result, want))
    print("dicts(%d): %d distinct words, top count %d, %d count classes, checksum %d;"
          " ints %d %d %d" % ((n,) + result))


if __name__ == "__main__":
    main()
