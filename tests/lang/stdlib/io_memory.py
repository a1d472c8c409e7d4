# io.StringIO, io.BytesIO, TextIOWrapper over in-memory buffers, the io ABCs and
# subclassing the io classes.
import io


def attempt(fn):
    try:
        r = fn()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


# -- StringIO --
s = io.StringIO()
print(s.write("hello\n"), s.write("world"), s.tell(), s.getvalue())
s.seek(0)
print(repr(s.readline()), repr(s.read(2)), repr(s.read()), repr(s.read()))
print(s.seek(0, 2), s.seek(0, 1), s.seek(2), s.tell())
print(s.write("X"), repr(s.getvalue()))
s.seek(20)
s.write("!")
print(repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell())
print(s.readable(), s.writable(), s.seekable(), s.isatty(), s.line_buffering, s.newlines)
s.close()
print(s.closed)
attempt(s.getvalue)
attempt(lambda: s.write("x"))

s = io.StringIO("line1\nline2\r\nline3\rline4")
print(list(s))
for nl in [None, "", "\n", "\r", "\r\n"]:
    s = io.StringIO("a\nb\r\nc\rd", newline=nl)
    print(repr(nl), s.readlines(), repr(s.getvalue()), s.newlines)
    s = io.StringIO(newline=nl)
    s.write("x\ny\r\nz\r")
    print(repr(nl), repr(s.getvalue()))
s = io.StringIO("ab\ncd\nef")
print(s.readline(1), s.readline(5), s.readlines(), s.readlines())
s = io.StringIO("1\n2\n3\n4\n")
print(s.readlines(3))
s = io.StringIO("ünïcödé €uro 🐍")
print(s.read(3), s.tell(), s.read(), len(s.getvalue()))
s = io.StringIO()
s.writelines(["a", "b", "c\n"])
print(repr(s.getvalue()))
attempt(lambda: io.StringIO(b"x"))
attempt(lambda: io.StringIO(newline="x"))
attempt(lambda: io.StringIO().seek(1, 1))
attempt(lambda: io.StringIO().seek(-1))
attempt(lambda: io.StringIO().truncate(-1))
attempt(lambda: io.StringIO().write(3))
attempt(lambda: io.StringIO().detach())
attempt(lambda: io.StringIO().fileno())
with io.StringIO("ctx") as s:
    print(s.read())
print(s.closed)

# -- BytesIO --
b = io.BytesIO(b"abc\ndef\nghi")
print(b.read(2), b.read1(1), b.readline(), b.tell(), b.readlines(), b.read())
b.seek(0)
print(list(b), b.getvalue())
print(b.seek(-3, 2), b.read(), b.seek(0), b.seek(2, 1))
print(b.write(b"XYZ"), b.getvalue(), b.tell())
b.seek(15)
b.write(b"!")
print(b.getvalue())
print(b.truncate(4), b.getvalue(), b.tell())
ba = bytearray(3)
b.seek(0)
print(b.readinto(ba), ba, b.readinto(bytearray(5)))
b = io.BytesIO()
b.writelines([b"a", bytearray(b"b"), memoryview(b"c")])
print(b.getvalue(), bytes(b.getbuffer()), b.readable(), b.writable(), b.seekable(), b.isatty())
b.close()
print(b.closed)
attempt(b.getvalue)
attempt(lambda: b.read())
attempt(lambda: io.BytesIO().write("x"))
attempt(lambda: io.BytesIO().seek(-1))
attempt(lambda: io.BytesIO().seek(0, 3))
attempt(lambda: io.BytesIO().truncate(-2))
attempt(lambda: io.BytesIO("str"))
attempt(lambda: io.BytesIO().read("x"))

