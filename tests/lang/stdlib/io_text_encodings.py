# Text files in stateful encodings (UTF-16 BOM handling on append and update), print()
# to files, write_through.
import io, os
p = "/tmp/strata_io_text_encodings_%d.txt" % os.getpid()
with open(p, "w", encoding="utf-16") as f:
    f.write("ab")
with open(p, "a", encoding="utf-16") as f:
    f.write("cd")
with open(p, "rb") as f:
    print(f.read())
with open(p, encoding="utf-16") as f:
    print(f.read())
with open(p, "r+", encoding="utf-16") as f:
    f.seek(0, 2); f.write("e"); f.seek(0); print(f.read())
with open(p, "w", encoding="utf-8", write_through=True) if False else open(p, "w") as f:
    print("a", 1, file=f)
    print("b", end="", file=f)
    f.reconfigure(write_through=True)
    print(f.write_through)
with open(p) as f:
    print(repr(f.read()))
os.remove(p)
