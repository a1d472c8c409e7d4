# Edge cases of open(), FileIO and the buffered classes: argument errors, small buffers,
# update and append modes, descriptors, zero-size reads.
import io, os
D = "/tmp/strata_io_edge_%d" % os.getpid()  # a fixed name + pid: the modes run in parallel
os.mkdir(D)
p = D + "/e.txt"
def attempt(fn):
    try:
        r = fn()
        print("ok", repr(r).replace(D, "D"))
    except Exception as e:
        print(type(e).__name__ + ":", str(e).replace(D, "D"))
with open(p, "w") as f:
    f.write("one\ntwo\nthree\n")
with open(p.encode(), "rt") as f:
    print(f.name == p.encode(), f.readline(2), f.readline(-1), f.read(0), f.readlines(1), f.readlines())
attempt(lambda: open(p, "U"))
attempt(lambda: open(p, "rU"))
attempt(lambda: open(p, 5))
attempt(lambda: open(p, "r", -2).read())
attempt(lambda: open(p, "r", 2.5))
attempt(lambda: open(p, "r", encoding=5))
attempt(lambda: open(p, "r", errors=5))
attempt(lambda: open(p, "r", newline=5))
attempt(lambda: open(None))
attempt(lambda: open(-1))
attempt(lambda: open(p + "\0"))
attempt(lambda: io.FileIO(p, "rw"))
attempt(lambda: io.FileIO(p, "r++"))
fd = os.open(p, os.O_RDONLY)
f = open(fd)
print(repr(f).replace(str(fd), "FD"), f.buffer.raw.name == fd)
f.close()
attempt(lambda: os.fstat(fd))
with open(p, "r+") as f:
    print(f.read(3))
    f.write("X")
    print(f.tell())
    f.seek(0)
    print(repr(f.read()))
with open(p, "rb") as f:
    print(f.read(0), f.read1(0), f.peek(0)[:3], f.read(-1))
    attempt(lambda: f.read(-2))
with open(p, "rb", buffering=2) as f:
    print(f.read(5), f.tell(), f.read(3), f.tell(), f.seek(1, 1), f.read(2))
with open(p, "wb", buffering=4) as f:
    f.write(b"abcdefgh")
    f.write(b"ij")
    print(os.path.getsize(p), f.tell())
print(os.path.getsize(p))
with open(p, "w+") as f:
    f.write("hello")
    f.seek(0)
    print(f.read(), f.tell())
    f.truncate(2)
    f.seek(0)
    print(repr(f.read()))
with open(p, "a+") as f:
    print(f.tell(), repr(f.read()))
    f.seek(0)
    print(repr(f.read()))
f = open(p, "w")
f.close()
f.close()
print(f.closed)
attempt(lambda: f.fileno())
b = io.BufferedWriter(io.BytesIO())
print(b.write(b"abc"), b.raw.getvalue(), b.flush(), b.raw.getvalue())
attempt(lambda: io.BufferedWriter(io.BytesIO(), 0))
attempt(lambda: io.BufferedReader(io.FileIO(p, "w")))
r = io.BufferedRandom(io.BytesIO(b"0123456789"))
print(r.read(3), r.write(b"ab"), r.tell(), r.seek(0), r.read(), r.raw.getvalue())
os.remove(p)
os.rmdir(D)
