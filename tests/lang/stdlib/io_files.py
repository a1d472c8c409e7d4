# io over real files: open() modes, text and binary, newline handling, seek/tell,
# buffering, context managers and errors. Works in a directory under /tmp with a fixed
# name plus the process id (the test runner runs the modes of a test in parallel); the
# output shows it as "D".
import io
import os

D = "/tmp/strata_io_files_test_%d" % os.getpid()


def clean():
    if os.path.isdir(D):
        for n in os.listdir(D):
            os.remove(D + "/" + n)
        os.rmdir(D)


def attempt(fn):
    try:
        r = fn()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", str(e).replace(D, "D"))


clean()
os.mkdir(D)
p = D + "/a.txt"

# -- writing and reading text --
with open(p, "w") as f:
    print(type(f).__name__, f.name == p, f.mode, f.encoding, f.errors, f.line_buffering)
    print(f.write("hello\n"), f.write("wörld\n"), f.write("x" * 3))
    print(f.writable(), f.readable(), f.seekable(), f.closed)
print(f.closed)
with open(p) as f:
    print(repr(f.read()))
with open(p, "rb") as f:
    data = f.read()
    print(data, len(data), type(f).__name__, f.mode)
with open(p, encoding="utf-8") as f:
    print(f.readline(), end="")
    print(repr(f.readline()))
    print(repr(f.readline()), repr(f.readline()))
with open(p) as f:
    print(f.readlines())
with open(p) as f:
    print([line for line in f])
with open(p) as f:
    print(repr(f.read(3)), repr(f.read(4)), repr(f.read()))

# append and exclusive creation
with open(p, "a") as f:
    f.write("\nappended")
with open(p) as f:
    print(f.read().splitlines())
attempt(lambda: open(p, "x"))
with open(D + "/new.txt", "x") as f:
    f.write("created")
with open(D + "/new.txt") as f:
    print(f.read())

# -- newline handling --
with open(p, "w", newline="") as f:
    f.write("a\r\nb\rc\nd")
with open(p, "rb") as f:
    print(f.read())
for nl in [None, "", "\n", "\r", "\r\n"]:
    with open(p, newline=nl) as f:
        lines = f.readlines()
        print(repr(nl), lines, f.newlines)
for nl in [None, "", "\n", "\r", "\r\n"]:
    with open(p, "w", newline=nl) as f:
        f.write("1\n2\r\n3\r4")
    with open(p, "rb") as f:
        print(repr(nl), f.read())
with open(p, "w", newline="") as f:
    f.write("x\r")
    f.write("\ny\r")
with open(p) as f:
    print(repr(f.read()), f.newlines)

# -- binary modes --
b = D + "/b.bin"
with open(b, "wb") as f:
    print(type(f).__name__, f.write(b"\x00\x01\x02abc\n"), f.write(bytearray(b"xyz")))
    print(f.tell())
with open(b, "rb") as f:
    print(f.read(2), f.peek(1)[:1], f.read1(3), f.tell())
    print(f.readline(), f.read(), f.read())
    print(f.seek(0), f.read(1), f.seek(-2, 2), f.read(), f.seek(1, 0), f.seek(2, 1), f.read(1))
with open(b, "r+b") as f:
    print(type(f).__name__, f.read(3))
    f.write(b"ZZ")
    print(f.tell())
    f.seek(0)
    print(f.read())
    print(f.truncate(4), f.tell())
    f.seek(0)
    print(f.read())
with open(b, "rb") as f:
    ba = bytearray(3)
    print(f.readinto(ba), ba, f.readinto(bytearray(10)), f.readinto(ba))
with open(b, "rb", buffering=0) as f:
    print(type(f).__name__, f.read(2), f.readall(), f.read(), repr(f).replace(D, "D"))
with open(b, "ab") as f:
    print(f.tell(), f.write(b"++"), f.tell())
with open(b, "rb") as f:
    print(f.read(), list(open(b, "rb")))
with open(b, "w+b") as f:
    f.write(b"line1\nline2\nline3")
    f.seek(0)
    print([l for l in f])
    f.seek(6)
    print(f.readlines())

# -- text seek/tell --
with open(p, "w") as f:
    f.write("first\nsecond ö\nthird\n")
