// stdlib/io_text.cpp — the text layer of `_io`: IncrementalNewlineDecoder, StringIO and
// TextIOWrapper, with CPython 3.11's newline semantics (universal newlines on input,
// translation on output), its opaque tell() cookies and its messages.
//
// TextIOWrapper decodes UTF-8, Latin-1 and ASCII natively (an incremental UTF-8 decoder
// that holds back an incomplete trailing sequence, and newline translation in place);
// every other encoding goes through the codec registry's incremental decoder/encoder,
// wrapped in an IncrementalNewlineDecoder as CPython does.
#include <cstring>
#include <string>

#include <gmp.h>

#include "stdlib/builtins.h"
#include "stdlib/io.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {
namespace io {

namespace {

constexpr int SEEN_CR = 1, SEEN_LF = 2, SEEN_CRLF = 4;
constexpr uint32_t kFastKw = METH_FASTCALL | METH_KEYWORDS;

// The newlines attribute for a seennl set.
Value newlines_value(int seennl) {
  switch (seennl) {
    case 0: return None();
    case SEEN_CR: return str_from_ascii("\r");
    case SEEN_LF: return str_from_ascii("\n");
    case SEEN_CRLF: return str_from_ascii("\r\n");
    default: break;
  }
  Ref cr(str_from_ascii("\r")), lf(str_from_ascii("\n")), crlf(str_from_ascii("\r\n"));
  if (!cr || !lf || !crlf) return Value();
  switch (seennl) {
    case SEEN_CR | SEEN_LF: return tuple_pack({*cr, *lf});
    case SEEN_CR | SEEN_CRLF: return tuple_pack({*cr, *crlf});
    case SEEN_LF | SEEN_CRLF: return tuple_pack({*lf, *crlf});
    default: return tuple_pack({*cr, *lf, *crlf});
  }
}

}  // namespace

// IncrementalNewlineDecoder.decode's work after the wrapped decoder: prepends a held-back
// '\r', holds back a trailing one (unless final), records the kinds of newline seen and
// translates them to '\n' when asked. Steals nothing; returns a new str.
Value translate_newlines(Value text, bool final, bool translate, bool* pendingcr, int* seennl) {
  Ref out(newref(text));
  if (*pendingcr && (str_length(text) > 0 || final)) {
    Ref cr(str_from_ascii("\r"));
    if (!cr) return Value();
    out.reset(str_concat(*cr, text));
    if (!out) return Value();
    *pendingcr = false;
  }
  int64_t n = str_length(*out);
  if (n > 0 && !final && str_char(*out, n - 1) == '\r') {
    out.reset(str_substring(*out, 0, n - 1));
    if (!out) return Value();
    *pendingcr = true;
    n--;
  }
  Value s = *out;
  StrObject* so = s.as<StrObject>();
  bool has_cr;
  if (so->kind == 1) {
    const uint8_t* d = str_data(s);
    has_cr = std::memchr(d, '\r', size_t(n)) != nullptr;
    if (!has_cr) {
      if (std::memchr(d, '\n', size_t(n))) *seennl |= SEEN_LF;
      return out.release();
    }
  } else {
    has_cr = false;
    for (int64_t i = 0; i < n; i++) {
      uint32_t c = str_char(s, i);
      if (c == '\r') {
        has_cr = true;
        break;
      }
      if (c == '\n') *seennl |= SEEN_LF;
    }
    if (!has_cr) return out.release();
  }
  int seen = 0;
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(s, i);
    if (c == '\n') {
      seen |= SEEN_LF;
    } else if (c == '\r') {
      if (i + 1 < n && str_char(s, i + 1) == '\n') {
        seen |= SEEN_CRLF;
        i++;
      } else {
        seen |= SEEN_CR;
      }
    }
  }
  *seennl |= seen;
  if (!translate) return out.release();
  text::StrBuilder b;
  b.reserve(n);
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(s, i);
    if (c == '\r') {
      if (i + 1 < n && str_char(s, i + 1) == '\n') i++;
      b.append('\n');
    } else {
      b.append(c);
    }
  }
  return b.finish();
}

namespace {

// Where a line ends in s[start, end): CPython's _PyIO_find_line_ending. Returns the index
// (relative to start) just after the line ending, or -1 with *consumed = how many
// characters can be set aside (all of them, or up to a partial multi-character ending).
int64_t find_line_ending(bool translated, bool universal, Value readnl, Value s, int64_t start,
                         int64_t end, int64_t* consumed) {
  int64_t len = end - start;
  StrObject* so = s.as<StrObject>();
  if (translated) {
    if (so->kind == 1) {
      const uint8_t* d = str_data(s) + start;
      const void* p = std::memchr(d, '\n', size_t(len));
      if (p) return static_cast<const uint8_t*>(p) - d + 1;
    } else {
      for (int64_t i = start; i < end; i++)
        if (str_char(s, i) == '\n') return i - start + 1;
    }
    *consumed = len;
    return -1;
  }
  if (universal) {
    for (int64_t i = start; i < end; i++) {
      uint32_t c = str_char(s, i);
      if (c > '\r') continue;
      if (c == '\n') return i - start + 1;
      if (c == '\r') {
        if (i + 1 < end && str_char(s, i + 1) == '\n') return i - start + 2;
        return i - start + 1;
      }
    }
    *consumed = len;
    return -1;
  }
  int64_t nl_len = str_length(readnl);
  uint32_t first = str_char(readnl, 0);
  for (int64_t i = start; i < end; i++) {
    if (str_char(s, i) != first) continue;
    if (end - i < nl_len) {
      *consumed = i - start;
      return -1;
    }
    int64_t k = 1;
    while (k < nl_len && str_char(s, i + k) == str_char(readnl, k)) k++;
    if (k == nl_len) return i - start + nl_len;
  }
  *consumed = len;
  return -1;
}

bool valid_newline(Value nl) {
  if (!nl || is_none(nl)) return true;
  int64_t n = str_length(nl);
  if (n == 0) return true;
  if (n == 1) return str_char(nl, 0) == '\n' || str_char(nl, 0) == '\r';
  return n == 2 && str_char(nl, 0) == '\r' && str_char(nl, 1) == '\n';
}

// -- IncrementalNewlineDecoder --------------------------------------------------------------

struct NLDecoderObject {
  Object ob;
  Value decoder;  // the wrapped incremental decoder, or None
  bool translate, pendingcr, ok;
  int seennl;
};
inline NLDecoderObject* nld(Value v) { return v.as<NLDecoderObject>(); }

Value nld_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  gc_track(o);
  return Value::from(o);
}
void nld_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<NLDecoderObject*>(o)->decoder, visit, arg);
}
void nld_clear(Object* o) { clear_ref(&reinterpret_cast<NLDecoderObject*>(o)->decoder); }
void nld_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  nld_clear(o);
  free_object(o);
}

int nld_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"decoder", "translate", "errors"};
  ArgSpec spec{"IncrementalNewlineDecoder", names, 3, 0, 2, 3};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return -1;
  int t = is_true(a[1]);
  if (t < 0) return -1;
  NLDecoderObject* d = nld(self);
  set_ref(&d->decoder, newref(a[0]));
  d->translate = t;
  d->pendingcr = false;
  d->seennl = 0;
  d->ok = true;
  return 0;
}

bool nld_check(NLDecoderObject* d) {
  if (!d->ok) {
    raise(ValueError, "IncrementalNewlineDecoder.__init__() not called");
    return false;
  }
  return true;
}

// decode(input, final): the wrapped decoder's output (or input itself), translated.
Value nld_decode_impl(Value self, Value input, bool final) {
  NLDecoderObject* d = nld(self);
  if (!nld_check(d)) return Value();
  Ref output;
  if (d->decoder && !is_none(d->decoder)) {
    Value args[2] = {input, Bool(final)};
    output.reset(call_method(d->decoder, STRATA_NAME(decode), args, 2));
    if (!output) return Value();
  } else {
    output.reset(newref(input));
  }
  if (!is_str(*output))
    return raise(TypeError, "decoder should return a string result, not '%s'",
                 type_name(*output));
  return translate_newlines(*output, final, d->translate, &d->pendingcr, &d->seennl);
}

Value nld_decode(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"input", "final"};
  ArgSpec spec{"decode", names, 2, 0, 1, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int final = 0;
  if (a[1]) {
    final = is_true(a[1]);
    if (final < 0) return Value();
  }
  return nld_decode_impl(self, a[0], final);
}

Value nld_getstate(Value self, const Value*, size_t, Value) {
  NLDecoderObject* d = nld(self);
  if (!nld_check(d)) return Value();
  Ref buffer;
  uint64_t flag = 0;
  if (d->decoder && !is_none(d->decoder)) {
    Ref state(call_method0(d->decoder, STRATA_NAME(getstate)));
    if (!state) return Value();
    if (!is_tuple(*state) || tuple_size(*state) != 2)
      return raise(TypeError, "illegal decoder state");
    buffer.reset(newref(tuple_item(*state, 0)));
    int64_t fl = int_as_i64(tuple_item(*state, 1));
    if (fl == -1 && error_occurred()) return Value();
    flag = uint64_t(fl);
  } else {
    buffer.reset(bytes_from(std::string_view()));
    if (!buffer) return Value();
  }
  flag <<= 1;
  if (d->pendingcr) flag |= 1;
  Ref fv(int_from_u64(flag));
  if (!fv) return Value();
  return tuple_pack({*buffer, *fv});
}

