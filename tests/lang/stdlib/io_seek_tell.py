# TextIOWrapper.tell()/seek() cookies over mixed content: CRLF and CR newlines, multi-byte
# UTF-8, lines that straddle the decoder's chunks, and the codec path (cp1252, utf-16).
import io

parts = []
for i in range(400):
    parts.append("ligne %d é€ 🐍" % i if i % 3 == 0 else "line %d" % i)
    parts.append("\r\n" if i % 5 == 0 else "\r" if i % 7 == 0 else "\n")
text = "".join(parts)


def walk(data, **kw):
    f = io.TextIOWrapper(io.BytesIO(data), **kw)
    f._CHUNK_SIZE = 64
    marks = []
    while True:
        pos = f.tell()
        line = f.readline()
        if not line:
            break
        marks.append((pos, line))
    ok = 0
    for pos, line in marks[::-1]:
        f.seek(pos)
        if f.readline() == line:
            ok += 1
    f.seek(0)
    reads = []
    while True:
        pos = f.tell()
        chunk = f.read(7)
        if not chunk:
            break
        reads.append((pos, chunk))
    ok2 = 0
    for pos, chunk in reads[::-3]:
        f.seek(pos)
        if f.read(7) == chunk:
            ok2 += 1
    return len(marks), ok, len(reads), ok2, [m[0] for m in marks[:12]], marks[-1][0]


for nl in [None, "", "\n", "\r", "\r\n"]:
    print(repr(nl), walk(text.encode("utf-8"), encoding="utf-8", newline=nl))
print(walk(text.replace("🐍", "").encode("cp1252"), encoding="cp1252"))
print(walk(text.encode("utf-16"), encoding="utf-16")[:4])
print(walk(text.replace("é€ 🐍", "").encode("ascii"), encoding="ascii"))
