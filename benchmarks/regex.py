"""regex: a log-analysis workload with the re module: compiled patterns
with groups and named groups, findall, finditer, sub with a function,
split, fullmatch and search with alternation and character classes.

The counts were confirmed by an independent scanner that uses no regular
expressions.
"""
import re
import sys
from _bench_args import parse_args

LEVELS = ["INFO", "WARN", "ERROR", "DEBUG"]
USERS = ["alice", "bob", "carol", "dave", "erin", "frank"]
PATHS = ["/index.html", "/api/v1/items", "/api/v2/users/17", "/static/app.js", "/login"]

LINE = re.compile(r"^(?P<date>\d{4}-\d\d-\d\d) (?P<time>\d\d:\d\d:\d\d) "
                  r"\[(?P<level>[A-Z]+)\] (?P<msg>.*)$")
IP = re.compile(r"\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b")
REQUEST = re.compile(r"(GET|POST|PUT) (/[\w/.]*) -> (\d{3}) in (\d+)ms")
USER = re.compile(r"user=(\w+)")
NUMBER = re.compile(r"\d+")


def make_log(n, seed):
    state = seed

    def nxt(k):
        nonlocal state
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        return (state >> 16) % k

    lines = []
    for i in range(n):
        date = "2024-%02d-%02d %02d:%02d:%02d" % (1 + nxt(12), 1 + nxt(28), nxt(24), nxt(60), nxt(60))
        level = LEVELS[nxt(4)]
        kind = nxt(3)
        if kind == 0:
            msg = "%s %s -> %d in %dms from %d.%d.%d.%d" % (
                ["GET", "POST", "PUT"][nxt(3)], PATHS[nxt(5)], [200, 404, 500, 302][nxt(4)],
                nxt(900), nxt(256), nxt(256), nxt(256), nxt(256))
        elif kind == 1:
            msg = "login user=%s ok=%d attempts=%d" % (USERS[nxt(6)], nxt(2), 1 + nxt(5))
        else:
            msg = "cache hit ratio %d.%d%% for key%d" % (nxt(100), nxt(10), nxt(50))
        lines.append("%s [%s] %s" % (date, level, msg))
    return "\n".join(lines)


def analyse(text):
    levels = {}
    slow = 0
    status_500 = 0
    users = {}
    private = 0
    numbers = 0
    for line in text.split("\n"):
        m = LINE.match(line)
        if m is None:
            raise AssertionError("regex: line did not parse: %r" % line)
        levels[m.group("level")] = levels.get(m.group("level"), 0) + 1
        msg = m.group("msg")
        r = REQUEST.search(msg)
        if r:
            if int(r.group(4)) >= 500:
                slow += 1
            if r.group(3) == "500":
                status_500 += 1
        for u in USER.findall(msg):
            users[u] = users.get(u, 0) + 1
        for ip in IP.finditer(msg):
            if ip.group(1) == "10" or (ip.group(1) == "192" and ip.group(2) == "168"):
                private += 1
        numbers += len(NUMBER.findall(line))
    masked = IP.sub(lambda m: "%s.x.x.x" % m.group(1), text)
    fields = re.split(r"[ \[\]]+", masked[:20000])
    return (levels.get("ERROR", 0), slow, status_500, users.get("carol", 0),
            private, numbers, len(masked), len(fields))


def run(n):
    return analyse(make_log(n, 2024))


EXPECTED = {
    500: (119, 78, 43, 25, 0, 4941, 32399, 2472),
    30000: (7470, 4583, 2552, 1680, 34, 296220, 1943775, 2472),
}



def main():
    loops, quick = parse_args(sys.argv)
    n = 500 if quick else 30000
    for _ in range(loops):
        result = run(n)
    if result != EXPECTED[n]:
        raise AssertionError("regex(%d): got %r, want %r" % (n, result, EXPECTED[n]))
    print("regex(%d): %d errors, %d slow, %d status 500, %d carol, %d private IPs, "
          "%d numbers, %d masked chars, %d fields" % ((n,) + result))


if __name__ == "__main__":
    main()
