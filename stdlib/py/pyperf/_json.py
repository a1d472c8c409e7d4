"""JSON for pyperf's files: compact, sorted keys, ASCII; floats written with repr() as the
json module writes them.  Our own encoder and decoder, so that writing and reading results
does not need the json module (it imports re)."""

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}


def _json_str(s):
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            n = ord(ch)
            if n > 0xFFFF:
                n -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF)))
            else:
                out.append("\\u%04x" % n)
    out.append('"')
    return "".join(out)


def _json_encode(obj, out, indent, level):
    if obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, int):
        out.append(int.__repr__(obj))
    elif isinstance(obj, float):
        if obj != obj or obj in (float("inf"), float("-inf")):
            raise ValueError("out of range float value in JSON: %r" % obj)
        out.append(float.__repr__(obj))
    elif isinstance(obj, str):
        out.append(_json_str(obj))
    elif isinstance(obj, (list, tuple)):
        if not obj:
            out.append("[]")
            return
        sep, pad, end = _json_layout(indent, level)
        out.append("[" + pad)
        for i, item in enumerate(obj):
            if i:
                out.append(sep)
            _json_encode(item, out, indent, level + 1)
        out.append(end + "]")
    elif isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        sep, pad, end = _json_layout(indent, level)
        out.append("{" + pad)
        for i, key in enumerate(sorted(obj)):
            if not isinstance(key, str):
                raise TypeError("JSON keys must be str, not %s" % type(key).__name__)
            if i:
                out.append(sep)
            out.append(_json_str(key))
            out.append(": " if indent else ":")
            _json_encode(obj[key], out, indent, level + 1)
        out.append(end + "}")
    else:
        raise TypeError("Object of type %s is not JSON serializable" % type(obj).__name__)


def _json_layout(indent, level):
    if not indent:
        return ",", "", ""
    inner = "\n" + " " * (indent * (level + 1))
    return "," + inner, inner, "\n" + " " * (indent * level)


def dumps(obj, indent=None):
    out = []
    _json_encode(obj, out, indent, 0)
    return "".join(out)


class _JSONDecoder:
    _WS = " \t\n\r"
    _UNESCAPE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n",
                 "r": "\r", "t": "\t"}

    def __init__(self, text):
        self.s = text
        self.i = 0

    def error(self, what):
        raise ValueError("invalid JSON: %s at offset %d" % (what, self.i))

    def skip(self):
        s, i = self.s, self.i
        while i < len(s) and s[i] in self._WS:
            i += 1
        self.i = i

    def document(self):
        value = self.value()
        self.skip()
        if self.i != len(self.s):
            self.error("extra data")
        return value

    def value(self):
        self.skip()
        s = self.s
        if self.i >= len(s):
            self.error("unexpected end")
        ch = s[self.i]
        if ch == "{":
            self.i += 1
            result = {}
            self.skip()
            if s.startswith("}", self.i):
                self.i += 1
                return result
            while True:
                self.skip()
                if not s.startswith('"', self.i):
                    self.error("expected a string key")
                key = self.string()
                self.skip()
                if not s.startswith(":", self.i):
                    self.error("expected ':'")
                self.i += 1
                result[key] = self.value()
                self.skip()
                if s.startswith(",", self.i):
                    self.i += 1
                elif s.startswith("}", self.i):
                    self.i += 1
                    return result
                else:
                    self.error("expected ',' or '}'")
        if ch == "[":
            self.i += 1
            result = []
            self.skip()
            if s.startswith("]", self.i):
                self.i += 1
                return result
            while True:
                result.append(self.value())
                self.skip()
                if s.startswith(",", self.i):
                    self.i += 1
                elif s.startswith("]", self.i):
                    self.i += 1
                    return result
                else:
                    self.error("expected ',' or ']'")
        if ch == '"':
            return self.string()
        for word, value in (("null", None), ("true", True), ("false", False)):
            if s.startswith(word, self.i):
                self.i += len(word)
                return value
        return self.number()

    def number(self):
        s, start = self.s, self.i
        i = start
        if i < len(s) and s[i] == "-":
            i += 1
        is_float = False
        while i < len(s) and (s[i].isdigit() or s[i] in ".eE+-"):
            if s[i] in ".eE":
                is_float = True
            i += 1
        text = s[start:i]
        if not text or text == "-":
            self.error("unexpected character %r" % s[start:start + 1])
        self.i = i
        try:
            return float(text) if is_float else int(text)
        except ValueError:
            self.error("bad number %r" % text)

    def string(self):
        s = self.s
        i = self.i + 1
        parts = []
        while True:
            j = i
            while j < len(s) and s[j] != '"' and s[j] != "\\":
                j += 1
            if j >= len(s):
                self.i = j
                self.error("unterminated string")
            parts.append(s[i:j])
            if s[j] == '"':
                self.i = j + 1
                return "".join(parts)
            esc = s[j + 1:j + 2]
            if esc == "u":
                code = int(s[j + 2:j + 6], 16)
                i = j + 6
                if 0xD800 <= code < 0xDC00 and s.startswith("\\u", i):
                    low = int(s[i + 2:i + 6], 16)
                    if 0xDC00 <= low < 0xE000:
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                parts.append(chr(code))
            elif esc in self._UNESCAPE:
                parts.append(self._UNESCAPE[esc])
                i = j + 2
            else:
                self.i = j
                self.error("bad escape")


def loads(text):
    return _JSONDecoder(text).document()