Value nld_setstate(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("setstate", nargs, 1, 1)) return Value();
  NLDecoderObject* d = nld(self);
  if (!nld_check(d)) return Value();
  Value state = args[0];
  if (!is_tuple(state) || tuple_size(state) != 2)
    return raise(TypeError, "state argument must be a tuple");
  int64_t flag = int_as_i64(tuple_item(state, 1));
  if (flag == -1 && error_occurred()) return Value();
  d->pendingcr = flag & 1;
  if (d->decoder && !is_none(d->decoder)) {
    Ref f(int_from_i64(flag >> 1));
    Ref t(tuple_pack({tuple_item(state, 0), *f}));
    if (!t) return Value();
    Value tv = *t;
    return call_method(d->decoder, STRATA_NAME(setstate), &tv, 1);
  }
  return None();
}

Value nld_reset(Value self, const Value*, size_t, Value) {
  NLDecoderObject* d = nld(self);
  if (!nld_check(d)) return Value();
  d->seennl = 0;
  d->pendingcr = false;
  if (d->decoder && !is_none(d->decoder)) return call_method0(d->decoder, STRATA_NAME(reset));
  return None();
}

Value nld_get_newlines(Value self) {
  NLDecoderObject* d = nld(self);
  if (!nld_check(d)) return Value();
  return newlines_value(d->seennl);
}

const MethodDef kNLDecoderMethods[] = {
    {"decode", nld_decode, kFastKw, nullptr},
    {"getstate", nld_getstate, METH_NOARGS, nullptr},
    {"setstate", nld_setstate, METH_FASTCALL, nullptr},
    {"reset", nld_reset, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kNLDecoderGetSet[] = {
    {"newlines", nld_get_newlines, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- StringIO ---------------------------------------------------------------------------------

struct StringIOObject {
  IOBaseObject base;
  uint32_t* buf;  // code points, mem_alloc'ed
  int64_t size, cap, pos;
  Value readnl;   // the newline argument as a str, or null for None
  const char* writenl;  // "\r" or "\r\n" when writes translate '\n', else null
  bool readuniversal, readtranslate, pendingcr, closed, ok;
  int seennl;
};
inline StringIOObject* sio(Value v) { return v.as<StringIOObject>(); }

void sio_traverse(Object* o, VisitFn visit, void* arg) {
  StringIOObject* s = reinterpret_cast<StringIOObject*>(o);
  visit_value(s->base.dict, visit, arg);
}
void sio_clear(Object* o) {
  StringIOObject* s = reinterpret_cast<StringIOObject*>(o);
  clear_ref(&s->base.dict);
}
void sio_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  StringIOObject* s = reinterpret_cast<StringIOObject*>(o);
  mem_free(s->buf);
  clear_ref(&s->readnl);
  clear_ref(&s->base.dict);
  free_object(o);
}
Value sio_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  gc_track(o);
  return Value::from(o);
}

bool sio_check(StringIOObject* s) {
  if (!s->ok) {
    raise(ValueError, "I/O operation on uninitialized object");
    return false;
  }
  if (s->closed) {
    raise(ValueError, "I/O operation on closed file");
    return false;
  }
  return true;
}

bool sio_reserve(StringIOObject* s, int64_t need) {
  if (need <= s->cap) return true;
  int64_t cap = s->cap ? s->cap * 2 : 64;
  if (cap < need) cap = need;
  if (cap > (int64_t(1) << 58)) {
    raise_no_memory();
    return false;
  }
  uint32_t* nb = static_cast<uint32_t*>(mem_realloc(s->buf, size_t(cap) * 4));
  if (!nb) {
    raise_no_memory();
    return false;
  }
  s->buf = nb;
  s->cap = cap;
  return true;
}

// Writes a str at pos, after the newline decoding and translation of the mode; returns
// the length of the original text (what write() returns), -1 on error.
int64_t sio_write_str(StringIOObject* s, Value text) {
  int64_t orig = str_length(text);
  Ref decoded(newref(text));
  if (s->readuniversal) {
    decoded.reset(translate_newlines(text, true, s->readtranslate, &s->pendingcr, &s->seennl));
    if (!decoded) return -1;
  }
  Value d = *decoded;
  int64_t n = str_length(d);
  int64_t extra = 0;
  if (s->writenl && s->writenl[1]) {
    for (int64_t i = 0; i < n; i++)
      if (str_char(d, i) == '\n') extra++;
  }
  if (n == 0) return orig;
  int64_t end = s->pos + n + extra;
  if (!sio_reserve(s, end)) return -1;
  if (s->pos > s->size)
    std::memset(s->buf + s->size, 0, size_t(s->pos - s->size) * 4);
  uint32_t* out = s->buf + s->pos;
  StrObject* so = d.as<StrObject>();
  if (!s->writenl && so->kind == 1) {
    const uint8_t* src = str_data(d);
    for (int64_t i = 0; i < n; i++) out[i] = src[i];
  } else {
    for (int64_t i = 0; i < n; i++) {
      uint32_t c = str_char(d, i);
      if (c == '\n' && s->writenl) {
        *out++ = uint32_t(s->writenl[0]);
        if (s->writenl[1]) *out++ = uint32_t(s->writenl[1]);
      } else {
        *out++ = c;
      }
    }
  }
  s->pos = end;
  if (end > s->size) s->size = end;
  return orig;
}

int sio_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"initial_value", "newline"};
  ArgSpec spec{"StringIO", names, 2, 0, 0, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return -1;
  Ref default_nl;
  if (!a[1]) {
    default_nl.reset(str_from_ascii("\n"));
    if (!default_nl) return -1;
  }
  Value value = a[0], newline = a[1] ? a[1] : *default_nl;
  if (a[1] && !is_none(a[1]) && !is_str(a[1])) {
    raise(TypeError, "newline must be str or None, not %s", type_name(a[1]));
    return -1;
  }
  if (newline && is_none(newline)) newline = Value();
  if (!valid_newline(newline)) {
    raise(ValueError, "illegal newline value: %R", newline);
    return -1;
  }
  if (value && !is_none(value) && !is_str(value)) {
    raise(TypeError, "initial_value must be str or None, not %s", type_name(value));
    return -1;
  }
  StringIOObject* s = sio(self);
  s->ok = false;
  clear_ref(&s->readnl);
  if (newline) s->readnl = newref(newline);
  s->readuniversal = !newline || str_length(newline) == 0;
  s->readtranslate = !newline;
  s->writenl = nullptr;
  if (newline && str_length(newline) > 0 && str_char(newline, 0) == '\r')
    s->writenl = str_length(newline) == 2 ? "\r\n" : "\r";
  s->pendingcr = false;
  s->seennl = 0;
  s->size = s->pos = 0;
  s->closed = false;
  if (value && !is_none(value) && str_length(value) > 0) {
    if (sio_write_str(s, value) < 0) return -1;
    s->pos = 0;
  }
  s->ok = true;
  return 0;
}

Value sio_getvalue(Value self, const Value*, size_t, Value) {
  StringIOObject* s = sio(self);
  if (!sio_check(s)) return Value();
  return str_from_codepoints(s->buf, s->size);
}

Value sio_read(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("read", nargs, 0, 1)) return Value();
  StringIOObject* s = sio(self);
  if (!sio_check(s)) return Value();
  int64_t n = -1;
  if (nargs && !optional_size(args[0], &n)) return Value();
  int64_t avail = s->size - s->pos;
  if (avail < 0) avail = 0;
  if (n < 0 || n > avail) n = avail;
  Value r = str_from_codepoints(n ? s->buf + s->pos : nullptr, n);
  if (r) s->pos += n;
  return r;
}

Value sio_readline_impl(StringIOObject* s, int64_t limit) {
  if (s->pos >= s->size) return str_from_ascii("");
  int64_t start = s->pos, end = s->size;
  if (limit >= 0 && limit < end - start) end = start + limit;
  int64_t len = end - start;
  const uint32_t* p = s->buf + start;
  int64_t taken = len;
  if (s->readtranslate) {
    for (int64_t i = 0; i < len; i++)
      if (p[i] == '\n') {
        taken = i + 1;
        break;
      }
  } else if (s->readuniversal) {
    for (int64_t i = 0; i < len; i++) {
      if (p[i] == '\n') {
        taken = i + 1;
        break;
      }
      if (p[i] == '\r') {
        taken = (i + 1 < len && p[i + 1] == '\n') ? i + 2 : i + 1;
        break;
      }
    }
  } else {
    int64_t nl_len = str_length(s->readnl);
    uint32_t n0 = str_char(s->readnl, 0);
    for (int64_t i = 0; i < len; i++) {
      if (p[i] != n0) continue;
      if (nl_len == 2) {
        if (i + 1 < len && p[i + 1] == str_char(s->readnl, 1)) {
          taken = i + 2;
          break;
        }
        continue;
      }
      taken = i + 1;
      break;
    }
  }
  Value r = str_from_codepoints(p, taken);
  if (r) s->pos += taken;
  return r;
}

Value sio_readline(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("readline", nargs, 0, 1)) return Value();
  StringIOObject* s = sio(self);
  if (!sio_check(s)) return Value();
  int64_t limit = -1;
  if (nargs && !optional_size(args[0], &limit)) return Value();
  return sio_readline_impl(s, limit);
}

