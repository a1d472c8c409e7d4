# codecs and _codecs: the registry, lookup and normalization, the codec functions the
# encodings package uses, error handlers, incremental codecs, and the encodings package.
import codecs
import _codecs
import encodings


def attempt(fn):
    try:
        r = fn()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


for name in ["utf-8", "UTF8", "utf_8", "latin-1", "Latin1", "iso-8859-1", "ascii", "US-ASCII",
             "cp1252", "utf-16", "utf-16-le", "utf-32"]:
    info = codecs.lookup(name)
    print(name, info.name, type(info).__name__, isinstance(info, tuple), len(info))
attempt(lambda: codecs.lookup("no-such-encoding"))
attempt(lambda: codecs.lookup(5))
print(codecs.lookup("utf-8") is codecs.lookup("UTF-8"))

# The functions behind encodings/*.py.
print(_codecs.utf_8_encode("héllo"), _codecs.utf_8_decode(b"h\xc3\xa9llo"))
print(_codecs.utf_8_decode(b"ab\xe2\x82", None, False), _codecs.utf_8_decode(b"ab\xe2\x82", "replace", True))
attempt(lambda: _codecs.utf_8_decode(b"ab\xe2\x82", None, True))
print(_codecs.latin_1_encode("ab\xff"), _codecs.latin_1_decode(b"\xe9t\xe9"))
print(_codecs.ascii_encode("abc"), _codecs.ascii_decode(b"abc"))
attempt(lambda: _codecs.ascii_encode("é"))
print(_codecs.ascii_encode("aé", "xmlcharrefreplace"), _codecs.ascii_encode("aé", "backslashreplace"),
      _codecs.ascii_encode("aé", "ignore"), _codecs.ascii_encode("aé", "replace"))
print(_codecs.utf_8_encode("a\udc80", "surrogateescape"), _codecs.utf_8_decode(b"a\x80", "surrogateescape"))
print(_codecs.utf_16_ex_decode(b"\xff\xfea\x00b"), _codecs.utf_16_ex_decode(b"a\x00"),
      _codecs.utf_16_ex_decode(b"\xfe\xff\x00a", None, 0, True))
print(_codecs.utf_16_le_encode("hi"), _codecs.utf_16_be_decode(b"\x00h\x00i"), _codecs.utf_16_encode("h"))
print(_codecs.utf_32_le_encode("A"), _codecs.utf_32_ex_decode(b"\xff\xfe\x00\x00A\x00\x00\x00"))
print(_codecs.escape_encode(b"a\n\x00\\'\"\xff"), _codecs.escape_decode(b"a\\n\\x41\\101"))
print(_codecs.unicode_escape_encode("a\né\u1234\U0001f600\\"), _codecs.raw_unicode_escape_encode("aé\u1234\\"))
print(_codecs.unicode_escape_decode(b"a\\n\\u00e9\\t"), _codecs.raw_unicode_escape_decode(b"a\\u00e9\\n"))
attempt(lambda: _codecs.unicode_escape_decode(b"\\x4"))
print(_codecs.charmap_decode(b"\x00\x01", None, "xyz"), _codecs.charmap_build("ab") == {97: 0, 98: 1})
attempt(lambda: _codecs.charmap_decode(b"\x00\x05", None, "xyz"))
print(_codecs.charmap_encode("ab", "strict", {97: 1, 98: b"BB"}))
attempt(lambda: _codecs.charmap_encode("ac", "strict", {97: 1}))
attempt(lambda: _codecs.utf_8_encode(b"x"))
print(_codecs.readbuffer_encode("ab"), _codecs.readbuffer_encode(b"xy"))