# -- TextIOWrapper over BytesIO --
raw = io.BytesIO()
t = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")
print(t.write("a\nb\n"), repr(raw.getvalue()))
t.flush()
print(repr(raw.getvalue()))
t.seek(0)
print(repr(t.read()))
raw = io.BytesIO("héllo\nwörld\n".encode("utf-8"))
t = io.TextIOWrapper(raw, encoding="utf-8")
print(t.readline(), end="")
print(t.tell())
print(t.readline(), end="")
print(repr(t), t.encoding, t.errors, t.newlines)
t = io.TextIOWrapper(io.BytesIO("x\r\ny\rz\n".encode()), newline=None)
print(t.readlines(), t.newlines)
t = io.TextIOWrapper(io.BytesIO(b"caf\xe9\n"), encoding="latin-1")
print(repr(t.read()))
t = io.TextIOWrapper(io.BytesIO(b"caf\x80\x9c\n"), encoding="cp1252")
print(repr(t.read()), t.encoding)
t = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
t.write("€uro")
t.flush()
print(t.buffer.getvalue())
t = io.TextIOWrapper(io.BytesIO("añb\nc".encode("utf-16")), encoding="utf-16")
print(t.readlines())
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding="utf-16-le")
t.write("hi")
t.flush()
print(b.getvalue())
t = io.TextIOWrapper(io.BytesIO(b"\xff\xfeabc"), encoding="utf-8", errors="replace")
print(repr(t.read()))
t = io.TextIOWrapper(io.BytesIO(b"\xff"), encoding="utf-8", errors="surrogateescape")
print(repr(t.read()))
attempt(lambda: io.TextIOWrapper(io.BytesIO(), encoding="rot13"))
attempt(lambda: io.TextIOWrapper(io.BytesIO(), newline="x"))
attempt(lambda: io.TextIOWrapper(io.BytesIO(), encoding=5))

# -- a UTF-8 character split across reads --
data = ("ab€" * 5000 + "\n") * 3
t = io.TextIOWrapper(io.BytesIO(data.encode()), encoding="utf-8")
lines = t.readlines()
print(len(lines), lines[0] == "ab€" * 5000 + "\n", sum(map(len, lines)) == len(data))
t.seek(0)
t.read(7)
pos = t.tell()
rest = t.read()
t.seek(pos)
print(t.read() == rest, len(rest))

# -- IncrementalNewlineDecoder --
d = io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("a\r")), repr(d.decode("\nb\r")), repr(d.decode("", final=True)), d.newlines)
print(d.getstate())
d.reset()
print(d.newlines, d.getstate())
d = io.IncrementalNewlineDecoder(None, translate=False)
print(repr(d.decode("x\r\ny\n")), d.newlines)

# -- ABCs and subclasses --
print(issubclass(io.StringIO, io.TextIOBase), issubclass(io.BytesIO, io.BufferedIOBase),
      issubclass(io.FileIO, io.RawIOBase), issubclass(io.TextIOWrapper, io.IOBase))
print(io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END, io.open is open)
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))


class Upper(io.StringIO):
    def write(self, s):
        return super().write(s.upper())


u = Upper()
print("x", "y", file=u)
u.writelines(["a\n", "b\n"])
print(repr(u.getvalue()))
u.seek(0)
print(list(u))


class Lines(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def readable(self):
        return True

    def readinto(self, b):
        n = min(len(b), len(self.data) - self.pos, 4)
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n


r = Lines(b"one\ntwo\nthree")
print(r.read(2), r.readline(), r.readall(), r.read())
br = io.BufferedReader(Lines(b"alpha\nbeta\ngamma\n"), 8)
print(br.readline(), br.peek(2)[:2], br.read(3), br.read())
tw = io.TextIOWrapper(io.BufferedReader(Lines("ünï\ncöde\n".encode())), encoding="utf-8")
print(tw.readlines())


class Collect(io.TextIOBase):
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


c = Collect()
print("to", "collector", file=c)
print(c.parts, c.readable(), c.writable(), c.seekable(), c.closed)
attempt(c.read)
attempt(c.fileno)
attempt(lambda: c.seek(0))
c.close()
print(c.closed)
attempt(lambda: c.write("x"))
attempt(c.flush)
with io.BytesIO(b"x") as bb:
    print(bb.read())
attempt(bb.read)
pair = io.BufferedRWPair(io.BytesIO(b"in data"), io.BytesIO())
print(pair.read(2), pair.write(b"out"), pair.readable(), pair.writable(), pair.closed)
# -- finalization: objects dropped while open are closed through close() --
class Noisy(io.StringIO):
    def close(self):
        print("closing", self.getvalue())
        super().close()
n = Noisy("a")
del n
with Noisy("b") as n2:
    pass
del n2
class R(io.RawIOBase):
    def close(self):
        print("raw close", self.closed)
        super().close()
r = R()
del r
class T(io.TextIOWrapper):
    pass
t = T(io.BytesIO(), encoding="ascii")
t.write("pending")
b = t.buffer
del t
print(b.closed)
def f():
    x = Noisy("in function")
f()
print("end")