Value sio_iternext(Value self) {
  StringIOObject* s = sio(self);
  Value line;
  if (type_of(self) == &StringIOType) {
    if (!sio_check(s)) return Value();
    line = sio_readline_impl(s, -1);
  } else {
    line = call_method0(self, STRATA_NAME(readline));
    if (line && !is_str(line)) {
      Value r = raise(OSError, "readline() should have returned a str object, not '%s'",
                      type_name(line));
      decref(line);
      return r;
    }
  }
  if (!line) return line;
  if (str_length(line) == 0) {
    decref(line);
    return Value();
  }
  return line;
}

Value sio_write(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("write", nargs, 1, 1)) return Value();
  StringIOObject* s = sio(self);
  if (!sio_check(s)) return Value();
  if (!is_str(args[0]))
    return raise(TypeError, "string argument expected, got '%s'", type_name(args[0]));
  int64_t n = sio_write_str(s, args[0]);
  if (n < 0) return Value();
  return int_from_i64(n);
}

Value sio_seek(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("seek", nargs, 1, 2)) return Value();
  StringIOObject* s = sio(self);
  if (!sio_check(s)) return Value();
  int64_t pos = as_ssize(args[0], OverflowError);
  if (pos == -1 && error_occurred()) return Value();
  int64_t whence = 0;
  if (nargs > 1) {
    whence = int_as_i64(args[1]);
    if (whence == -1 && error_occurred()) return Value();
  }
  if (whence != 0 && whence != 1 && whence != 2)
    return raise(ValueError, "Invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
  if (pos < 0 && whence == 0)
    return raise(ValueError, "Negative seek position %lld", (long long)pos);
  if (whence != 0 && pos != 0) return raise(OSError, "Can't do nonzero cur-relative seeks");
  if (whence == 1) pos = s->pos;
  else if (whence == 2) pos = s->size;
  s->pos = pos;
  return int_from_i64(pos);
}

Value sio_tell(Value self, const Value*, size_t, Value) {
  StringIOObject* s = sio(self);
  if (!sio_check(s)) return Value();
  return int_from_i64(s->pos);
}

Value sio_truncate(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("truncate", nargs, 0, 1)) return Value();
  StringIOObject* s = sio(self);
  if (!sio_check(s)) return Value();
  int64_t size = s->pos;
  if (nargs && !optional_size(args[0], &size)) return Value();
  if (size < 0) return raise(ValueError, "Negative size value %lld", (long long)size);
  if (size < s->size) s->size = size;
  return int_from_i64(size);
}

Value sio_close(Value self, const Value*, size_t, Value) {
  StringIOObject* s = sio(self);
  s->closed = true;
  mem_free(s->buf);
  s->buf = nullptr;
  s->cap = s->size = 0;
  return None();
}

Value sio_true(Value self, const Value*, size_t, Value) {
  if (!sio_check(sio(self))) return Value();
  return True();
}
Value sio_get_closed(Value self) {
  StringIOObject* s = sio(self);
  if (!s->ok) return raise(ValueError, "I/O operation on uninitialized object");
  return Bool(s->closed);
}
Value sio_get_line_buffering(Value self) {
  if (!sio_check(sio(self))) return Value();
  return False();
}
Value sio_get_newlines(Value self) {
  StringIOObject* s = sio(self);
  if (!sio_check(s)) return Value();
  if (!s->readuniversal) return None();
  return newlines_value(s->seennl);
}