# encode/decode through the registry.
print(codecs.encode("abc", "rot13"), codecs.decode("nop", "rot13"))
print(codecs.encode("é", "utf-8"), codecs.decode(b"\xc3\xa9", "utf-8"), codecs.encode("€", "cp1252"))
print(codecs.decode(b"\x80", "cp1252"), codecs.encode("aé", "ascii", "replace"))
attempt(lambda: codecs.encode("x", "nope"))
attempt(lambda: codecs.decode(b"\x81", "cp1252"))
print("é€".encode("utf-8"), b"\xc3\xa9".decode(), "x".encode("latin-1"))

# Error handlers.
print(codecs.lookup_error("strict"), codecs.strict_errors is codecs.lookup_error("strict"))
print(codecs.lookup_error("replace")(UnicodeEncodeError("ascii", "aé", 1, 2, "x")))
print(codecs.lookup_error("replace")(UnicodeDecodeError("ascii", b"a\xff", 1, 2, "x")))
print(codecs.lookup_error("backslashreplace")(UnicodeDecodeError("ascii", b"a\xff", 1, 2, "x")))
print(codecs.lookup_error("xmlcharrefreplace")(UnicodeEncodeError("ascii", "a€", 1, 2, "x")))
print(codecs.lookup_error("ignore")(UnicodeEncodeError("ascii", "abc", 1, 3, "x")))
attempt(lambda: codecs.lookup_error("ignore")(ValueError()))
attempt(lambda: codecs.lookup_error("strict")(UnicodeEncodeError("ascii", "é", 0, 1, "bad")))
attempt(lambda: codecs.lookup_error("nope"))
codecs.register_error("stars", lambda e: ("*" * (e.end - e.start), e.end))
print(codecs.lookup_error("stars")(UnicodeEncodeError("ascii", "aéé", 1, 3, "x")))
print(codecs.charmap_encode("aé", "stars", {97: 97}) if False else "skip")

# Custom search functions and normalization.
seen = []


def search(name):
    seen.append(name)
    if name == "my_codec":
        return codecs.CodecInfo(lambda s, e="strict": (s.upper().encode(), len(s)),
                                lambda b, e="strict": (bytes(b).decode().lower(), len(b)),
                                name="my-codec")
    return None


codecs.register(search)
print(codecs.lookup("My Codec").name, codecs.encode("abc", "my-codec"), codecs.decode(b"XY", "MY_CODEC"))
attempt(lambda: codecs.lookup("Foo Bar"))
print(seen)
codecs.unregister(search)
attempt(lambda: codecs.lookup("my codec2"))
attempt(lambda: codecs.register(5))

# Incremental codecs and stream helpers.
dec = codecs.getincrementaldecoder("utf-8")()
print(repr(dec.decode(b"\xe2")), repr(dec.decode(b"\x82")), repr(dec.decode(b"\xac!")))
enc = codecs.getincrementalencoder("utf-16")()
print(enc.encode("a"), enc.encode("b"))
dec = codecs.getincrementaldecoder("utf-16")()
print(repr(dec.decode(b"\xff")), repr(dec.decode(b"\xfea")), repr(dec.decode(b"\x00")))
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.utf_8_decode(b"ok"))
print(list(codecs.iterencode(["a", "é"], "utf-8")), "".join(codecs.iterdecode([b"\xc3", b"\xa9"], "utf-8")))
print(encodings.normalize_encoding("Latin 1"), encodings.search_function("utf_8").name)
print(codecs.getencoder("latin-1")("é"), codecs.getdecoder("ascii")(b"x"))

# str.encode / bytes.decode for encodings outside the native set go through the registry.
print("€uro".encode("cp1252"), b"\x80uro".decode("cp1252"), "é".encode("mac-roman"))
print("añ".encode("utf-16-le"), b"a\x00".decode("utf_16_le"), "ü".encode("cp437", "replace"))
attempt(lambda: "x".encode("rot13"))
attempt(lambda: b"x".decode("hex"))
attempt(lambda: "x".encode("no-such"))
attempt(lambda: "\u20ac".encode("latin-1"))
attempt(lambda: "\u0100".encode("cp1252"))
