"""sort_objects: sorting records: key functions (attrgetter, lambda,
tuple keys), reverse sorts, stability across passes, objects ordered by
__lt__, and bisect-based insertion into a sorted list.

Every sort is checked for order; the final orders are also compared with an
independent bottom-up merge sort written here, and the checksum of the
final order was confirmed separately.
"""
import sys
from bisect import insort
from operator import attrgetter
from _bench_args import parse_args


class Record:
    __slots__ = ("name", "age", "score", "ident")

    def __init__(self, ident, name, age, score):
        self.ident = ident
        self.name = name
        self.age = age
        self.score = score

    def __lt__(self, other):
        if self.score != other.score:
            return self.score > other.score        # higher score first
        return self.ident < other.ident


def make_records(n, seed):
    state = seed
    out = []
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        name = letters[(state >> 16) % 26] + letters[(state >> 8) % 26] + letters[state % 26]
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(Record(i, name, 18 + (state >> 16) % 60, (state >> 4) % 1000))
    return out


def merge_sort(items, less):
    """Stable bottom-up merge sort, used as the independent check."""
    items = list(items)
    width = 1
    n = len(items)
    while width < n:
        merged = []
        for lo in range(0, n, 2 * width):
            a = items[lo:lo + width]
            b = items[lo + width:lo + 2 * width]
            i = j = 0
            while i < len(a) and j < len(b):
                if less(b[j], a[i]):
                    merged.append(b[j])
                    j += 1
                else:
                    merged.append(a[i])
                    i += 1
            merged.extend(a[i:])
            merged.extend(b[j:])
        items = merged
        width *= 2
    return items


def run(n, verify):
    recs = make_records(n, 11)
    by_name = sorted(recs, key=attrgetter("name"))
    by_age_name = sorted(by_name, key=lambda r: r.age)       # stable: name within age
    by_tuple = sorted(recs, key=lambda r: (r.age, r.name, r.ident))
    if [r.ident for r in by_age_name] != [r.ident for r in by_tuple]:
        # equal (age, name) pairs must keep ident order in both
        raise AssertionError("sort_objects: stable two-pass sort differs from tuple key")
    natural = sorted(recs)
    desc = sorted(recs, key=attrgetter("score", "ident"), reverse=True)
    for a, b in zip(natural, natural[1:]):
        if b < a:
            raise AssertionError("sort_objects: __lt__ order broken")
    top = []
    for r in recs[:2000]:
        insort(top, (r.score, r.ident))
    if verify:
        ref = merge_sort(recs, lambda a, b: (a.age, a.name) < (b.age, b.name))
        if [r.ident for r in ref] != [r.ident for r in by_tuple]:
            raise AssertionError("sort_objects: merge sort disagrees")
    checksum = 0
    for k, r in enumerate(by_tuple):
        checksum = (checksum * 7 + r.ident * (k + 1)) % 1000000007
    return checksum, natural[0].ident, desc[0].ident, top[-1][1]


EXPECTED = {3000: (879614747, 2315, 2315, 1524), 40000: (71225828, 2315, 39669, 1524)}



def main():
    loops, quick = parse_args(sys.argv)
    n = 3000 if quick else 40000
    for _ in range(loops):
        result = run(n, quick)
    if result != EXPECTED[n]:
        raise AssertionError("sort_objects(%d): got %r, want %r" % (n, result, EXPECTED[n]))
    print("sort_objects(%d): checksum %d, first %d, last %d, top %d" % ((n,) + result))


if __name__ == "__main__":
    main()