const MethodDef kStringIOMethods[] = {
    {"getvalue", sio_getvalue, METH_NOARGS, nullptr},
    {"read", sio_read, METH_FASTCALL, nullptr},
    {"readline", sio_readline, METH_FASTCALL, nullptr},
    {"write", sio_write, METH_FASTCALL, nullptr},
    {"seek", sio_seek, METH_FASTCALL, nullptr},
    {"tell", sio_tell, METH_NOARGS, nullptr},
    {"truncate", sio_truncate, METH_FASTCALL, nullptr},
    {"close", sio_close, METH_NOARGS, nullptr},
    {"readable", sio_true, METH_NOARGS, nullptr},
    {"writable", sio_true, METH_NOARGS, nullptr},
    {"seekable", sio_true, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kStringIOGetSet[] = {
    {"closed", sio_get_closed, nullptr, nullptr},
    {"line_buffering", sio_get_line_buffering, nullptr, nullptr},
    {"newlines", sio_get_newlines, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- TextIOWrapper ------------------------------------------------------------------------------

enum Codec : uint8_t { CODEC_PY = 0, CODEC_UTF8 = 1, CODEC_LATIN1 = 2, CODEC_ASCII = 3 };

struct TextIOObject {
  IOBaseObject base;
  Value buffer;
  Value encoding;  // str
  Value errors;    // str
  Value readnl;    // the newline argument (str) or null for None
  Value decoder;   // the Python decoder (CODEC_PY only; maybe an IncrementalNewlineDecoder)
  Value encoder;   // the Python incremental encoder (CODEC_PY only)
  Value decoded_chars;   // str, or null
  int64_t decoded_chars_used;
  Value snapshot_input;  // bytes; null when there is no snapshot
  int64_t snapshot_flags;
  char* pending;   // encoded writes not yet passed to a non-native buffer
  int64_t pending_len, pending_cap;
  int64_t chunk_size;
  const char* writenl;  // "\r" / "\r\n" when '\n' is translated on write, else null
  char errors_c[40];    // errors as a C string for the native codecs
  Codec codec;
  bool has_decoder, has_encoder;
  bool readuniversal, readtranslate, writetranslate;
  bool line_buffering, write_through;
  bool seekable, telling, has_read1;
  bool ok, detached;
  // The native decoder's state: an incomplete trailing UTF-8 sequence, and the newline
  // decoder's held-back '\r' and the newline kinds seen.
  uint8_t pend[4];
  int npend;
  bool pendingcr;
  int seennl;
  // tell()'s memo for the current snapshot: after tell_bytes bytes of ASCII input (no
  // '\r' when newlines are translated), tell_chars characters have come out.
  int64_t tell_chars, tell_bytes;
};
inline TextIOObject* tio(Value v) { return v.as<TextIOObject>(); }

void tio_traverse(Object* o, VisitFn visit, void* arg) {
  TextIOObject* t = reinterpret_cast<TextIOObject*>(o);
  visit_value(t->base.dict, visit, arg);
  visit_value(t->buffer, visit, arg);
  visit_value(t->decoder, visit, arg);
  visit_value(t->encoder, visit, arg);
}
void tio_clear_refs(TextIOObject* t) {
  clear_ref(&t->buffer);
  clear_ref(&t->encoding);
  clear_ref(&t->errors);
  clear_ref(&t->readnl);
  clear_ref(&t->decoder);
  clear_ref(&t->encoder);
  clear_ref(&t->decoded_chars);
  clear_ref(&t->snapshot_input);
}
void tio_clear(Object* o) {
  TextIOObject* t = reinterpret_cast<TextIOObject*>(o);
  clear_ref(&t->base.dict);
  tio_clear_refs(t);
}

int tio_flush_pending(TextIOObject* t);
Value tio_close(Value self, const Value*, size_t, Value);

void tio_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  TextIOObject* t = reinterpret_cast<TextIOObject*>(o);
  if (t->ok && t->buffer && t->pending_len) {
    Value exc = fetch_error();
    if (tio_flush_pending(t) < 0) clear_error();
    if (exc) restore_error(exc);
  }
  mem_free(t->pending);
  clear_ref(&t->base.dict);
  tio_clear_refs(t);
  free_object(o);
}

Value tio_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  reinterpret_cast<TextIOObject*>(o)->chunk_size = 8192;
  gc_track(o);
  return Value::from(o);
}

bool tio_check_attached(TextIOObject* t) {
  if (!t->ok) {
    if (t->detached) raise(ValueError, "underlying buffer has been detached");
    else raise(ValueError, "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

// buffer.closed (with the native fast path); -1 on error.
int tio_buffer_closed(TextIOObject* t) {
  if (is_exact_buffered(t->buffer)) return buffered_closed(t->buffer);
  return is_closed_attr(t->buffer);
}

bool tio_check_closed(Value self) {
  TextIOObject* t = tio(self);
  int c;
  if (type_of(self) == &TextIOWrapperType) {
    c = tio_buffer_closed(t);
  } else {
    c = is_closed_attr(self);
  }
  if (c < 0) return false;
  if (c) {
    raise_closed();
    return false;
  }
  return true;
}

bool tio_check(Value self) { return tio_check_attached(tio(self)) && tio_check_closed(self); }

void set_decoded_chars(TextIOObject* t, Value chars) {  // steals chars
  set_ref(&t->decoded_chars, chars);
  t->decoded_chars_used = 0;
}

// Up to n (all when n < 0) of the decoded characters not yet consumed.
Value get_decoded_chars(TextIOObject* t, int64_t n) {
  if (!t->decoded_chars) return str_from_ascii("");
  int64_t avail = str_length(t->decoded_chars) - t->decoded_chars_used;
  if (n < 0 || n > avail) n = avail;
  Value r;
  if (t->decoded_chars_used == 0 && n == avail) r = newref(t->decoded_chars);
  else r = str_substring(t->decoded_chars, t->decoded_chars_used, t->decoded_chars_used + n);
  if (r) t->decoded_chars_used += n;
  return r;
}

// -- Decoding: the native UTF-8/Latin-1/ASCII path and the codec path --

// How many trailing bytes of data[0, n) begin a UTF-8 sequence that is valid so far but
// incomplete (to hold back until more input arrives).
int utf8_incomplete_tail(const uint8_t* data, int64_t n) {
  for (int back = 1; back <= 3 && back <= n; back++) {
    uint8_t c = data[n - back];
    if ((c & 0xC0) == 0x80) continue;
    int need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (need == 0 || back >= need) return 0;
    if (back >= 2) {
      uint8_t c1 = data[n - back + 1];
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
          (c == 0xF4 && c1 > 0x8F))
        return 0;
    }
    return back;
  }
  return 0;
}

Value native_decode_bytes(TextIOObject* t, const uint8_t* data, int64_t n, bool final) {
  const char* enc = t->codec == CODEC_UTF8 ? "utf-8" : t->codec == CODEC_LATIN1 ? "latin-1" : "ascii";
  std::string joined;
  if (t->npend) {
    joined.assign(reinterpret_cast<const char*>(t->pend), size_t(t->npend));
    joined.append(reinterpret_cast<const char*>(data), size_t(n));
    data = reinterpret_cast<const uint8_t*>(joined.data());
    n = int64_t(joined.size());
    t->npend = 0;
  }
  if (n > 0 && (data[n - 1] < 0x80 || t->codec == CODEC_LATIN1)) {
    // All ASCII (checked a word at a time): the text is the bytes.
    int64_t i = 0;
    uint64_t acc = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, data + i, 8);
      acc |= w;
    }
    for (; i < n; i++) acc |= data[i];
    if (!(acc & 0x8080808080808080ull))
      return str_from_ascii(std::string_view(reinterpret_cast<const char*>(data), size_t(n)));
  }
  int64_t keep = 0;
  if (t->codec == CODEC_UTF8 && !final) keep = utf8_incomplete_tail(data, n);
  Value s = text::decode(reinterpret_cast<const char*>(data), n - keep, enc, t->errors_c);
  if (!s) return s;
  std::memcpy(t->pend, data + n - keep, size_t(keep));
  t->npend = int(keep);
  return s;
}

// decoder.decode(input, final) for either path, with newline handling.
Value tio_decode(TextIOObject* t, Value input, bool final) {
  if (t->codec != CODEC_PY) {
    const char* d;
    int64_t n;
    if (!bytes_like(input, &d, &n)) return Value();
    Ref s(native_decode_bytes(t, reinterpret_cast<const uint8_t*>(d), n, final));
    if (!s) return Value();
    if (!t->readuniversal) return s.release();
    return translate_newlines(*s, final, t->readtranslate, &t->pendingcr, &t->seennl);
  }
  Value r;
  if (type_of(t->decoder) == &IncrementalNewlineDecoderType) {
    r = nld_decode_impl(t->decoder, input, final);
  } else {
    Value args[2] = {input, Bool(final)};
    r = call_method(t->decoder, STRATA_NAME(decode), args, 2);
  }
  if (r && !is_str(r)) {
    Value e = raise(TypeError, "decoder should return a string result, not '%s'", type_name(r));
    decref(r);
    return e;
  }
  return r;
}

// decoder.getstate() as (buffer bytes, flags).
bool dec_getstate(TextIOObject* t, Ref* buffer, int64_t* flags) {
  if (t->codec != CODEC_PY) {
    buffer->reset(bytes_from(std::string_view(reinterpret_cast<const char*>(t->pend), size_t(t->npend))));
    if (!*buffer) return false;
    *flags = t->readuniversal && t->pendingcr ? 1 : 0;
    return true;
  }
  Ref state(call_method0(t->decoder, STRATA_NAME(getstate)));
  if (!state) return false;
  if (!is_tuple(*state) || tuple_size(*state) != 2) {
    raise(TypeError, "illegal decoder state");
    return false;
  }
  Value b = tuple_item(*state, 0);
  if (!is_bytes(b)) {
    raise(TypeError, "illegal decoder state: the first item must be bytes, not '%s'", type_name(b));
    return false;
  }
  buffer->reset(newref(b));
  *flags = int_as_i64(tuple_item(*state, 1));
  return !(*flags == -1 && error_occurred());
}

bool dec_setstate(TextIOObject* t, Value buffer, int64_t flags) {
  if (t->codec != CODEC_PY) {
    int64_t n = bytes_size(buffer);
    if (n > 4) n = 4;
    std::memcpy(t->pend, bytes_data(buffer), size_t(n));
    t->npend = int(n);
    t->pendingcr = flags & 1;
    return true;
  }
  Ref f(int_from_i64(flags));
  Ref st(tuple_pack({buffer, *f}));
  if (!st) return false;
  Value sv = *st;
  Ref r(call_method(t->decoder, STRATA_NAME(setstate), &sv, 1));
  return bool(r);
}

bool dec_reset(TextIOObject* t) {
  if (t->codec != CODEC_PY) {
    t->npend = 0;
    t->pendingcr = false;
    t->seennl = 0;
    return true;
  }
  Ref r(call_method0(t->decoder, STRATA_NAME(reset)));
  return bool(r);
}

// -- Encoding --

Value tio_encode(TextIOObject* t, Value text) {
  if (t->codec != CODEC_PY) {
    const char* enc = t->codec == CODEC_UTF8 ? "utf-8" : t->codec == CODEC_LATIN1 ? "latin-1" : "ascii";
    return text::encode(text, enc, t->errors_c);
  }
  Value r = call_method1(t->encoder, STRATA_NAME(encode), text);
  if (r && !is_bytes(r)) {
    Value e = raise(TypeError, "encoder should return a bytes object, not '%s'", type_name(r));
    decref(r);
    return e;
  }
  return r;
}

int tio_flush_pending(TextIOObject* t) {
  if (!t->pending_len) return 0;
  Ref b(bytes_from(std::string_view(t->pending, size_t(t->pending_len))));
  if (!b) return -1;
  t->pending_len = 0;
  Value bv = *b;
  Ref r(call_method(t->buffer, STRATA_NAME(write), &bv, 1));
  return r ? 0 : -1;
}

int tio_write_bytes(TextIOObject* t, const char* data, int64_t n) {
  if (is_exact_buffered(t->buffer)) return buffered_write_bytes(t->buffer, data, n);
  if (t->pending_len + n > t->pending_cap) {
    int64_t cap = std::max<int64_t>(t->pending_cap * 2, t->pending_len + n);
    if (cap < 256) cap = 256;
    char* np = static_cast<char*>(mem_realloc(t->pending, size_t(cap)));
    if (!np) {
      raise_no_memory();
      return -1;
    }
    t->pending = np;
    t->pending_cap = cap;
  }
  std::memcpy(t->pending + t->pending_len, data, size_t(n));
  t->pending_len += n;
  if (t->pending_len > t->chunk_size) return tio_flush_pending(t);
  return 0;
}

// -- Configuration: encoding, errors, newline --

bool set_newline(TextIOObject* t, Value newline) {
  clear_ref(&t->readnl);
  if (newline && !is_none(newline)) t->readnl = newref(newline);
  else newline = Value();
  t->readuniversal = !newline || str_length(newline) == 0;
  t->readtranslate = !newline;
  t->writetranslate = !newline || str_length(newline) != 0;
  t->writenl = nullptr;
  if (!t->readuniversal && newline) {
    if (str_length(newline) == 2) t->writenl = "\r\n";
    else if (str_char(newline, 0) == '\r') t->writenl = "\r";
  }
  return true;
}

// Looks the encoding up and builds the decoder/encoder (codec path) or selects a native
// codec. encoding and errors are str.
bool set_codec(Value self, Value encoding, Value errors, bool readable, bool writable) {
  TextIOObject* t = tio(self);
  std::string_view ev = str_utf8(errors);
  if (ev.size() >= sizeof t->errors_c) ev = ev.substr(0, sizeof t->errors_c - 1);
  std::memcpy(t->errors_c, ev.data(), ev.size());
  t->errors_c[ev.size()] = 0;
  int native = codecs::native_codec(str_utf8(encoding));
  clear_ref(&t->decoder);
  clear_ref(&t->encoder);
  t->npend = 0;
  t->pendingcr = false;
  t->seennl = 0;
  t->has_decoder = readable;
  t->has_encoder = writable;
  if (native) {
    t->codec = Codec(native);
    // Unknown error handlers fail at construction in CPython (the codec looks them up
    // lazily, but the common handlers are all that the native path knows).
    return true;
  }
  t->codec = CODEC_PY;
  Ref info(codecs::lookup(encoding));
  if (!info) return false;
  Ref is_text(lookup_attr(*info, STRATA_NAME(_is_text_encoding)));
  if (!is_text && error_occurred()) return false;
  if (is_text) {
    int r = is_true(*is_text);
    if (r < 0) return false;
    if (!r) {
      raise(LookupError, "%R is not a text encoding; use codecs.open() to handle arbitrary codecs",
            encoding);
      return false;
    }
  }
  if (readable) {
    Ref factory(getattr(*info, "incrementaldecoder"));
    if (!factory) return false;
    Ref dec(call1(*factory, errors));
    if (!dec) return false;
    if (t->readuniversal) {
      Value args[2] = {*dec, Bool(t->readtranslate)};
      Ref nd(call(Value::from(&IncrementalNewlineDecoderType), args, 2));
      if (!nd) return false;
      dec.reset(nd.release());
    }
    t->decoder = dec.release();
  }
  if (writable) {
    Ref factory(getattr(*info, "incrementalencoder"));
    if (!factory) return false;
    Ref enc(call1(*factory, errors));
    if (!enc) return false;
    t->encoder = enc.release();
  }
  return true;
}

Value method_bool(Value obj, Value name) {
  Ref r(call_method0(obj, name));
  if (!r) return Value();
  int b = is_true(*r);
  if (b < 0) return Value();
  return Bool(b);
}

bool encoder_setstate0(TextIOObject* t) {
  Value zero = Value::small(0);
  Ref r(call_method(t->encoder, STRATA_NAME(setstate), &zero, 1));
  return bool(r);
}

int tio_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"buffer", "encoding", "errors", "newline",
                                      "line_buffering", "write_through"};
  ArgSpec spec{"TextIOWrapper", names, 6, 0, 1, 6};
  Value a[6];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return -1;
  TextIOObject* t = tio(self);
  t->ok = false;
  t->detached = false;
  Value buffer = a[0];
  Value encoding = a[1] && !is_none(a[1]) ? a[1] : Value();
  Value errors = a[2] && !is_none(a[2]) ? a[2] : Value();
  Value newline = a[3] && !is_none(a[3]) ? a[3] : Value();
  if (encoding && !is_str(encoding)) {
    raise(TypeError, "TextIOWrapper() argument 'encoding' must be str or None, not %s",
          type_name(encoding));
    return -1;
  }
  if (errors && !is_str(errors)) {
    raise(TypeError, "TextIOWrapper() argument 'errors' must be str or None, not %s",
          type_name(errors));
    return -1;
  }
  if (newline && !is_str(newline)) {
    raise(TypeError, "TextIOWrapper() argument 'newline' must be str or None, not %s",
          type_name(newline));
    return -1;
  }
  if (newline && !valid_newline(newline)) {
    raise(ValueError, "illegal newline value: %s", std::string(str_utf8(newline)).c_str());
    return -1;
  }
  bool lb = false, wt = false;
  if (a[4]) {
    int r = is_true(a[4]);
    if (r < 0) return -1;
    lb = r;
  }
  if (a[5]) {
    int r = is_true(a[5]);
    if (r < 0) return -1;
    wt = r;
  }
  Ref enc;
  if (!encoding || str_equal_ascii(encoding, "locale")) enc.reset(str_from_ascii("UTF-8"));
  else enc.reset(newref(encoding));
  Ref err(errors ? newref(errors) : str_from_ascii("strict"));
  if (!enc || !err) return -1;
  tio_clear_refs(t);
  set_decoded_chars(t, Value());
  t->pending_len = 0;
  t->chunk_size = 8192;
  set_newline(t, newline);
  t->line_buffering = lb;
  t->write_through = wt;
  Ref readable(method_bool(buffer, STRATA_NAME(readable)));
  if (!readable) return -1;
  Ref writable(method_bool(buffer, STRATA_NAME(writable)));
  if (!writable) return -1;
  t->buffer = newref(buffer);  // set_codec's error path leaves the object uninitialized
  if (!set_codec(self, *enc, *err, *readable == True(), *writable == True())) return -1;
  t->encoding = enc.release();
  t->errors = err.release();
  Ref seekable(method_bool(buffer, STRATA_NAME(seekable)));
  if (!seekable) return -1;
  t->seekable = t->telling = *seekable == True();
  int h = hasattr(buffer, STRATA_NAME(read1));
  if (h < 0) return -1;
  t->has_read1 = h;
  // A stateful encoder (UTF-16/32 with a BOM) must not write its start-of-stream mark
  // in the middle of an existing file (appending, or opened for update).
  if (t->encoder && t->seekable) {
    Ref pos(call_method0(buffer, STRATA_NAME(tell)));
    if (!pos) return -1;
    if (int_sign(*pos) != 0 && !encoder_setstate0(t)) return -1;
  }
  t->ok = true;
  return 0;
}