with open(p) as f:
    pos = []
    while True:
        t = f.tell()
        line = f.readline()
        if not line:
            break
        pos.append((t, line))
    print(pos)
    for t, line in reversed(pos):
        f.seek(t)
        print(t, repr(f.readline()))
    print(f.seek(0, 2), repr(f.read()))
    f.seek(0)
    print(f.read(8), f.tell())
    x = f.tell()
    print(repr(f.read(3)))
    f.seek(x)
    print(repr(f.read(3)))
with open(p, "r+") as f:
    f.seek(0, 2)
    f.write("fourth\n")
    f.seek(0)
    print(f.read())
with open(p) as f:
    for line in f:
        attempt(f.tell)
        break

# -- line buffering, flush, reconfigure --
with open(p, "w") as f:
    f.reconfigure(line_buffering=True)
    print(f.line_buffering, f.write_through)
    f.write("partial")
    with open(p) as g:
        print(repr(g.read()))
    f.write(" line\n")
    with open(p) as g:
        print(repr(g.read()))
    f.reconfigure(encoding="latin-1")
    f.write("é")
    print(f.encoding)
with open(p, "rb") as f:
    print(f.read())
with open(p, "w", encoding="latin-1", errors="replace") as f:
    print(f.encoding, f.errors)
    f.write("aé€")
with open(p, "rb") as f:
    print(f.read())
with open(p, encoding="ascii", errors="replace") as f:
    print(repr(f.read()))
with open(p, encoding="ascii") as f:
    attempt(f.read)
with open(p, "w", encoding="ascii") as f:
    attempt(lambda: f.write("é"))

# -- reprs, attributes, wrappers --
with open(p) as f:
    print(repr(f).replace(D, "D"), repr(f.buffer).replace(D, "D"), repr(f.buffer.raw).replace(D, "D"))
    print(f.buffer.raw.closefd, f.buffer.raw.mode, f.buffer.mode, f.name == p)
    print(isinstance(f, io.TextIOBase), isinstance(f.buffer, io.BufferedIOBase),
          isinstance(f.buffer.raw, io.RawIOBase), isinstance(f, io.IOBase))
    print(f.fileno() > 2, f.isatty())
print(repr(f).replace(D, "D"))
raw = io.FileIO(p, "w")
print(raw.mode, raw.closefd, raw.writable(), raw.readable())
raw.write(b"raw data")
raw.close()
print(raw.closed, repr(raw))
fd = os.open(p, os.O_RDONLY)
with open(fd, closefd=False) as f:
    print(f.read(), f.name == fd)
print(os.read(fd, 3))
os.close(fd)
with open(p, opener=lambda path, flags: os.open(path, flags)) as f:
    print(f.read())
tw = io.TextIOWrapper(io.BufferedReader(io.FileIO(p)), encoding="utf-8")
print(tw.read(), tw.encoding, repr(tw).replace(D, "D"))
det = tw.detach()
print(type(det).__name__)
attempt(tw.read)
det.close()

# -- errors --
attempt(lambda: open(D + "/missing.txt"))
try:
    open(D + "/missing.txt")
except FileNotFoundError as e:
    print(e.errno, e.filename == D + "/missing.txt", e.strerror)
attempt(lambda: open(D))
attempt(lambda: open(p, "rw"))
attempt(lambda: open(p, "r", buffering=0))
attempt(lambda: open(p, "rb", newline="\n"))
attempt(lambda: open(p, "r", newline="x"))
attempt(lambda: open(p, encoding="no-such-codec"))
f = open(p)
f.close()
attempt(f.read)
attempt(f.readline)
attempt(lambda: f.write("x"))
attempt(lambda: next(iter(f)))
with open(p, "rb") as f:
    attempt(lambda: f.write(b"x"))
with open(p, "wb") as f:
    attempt(f.read)
    attempt(lambda: f.write("text"))
with open(p) as f:
    attempt(lambda: f.write("x"))
    attempt(lambda: f.seek(1, 1))
with open(p, "w") as f:
    attempt(f.read)


class Noisy(io.StringIO):
    def close(self):
        print("closing")
        super().close()


with Noisy("ctx") as s:
    print(s.read())
print(s.closed)

clean()
print(os.path.exists(D))