// -- Reading --

// Reads and decodes one chunk; 1 when data was read, 0 at EOF, -1 on error.
int read_chunk(TextIOObject* t, int64_t size_hint) {
  if (!t->has_decoder) {
    raise_unsupported("not readable");
    return -1;
  }
  Ref dec_buffer;
  int64_t dec_flags = 0;
  if (t->telling && !dec_getstate(t, &dec_buffer, &dec_flags)) return -1;
  int64_t size = std::max(t->chunk_size, size_hint);
  Ref input;
  if (is_exact_buffered(t->buffer)) {
    input.reset(buffered_read1(t->buffer, size));
  } else {
    Ref n(int_from_i64(size));
    Value nv = *n;
    input.reset(call_method(t->buffer, t->has_read1 ? STRATA_NAME(read1) : STRATA_NAME(read), &nv, 1));
  }
  if (!input) return -1;
  if (is_none(*input)) input.reset(bytes_from(std::string_view()));
  const char* d;
  int64_t nbytes;
  if (!is_bytes(*input)) {
    if (!bytes_like(*input, &d, &nbytes)) {
      clear_error();
      raise(TypeError, "underlying %s() should have returned a bytes-like object, not '%s'",
            t->has_read1 ? "read1" : "read", type_name(*input));
      return -1;
    }
    input.reset(bytes_from(std::string_view(d, size_t(nbytes))));
    if (!input) return -1;
  }
  nbytes = bytes_size(*input);
  bool eof = nbytes == 0;
  Ref decoded(tio_decode(t, *input, eof));
  if (!decoded) return -1;
  if (str_length(*decoded) > 0) eof = false;
  set_decoded_chars(t, decoded.release());
  if (t->telling) {
    Ref next(bytes_from(std::string_view()));
    if (bytes_size(*dec_buffer) == 0) {
      next.reset(input.release());
    } else {
      std::string joined(reinterpret_cast<const char*>(bytes_data(*dec_buffer)),
                         size_t(bytes_size(*dec_buffer)));
      joined.append(reinterpret_cast<const char*>(bytes_data(*input)), size_t(nbytes));
      next.reset(bytes_from(joined));
      if (!next) return -1;
    }
    set_ref(&t->snapshot_input, next.release());
    t->snapshot_flags = dec_flags;
    t->tell_chars = t->tell_bytes = 0;
  }
  return eof ? 0 : 1;
}

Value tio_read(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("read", nargs, 0, 1)) return Value();
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  int64_t n = -1;
  if (nargs && !optional_size(args[0], &n)) return Value();
  if (!tio_check_closed(self)) return Value();
  if (!t->has_decoder) return raise_unsupported("not readable");
  if (t->pending_len && tio_flush_pending(t) < 0) return Value();
  if (n < 0) {
    Ref bytes(call_method0(t->buffer, STRATA_NAME(read)));
    if (!bytes) return Value();
    if (is_none(*bytes)) bytes.reset(bytes_from(std::string_view()));
    if (!is_bytes(*bytes))
      return raise(TypeError, "underlying read() should have returned a bytes object, not '%s'",
                   type_name(*bytes));
    Ref decoded(tio_decode(t, *bytes, true));
    if (!decoded) return Value();
    Ref head(get_decoded_chars(t, -1));
    if (!head) return Value();
    set_decoded_chars(t, Value());
    clear_ref(&t->snapshot_input);
    if (str_length(*head) == 0) return decoded.release();
    return str_concat(*head, *decoded);
  }
  Ref result(get_decoded_chars(t, n));
  if (!result) return Value();
  int64_t remaining = n - str_length(*result);
  if (remaining <= 0) return result.release();
  text::StrBuilder b;
  b.append_str(*result);
  while (remaining > 0) {
    int r = read_chunk(t, remaining);
    if (r < 0) return Value();
    if (r == 0) break;
    Ref more(get_decoded_chars(t, remaining));
    if (!more) return Value();
    b.append_str(*more);
    remaining -= str_length(*more);
  }
  return b.finish();
}

Value tio_readline_impl(TextIOObject* t, int64_t limit) {
  if (t->pending_len && tio_flush_pending(t) < 0) return Value();
  int64_t chunked = 0, start = 0, endpos = -1, offset_to_buffer = 0;
  Ref line, remaining;
  Ref chunks;  // list, created on demand
  for (;;) {
    int res = 1;
    while (!t->decoded_chars || str_length(t->decoded_chars) == 0) {
      res = read_chunk(t, 0);
      if (res < 0) {
        // As CPython: a blocking error keeps what was read so far.
        return Value();
      }
      if (res == 0) break;
    }
    if (res == 0) {
      set_decoded_chars(t, Value());
      clear_ref(&t->snapshot_input);
      start = endpos = offset_to_buffer = 0;
      break;
    }
    if (!remaining) {
      line.reset(newref(t->decoded_chars));
      start = t->decoded_chars_used;
      offset_to_buffer = 0;
    } else {
      Ref rest(str_substring(t->decoded_chars, t->decoded_chars_used,
                             str_length(t->decoded_chars)));
      if (!rest) return Value();
      line.reset(str_concat(*remaining, *rest));
      if (!line) return Value();
      start = 0;
      offset_to_buffer = str_length(*remaining);
      remaining.reset();
    }
    int64_t line_len = str_length(*line);
    int64_t consumed = 0;
    endpos = find_line_ending(t->readtranslate, t->readuniversal, t->readnl, *line, start,
                              line_len, &consumed);
    if (endpos >= 0) {
      endpos += start;
      if (limit >= 0 && (endpos - start) + chunked >= limit) endpos = start + limit - chunked;
      break;
    }
    endpos = consumed + start;
    if (limit >= 0 && (endpos - start) + chunked >= limit) {
      endpos = start + limit - chunked;
      break;
    }
    if (endpos > start) {
      if (!chunks) {
        chunks.reset(list_new(0));
        if (!chunks) return Value();
      }
      Ref piece(str_substring(*line, start, endpos));
      if (!piece || list_append(*chunks, *piece) < 0) return Value();
      chunked += endpos - start;
    }
    if (endpos < line_len) {
      remaining.reset(str_substring(*line, endpos, line_len));
      if (!remaining) return Value();
    }
    line.reset();
    set_decoded_chars(t, Value());
  }
  if (line) {
    t->decoded_chars_used = endpos - offset_to_buffer;
    if (start > 0 || endpos < str_length(*line)) {
      line.reset(str_substring(*line, start, endpos));
      if (!line) return Value();
    }
  }
  if (remaining) {
    if (!chunks) {
      chunks.reset(list_new(0));
      if (!chunks) return Value();
    }
    if (list_append(*chunks, *remaining) < 0) return Value();
  }
  if (chunks) {
    if (line && list_append(*chunks, *line) < 0) return Value();
    Ref empty(str_from_ascii(""));
    return str_join(*empty, *chunks);
  }
  if (!line) return str_from_ascii("");
  return line.release();
}

Value tio_readline(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("readline", nargs, 0, 1)) return Value();
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  int64_t limit = -1;
  if (nargs && !optional_size(args[0], &limit)) return Value();
  if (!tio_check_closed(self)) return Value();
  return tio_readline_impl(t, limit);
}

Value tio_iternext(Value self) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  t->telling = false;
  Value line;
  if (type_of(self) == &TextIOWrapperType) {
    if (!tio_check_closed(self)) return Value();
    line = tio_readline_impl(t, -1);
  } else {
    line = call_method0(self, STRATA_NAME(readline));
    if (line && !is_str(line)) {
      Value r = raise(OSError, "readline() should have returned a str object, not '%s'",
                      type_name(line));
      decref(line);
      return r;
    }
  }
  if (!line) return line;
  if (str_length(line) == 0) {
    decref(line);
    clear_ref(&t->snapshot_input);
    t->telling = t->seekable;
    return Value();
  }
  return line;
}

// -- Writing --

Value tio_write(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("write", nargs, 1, 1)) return Value();
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  Value text = args[0];
  if (!is_str(text))
    return raise(TypeError, "write() argument must be str, not %s", type_name(text));
  if (!tio_check_closed(self)) return Value();
  if (!t->has_encoder) return raise_unsupported("not writable");
  int64_t n = str_length(text);
  bool haslf = false, hascr = false;
  if ((t->writetranslate && t->writenl) || t->line_buffering) {
    for (int64_t i = 0; i < n; i++) {
      uint32_t c = str_char(text, i);
      if (c == '\n') haslf = true;
      else if (c == '\r') hascr = true;
    }
  }
  Ref translated(newref(text));
  if (haslf && t->writetranslate && t->writenl) {
    text::StrBuilder b;
    b.reserve(n);
    for (int64_t i = 0; i < n; i++) {
      uint32_t c = str_char(text, i);
      if (c == '\n') b.append_ascii(t->writenl);
      else b.append(c);
    }
    translated.reset(b.finish());
    if (!translated) return Value();
    if (std::strchr(t->writenl, '\r')) hascr = true;
  }
  bool needflush = t->line_buffering && (haslf || hascr);
  if (t->codec == CODEC_UTF8 && translated.get().as<StrObject>()->ascii) {
    Value s = *translated;
    if (tio_write_bytes(t, reinterpret_cast<const char*>(str_data(s)), str_length(s)) < 0)
      return Value();
  } else {
    Ref b(tio_encode(t, *translated));
    if (!b) return Value();
    if (tio_write_bytes(t, reinterpret_cast<const char*>(bytes_data(*b)), bytes_size(*b)) < 0)
      return Value();
  }
  if (needflush || t->write_through) {
    if (tio_flush_pending(t) < 0) return Value();
    if (needflush) {
      if (is_exact_buffered(t->buffer)) {
        if (buffered_flush(t->buffer) < 0) return Value();
      } else {
        Ref r(call_method0(t->buffer, STRATA_NAME(flush)));
        if (!r) return Value();
      }
    }
  }
  if (t->decoded_chars || t->snapshot_input) {
    set_decoded_chars(t, Value());
    clear_ref(&t->snapshot_input);
  }
  if (t->has_decoder && (t->codec == CODEC_PY ? bool(t->decoder) : true)) {
    if (!dec_reset(t)) return Value();
  }
  return int_from_i64(n);
}

Value tio_flush(Value self, const Value*, size_t, Value) {
  TextIOObject* t = tio(self);
  if (!tio_check(self)) return Value();
  t->telling = t->seekable;
  if (tio_flush_pending(t) < 0) return Value();
  if (is_exact_buffered(t->buffer)) return buffered_flush(t->buffer) < 0 ? Value() : None();
  return call_method0(t->buffer, STRATA_NAME(flush));
}

Value tio_close(Value self, const Value*, size_t, Value) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  int c = tio_buffer_closed(t);
  if (c < 0) return Value();
  if (c) return None();
  Value r = call_method0(self, STRATA_NAME(flush));
  Value exc;
  if (!r) exc = fetch_error();
  else decref(r);
  Value r2 = call_method0(t->buffer, STRATA_NAME(close));
  if (!r2) {
    if (exc) {
      Value exc2 = fetch_error();
      exception_set_context(exc2, exc);
      restore_error(exc2);
    }
    return Value();
  }
  decref(r2);
  if (exc) {
    restore_error(exc);
    return Value();
  }
  return None();
}

Value tio_detach(Value self, const Value*, size_t, Value) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  Ref r(call_method0(self, STRATA_NAME(flush)));
  if (!r) return Value();
  Value b = t->buffer;
  t->buffer = Value();
  t->ok = false;
  t->detached = true;
  return b;
}

// -- tell() and seek(): CPython's cookie --
// A cookie is CPython's packed struct read as a little-endian integer: start_pos (64 bits),
// then dec_flags, bytes_to_feed and chars_to_skip (32 bits each) and need_eof (8 bits);
// a position at a clean decoder state is just the byte offset.

struct Cookie {
  int64_t start_pos = 0;
  int64_t dec_flags = 0;
  int64_t bytes_to_feed = 0;
  int64_t chars_to_skip = 0;
  int64_t need_eof = 0;
};

Value build_cookie(const Cookie& c) {
  if (!c.dec_flags && !c.bytes_to_feed && !c.chars_to_skip && !c.need_eof)
    return int_from_i64(c.start_pos);
  mpz_t z, part;
  mpz_init(z);
  mpz_init(part);
  const int64_t fields[5] = {c.start_pos, c.dec_flags, c.bytes_to_feed, c.chars_to_skip,
                             c.need_eof};
  const int bits[5] = {64, 32, 32, 32, 8};
  for (int i = 4; i >= 0; i--) {
    mpz_mul_2exp(z, z, bits[i]);
    uint64_t v = uint64_t(fields[i]);
    if (bits[i] < 64) v &= (uint64_t(1) << bits[i]) - 1;
    mpz_set_ui(part, v);
    mpz_add(z, z, part);
  }
  Value r = int_from_mpz(z);
  mpz_clear(z);
  mpz_clear(part);
  return r;
}

void parse_cookie(Value v, Cookie* c) {
  mpz_t z, part;
  mpz_init(z);
  mpz_init(part);
  int_to_mpz(v, z);
  int64_t* fields[5] = {&c->start_pos, &c->dec_flags, &c->bytes_to_feed, &c->chars_to_skip,
                        &c->need_eof};
  const int bits[5] = {64, 32, 32, 32, 8};
  for (int i = 0; i < 5; i++) {
    mpz_fdiv_r_2exp(part, z, bits[i]);
    uint64_t v = mpz_get_ui(part);
    // The 32-bit fields are C ints: sign-extend as the struct's memcpy would.
    if (bits[i] == 32) *fields[i] = int64_t(int32_t(uint32_t(v)));
    else if (bits[i] == 8) *fields[i] = int64_t(int8_t(uint8_t(v)));
    else *fields[i] = int64_t(v);
    mpz_fdiv_q_2exp(z, z, bits[i]);
  }
  mpz_clear(z);
  mpz_clear(part);
}

// For the native codecs: the byte offset in input (decoded from a clean state with the
// held-back '\r' of `flags`) after which exactly `chars` characters have come out and the
// decoder holds nothing; -1 when no such offset exists or it cannot be guessed.
int64_t native_skip_guess(TextIOObject* t, const uint8_t* p, int64_t n, int64_t chars,
                          int64_t flags, bool* exact) {
  int64_t count = 0, i = 0;
  bool cr = t->readuniversal && (flags & 1);
  *exact = false;
  if (!cr) {
    // The ASCII prefix maps one byte to one character: resume from the memo, and walk
    // on while the bytes stay plain.
    if (t->tell_chars <= chars) {
      count = t->tell_chars;
      i = t->tell_bytes;
    }
    while (count < chars && i < n && p[i] < 0x80 && !(p[i] == '\r' && t->readuniversal)) {
      i++;
      count++;
    }
    t->tell_chars = count;
    t->tell_bytes = i;
    if (count == chars) {
      *exact = true;
      return i;
    }
  }
  if (cr) {
    // The held-back '\r' comes out first (with a following '\n' when translating).
    if (t->readtranslate && n > 0 && p[0] == '\n') i = 1;
    count = 1;
  }
  while (count < chars && i < n) {
    uint8_t c = p[i];
    if (t->codec == CODEC_UTF8 && c >= 0x80) {
      int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      i += len;
      count++;
      continue;
    }
    if (c == '\r' && t->readtranslate && i + 1 < n && p[i + 1] == '\n') i++;
    i++;
    count++;
  }
  if (count != chars || i > n) return -1;
  return i;
}

Value tio_tell(Value self, const Value*, size_t, Value) {
  TextIOObject* t = tio(self);
  if (!tio_check(self)) return Value();
  if (!t->seekable) return raise_unsupported("underlying stream is not seekable");
  if (!t->telling) return raise(OSError, "telling position disabled by next() call");
  if (t->pending_len && tio_flush_pending(t) < 0) return Value();
  Ref r(type_of(self) == &TextIOWrapperType ? tio_flush(self, nullptr, 0, Value())
                                            : call_method0(self, STRATA_NAME(flush)));
  if (!r) return Value();
  Ref posobj(is_exact_buffered(t->buffer) ? buffered_tell_value(t->buffer)
                                          : call_method0(t->buffer, STRATA_NAME(tell)));
  if (!posobj) return Value();
  if (!t->has_decoder || !t->snapshot_input) return posobj.release();
  int64_t position = int_as_i64(*posobj);
  if (position == -1 && error_occurred()) return Value();
  Cookie cookie;
  cookie.dec_flags = t->snapshot_flags;
  Value next_input = t->snapshot_input;
  int64_t nin = bytes_size(next_input);
  cookie.start_pos = position - nin;
  if (t->decoded_chars_used == 0) return build_cookie(cookie);
  int64_t chars_to_skip = t->decoded_chars_used;
  const uint8_t* p = bytes_data(next_input);

  Ref saved_buf;
  int64_t saved_flags;
  if (!dec_getstate(t, &saved_buf, &saved_flags)) return Value();
  int saved_seennl = t->seennl;
  auto restore = [&]() -> bool {
    bool ok = dec_setstate(t, *saved_buf, saved_flags);
    t->seennl = saved_seennl;
    return ok;
  };
  Ref empty(bytes_from(std::string_view()));
  if (!empty) return Value();

  if (t->codec != CODEC_PY) {
    bool exact;
    int64_t guess = native_skip_guess(t, p, nin, chars_to_skip, cookie.dec_flags, &exact);
    if (exact) {
      Cookie c;
      c.start_pos = cookie.start_pos + guess;
      return build_cookie(c);
    }
    if (guess >= 0) {
      if (!dec_setstate(t, *empty, cookie.dec_flags)) return Value();
      Ref chunk(bytes_from(std::string_view(reinterpret_cast<const char*>(p), size_t(guess))));
      Ref dec(chunk ? tio_decode(t, *chunk, false) : Value());
      if (!dec) {
        clear_error();
      } else {
        Ref b;
        int64_t fl;
        if (!dec_getstate(t, &b, &fl)) return Value();
        if (str_length(*dec) == chars_to_skip && bytes_size(*b) == 0) {
          Cookie c;
          c.start_pos = cookie.start_pos + guess;
          c.dec_flags = fl;
          if (!restore()) return Value();
          return build_cookie(c);
        }
      }
    }
  }
  // The general algorithm: feed the decoder one byte at a time from the snapshot.
  if (!dec_setstate(t, *empty, cookie.dec_flags)) return Value();
  int64_t chars_decoded = 0, bytes_fed = 0;
  bool found = false;
  for (int64_t i = 0; i < nin; i++) {
    bytes_fed++;
    Ref one(bytes_from(std::string_view(reinterpret_cast<const char*>(p + i), 1)));
    if (!one) return Value();
    Ref dec(tio_decode(t, *one, false));
    if (!dec) {
      Value e = fetch_error();
      restore();
      restore_error(e);
      return Value();
    }
    chars_decoded += str_length(*dec);
    Ref b;
    int64_t fl;
    if (!dec_getstate(t, &b, &fl)) return Value();
    if (bytes_size(*b) == 0 && chars_decoded <= chars_to_skip) {
      cookie.start_pos += bytes_fed;
      chars_to_skip -= chars_decoded;
      cookie.dec_flags = fl;
      bytes_fed = 0;
      chars_decoded = 0;
    }
    if (chars_decoded >= chars_to_skip) {
      found = true;
      break;
    }
  }
  if (!found) {
    Ref dec(tio_decode(t, *empty, true));
    if (!dec) {
      Value e = fetch_error();
      restore();
      restore_error(e);
      return Value();
    }
    chars_decoded += str_length(*dec);
    cookie.need_eof = 1;
    if (chars_decoded < chars_to_skip) {
      restore();
      return raise(OSError, "can't reconstruct logical file position");
    }
  }
  cookie.bytes_to_feed = bytes_fed;
  cookie.chars_to_skip = chars_to_skip;
  if (!restore()) return Value();
  return build_cookie(cookie);
}

Value tio_seek(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("seek", nargs, 1, 2)) return Value();
  TextIOObject* t = tio(self);
  if (!tio_check(self)) return Value();
  Value cookieobj = args[0];
  int64_t whence = 0;
  if (nargs > 1) {
    whence = int_as_i64(args[1]);
    if (whence == -1 && error_occurred()) return Value();
  }
  if (!t->seekable) return raise_unsupported("underlying stream is not seekable");
  if (whence == 1 || whence == 2) {
    int z = rich_compare_bool(cookieobj, Value::small(0), 2 /* CMP_EQ */);
    if (z < 0) return Value();
    if (!z)
      return raise_unsupported(whence == 1 ? "can't do nonzero cur-relative seeks"
                                           : "can't do nonzero end-relative seeks");
    if (whence == 1) {
      Ref pos(call_method0(self, STRATA_NAME(tell)));
      if (!pos) return Value();
      Value a[1] = {*pos};
      return tio_seek(self, a, 1, Value());
    }
    Ref r(call_method0(self, STRATA_NAME(flush)));
    if (!r) return Value();
    set_decoded_chars(t, Value());
    clear_ref(&t->snapshot_input);
    if (t->has_decoder && !dec_reset(t)) return Value();
    Value a[2] = {Value::small(0), Value::small(2)};
    Ref res(call_method(t->buffer, STRATA_NAME(seek), a, 2));
    if (!res) return Value();
    if (t->encoder) {
      int z = rich_compare_bool(*res, Value::small(0), 2 /* CMP_EQ */);
      if (z < 0) return Value();
      if (z) {
        Ref er(call_method0(t->encoder, STRATA_NAME(reset)));
        if (!er) return Value();
      } else if (!encoder_setstate0(t)) {
        return Value();
      }
    }
    return res.release();
  }
  if (whence != 0)
    return raise(ValueError, "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
  if (!is_int(cookieobj)) {
    if (is_float(cookieobj)) return raise(TypeError, "an integer is required");
    Ref idx(number_index(cookieobj));
    if (!idx) return Value();
    Value a[1] = {*idx};
    return tio_seek(self, a, 1, Value());
  }
  if (int_sign(cookieobj) < 0) return raise(ValueError, "negative seek position %R", cookieobj);
  Ref r(call_method0(self, STRATA_NAME(flush)));
  if (!r) return Value();
  Cookie c;
  parse_cookie(cookieobj, &c);
  Ref pos(int_from_i64(c.start_pos));
  if (!pos) return Value();
  Value pv = *pos;
  Ref r2(call_method(t->buffer, STRATA_NAME(seek), &pv, 1));
  if (!r2) return Value();
  set_decoded_chars(t, Value());
  clear_ref(&t->snapshot_input);
  Ref empty(bytes_from(std::string_view()));
  if (!empty) return Value();
  if (t->has_decoder) {
    if (int_sign(cookieobj) == 0) {
      if (!dec_reset(t)) return Value();
    } else {
      if (!dec_setstate(t, *empty, c.dec_flags)) return Value();
    }
    t->snapshot_input = newref(*empty);
    t->snapshot_flags = c.dec_flags;
    t->tell_chars = t->tell_bytes = 0;
  }
  if (t->encoder) {
    if (int_sign(cookieobj) == 0) {
      Ref er(call_method0(t->encoder, STRATA_NAME(reset)));
      if (!er) return Value();
    } else if (!encoder_setstate0(t)) {
      return Value();
    }
  }
  if (c.chars_to_skip) {
    Ref n(int_from_i64(c.bytes_to_feed));
    Value nv = *n;
    Ref input(call_method(t->buffer, STRATA_NAME(read), &nv, 1));
    if (!input) return Value();
    if (!is_bytes(*input))
      return raise(TypeError, "underlying read() should have returned a bytes object, not '%s'",
                   type_name(*input));
    set_ref(&t->snapshot_input, input.new_ref());
    t->tell_chars = t->tell_bytes = 0;
    Ref decoded(tio_decode(t, *input, c.need_eof));
    if (!decoded) return Value();
    int64_t len = str_length(*decoded);
    set_decoded_chars(t, decoded.release());
    if (len < c.chars_to_skip) return raise(OSError, "can't restore logical file position");
    t->decoded_chars_used = c.chars_to_skip;
  }
  return newref(cookieobj);
}

Value tio_truncate(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("truncate", nargs, 0, 1)) return Value();
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  Ref r(call_method0(self, STRATA_NAME(flush)));
  if (!r) return Value();
  Value pos = nargs ? args[0] : None();
  return call_method(t->buffer, STRATA_NAME(truncate), &pos, 1);
}

Value tio_delegate(Value self, Value name) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  return call_method0(t->buffer, name);
}
Value tio_fileno(Value self, const Value*, size_t, Value) {
  return tio_delegate(self, STRATA_NAME(fileno));
}
Value tio_isatty(Value self, const Value*, size_t, Value) {
  return tio_delegate(self, STRATA_NAME(isatty));
}
Value tio_seekable(Value self, const Value*, size_t, Value) {
  return tio_delegate(self, STRATA_NAME(seekable));
}
Value tio_readable(Value self, const Value*, size_t, Value) {
  return tio_delegate(self, STRATA_NAME(readable));
}
Value tio_writable(Value self, const Value*, size_t, Value) {
  return tio_delegate(self, STRATA_NAME(writable));
}

Value tio_reconfigure(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"encoding", "errors", "newline", "line_buffering",
                                      "write_through"};
  ArgSpec spec{"reconfigure", names, 5, 0, 0, 0};
  Value a[5];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  Value encoding = a[0] && !is_none(a[0]) ? a[0] : Value();
  Value errors = a[1] && !is_none(a[1]) ? a[1] : Value();
  Value newline = a[2];
  if (encoding && !is_str(encoding))
    return raise(TypeError, "reconfigure() argument 'encoding' must be str or None, not %s",
                 type_name(encoding));
  if (errors && !is_str(errors))
    return raise(TypeError, "reconfigure() argument 'errors' must be str or None, not %s",
                 type_name(errors));
  if (t->decoded_chars && (encoding || errors || newline))
    return raise_unsupported(
        "It is not possible to set the encoding or newline of stream after the first read");
  if (newline && !is_none(newline)) {
    if (!is_str(newline))
      return raise(TypeError, "reconfigure() argument 'newline' must be str or None, not %s",
                   type_name(newline));
    if (!valid_newline(newline))
      return raise(ValueError, "illegal newline value: %s", std::string(str_utf8(newline)).c_str());
  }
  bool lb = t->line_buffering, wt = t->write_through;
  if (a[3] && !is_none(a[3])) {
    int r = is_true(a[3]);
    if (r < 0) return Value();
    lb = r;
  }
  if (a[4] && !is_none(a[4])) {
    int r = is_true(a[4]);
    if (r < 0) return Value();
    wt = r;
  }
  Ref r(call_method0(self, STRATA_NAME(flush)));
  if (!r) return Value();
  if (newline) set_newline(t, newline);
  if (encoding || errors || newline) {
    Ref enc(encoding ? newref(encoding) : newref(t->encoding));
    Ref err(errors ? newref(errors) : encoding ? str_from_ascii("strict") : newref(t->errors));
    if (!err) return Value();
    if (!set_codec(self, *enc, *err, t->has_decoder, t->has_encoder)) return Value();
    set_ref(&t->encoding, enc.release());
    set_ref(&t->errors, err.release());
  }
  t->line_buffering = lb;
  t->write_through = wt;
  return None();
}

Value tio_repr(Value self) {
  TextIOObject* t = tio(self);
  std::string out = "<";
  out += type_of(self)->name;
  if (!t->ok) {
    // CPython prints the bare type name for an uninitialized or detached object.
    out += ">";
    return str_from_utf8(out);
  }
  if (enter_recursive_call(" while getting the repr of an object")) return Value();
  Value name = lookup_attr(self, STRATA_NAME(name));
  if (!name && error_occurred()) {
    if (!error_matches(ValueError)) {
      leave_recursive_call();
      return Value();
    }
    clear_error();
  }
  if (name) {
    std::string r = repr_utf8(name);
    decref(name);
    if (error_occurred()) {
      leave_recursive_call();
      return Value();
    }
    out += " name=" + r;
  }
  Value mode = lookup_attr(self, STRATA_NAME(mode));
  if (!mode && error_occurred()) {
    leave_recursive_call();
    return Value();
  }
  if (mode) {
    std::string r = repr_utf8(mode);
    decref(mode);
    if (error_occurred()) {
      leave_recursive_call();
      return Value();
    }
    out += " mode=" + r;
  }
  leave_recursive_call();
  std::string e = repr_utf8(t->encoding);
  if (error_occurred()) return Value();
  out += " encoding=" + e + ">";
  return str_from_utf8(out);
}

Value tio_get_name(Value self) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  return getattr(t->buffer, STRATA_NAME(name));
}
Value tio_get_closed(Value self) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  return getattr(t->buffer, STRATA_NAME(closed));
}
Value tio_get_newlines(Value self) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  if (!t->has_decoder) return None();
  if (t->codec != CODEC_PY) return t->readuniversal ? newlines_value(t->seennl) : None();
  Value r = lookup_attr(t->decoder, STRATA_NAME(newlines));
  if (!r && !error_occurred()) return None();
  return r;
}
Value tio_get_buffer(Value self) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  return newref(t->buffer);
}
Value tio_get_encoding(Value self) {
  TextIOObject* t = tio(self);
  if (!t->encoding) return None();
  return newref(t->encoding);
}
Value tio_get_errors(Value self) {
  TextIOObject* t = tio(self);
  if (!t->errors) return None();
  return newref(t->errors);
}
Value tio_get_line_buffering(Value self) { return Bool(tio(self)->line_buffering); }
Value tio_get_write_through(Value self) { return Bool(tio(self)->write_through); }
Value tio_get_chunk_size(Value self) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return Value();
  return int_from_i64(t->chunk_size);
}
int tio_set_chunk_size(Value self, Value v) {
  TextIOObject* t = tio(self);
  if (!tio_check_attached(t)) return -1;
  if (!v) {
    raise(AttributeError, "cannot delete attribute");
    return -1;
  }
  int64_t n = as_ssize(v, OverflowError);
  if (n == -1 && error_occurred()) return -1;
  if (n <= 0) {
    raise(ValueError, "a strictly positive integer is required");
    return -1;
  }
  t->chunk_size = n;
  return 0;
}

const MethodDef kTextIOMethods[] = {
    {"detach", tio_detach, METH_NOARGS, nullptr},
    {"reconfigure", tio_reconfigure, kFastKw, nullptr},
    {"write", tio_write, METH_FASTCALL, nullptr},
    {"read", tio_read, METH_FASTCALL, nullptr},
    {"readline", tio_readline, METH_FASTCALL, nullptr},
    {"flush", tio_flush, METH_NOARGS, nullptr},
    {"close", tio_close, METH_NOARGS, nullptr},
    {"fileno", tio_fileno, METH_NOARGS, nullptr},
    {"seekable", tio_seekable, METH_NOARGS, nullptr},
    {"readable", tio_readable, METH_NOARGS, nullptr},
    {"writable", tio_writable, METH_NOARGS, nullptr},
    {"isatty", tio_isatty, METH_NOARGS, nullptr},
    {"seek", tio_seek, METH_FASTCALL, nullptr},
    {"tell", tio_tell, METH_NOARGS, nullptr},
    {"truncate", tio_truncate, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kTextIOGetSet[] = {
    {"encoding", tio_get_encoding, nullptr, nullptr},
    {"buffer", tio_get_buffer, nullptr, nullptr},
    {"line_buffering", tio_get_line_buffering, nullptr, nullptr},
    {"write_through", tio_get_write_through, nullptr, nullptr},
    {"errors", tio_get_errors, nullptr, nullptr},
    {"name", tio_get_name, nullptr, nullptr},
    {"closed", tio_get_closed, nullptr, nullptr},
    {"newlines", tio_get_newlines, nullptr, nullptr},
    {"_CHUNK_SIZE", tio_get_chunk_size, tio_set_chunk_size, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type IncrementalNewlineDecoderType = {
    .ob = {kImmortal, &TypeType},
    .name = "_io.IncrementalNewlineDecoder",
    .flags = TF_HAVE_GC | TF_BASETYPE,
    .basicsize = sizeof(NLDecoderObject),
    .dealloc = nld_dealloc,
    .traverse = nld_traverse,
    .clear = nld_clear,
    .new_ = nld_new,
    .init = nld_init,
    .methods = kNLDecoderMethods,
    .getset = kNLDecoderGetSet,
};

Type StringIOType = {
    .ob = {kImmortal, &TypeType},
    .name = "_io.StringIO",
    .flags = TF_HAVE_GC | TF_BASETYPE,
    .basicsize = sizeof(StringIOObject),
    .dictoffset = offsetof(IOBaseObject, dict),
    .weaklistoffset = offsetof(IOBaseObject, weakreflist),
    .dealloc = sio_dealloc,
    .traverse = sio_traverse,
    .clear = sio_clear,
    .finalize = finalize_io_object,
    .iternext = sio_iternext,
    .new_ = sio_new,
    .init = sio_init,
    .methods = kStringIOMethods,
    .getset = kStringIOGetSet,
};

Type TextIOWrapperType = {
    .ob = {kImmortal, &TypeType},
    .name = "_io.TextIOWrapper",
    .flags = TF_HAVE_GC | TF_BASETYPE,
    .basicsize = sizeof(TextIOObject),
    .dictoffset = offsetof(IOBaseObject, dict),
    .weaklistoffset = offsetof(IOBaseObject, weakreflist),
    .dealloc = tio_dealloc,
    .traverse = tio_traverse,
    .clear = tio_clear,
    .finalize = finalize_io_object,
    .repr = tio_repr,
    .iternext = tio_iternext,
    .new_ = tio_new,
    .init = tio_init,
    .methods = kTextIOMethods,
    .getset = kTextIOGetSet,
};

}  // namespace io
}  // namespace strata
