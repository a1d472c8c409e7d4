// stdlib/codecs.cpp — the `_codecs` module: the codec registry (register, lookup with
// CPython's name normalization and cache, importing `encodings` on first use), the
// error-handler registry with the standard handlers, and the codec functions that the
// pure-Python encodings/*.py modules call (utf-8, latin-1, ascii, utf-16/32, the escape
// codecs, charmap). The byte<->text work of utf-8/latin-1/ascii/utf-16/utf-32 is shared
// with str.encode/bytes.decode (text::encode/text::decode in vm/str.cpp).
#include <cstring>
#include <string>

#include "stdlib/builtins.h"
#include "stdlib/io.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"

namespace strata {
namespace codecs {

namespace {

constexpr uint32_t kFastKw = METH_FASTCALL | METH_KEYWORDS;

// The registry: search functions (a list), the cache (normalized name -> CodecInfo) and
// the error handlers (name -> callable). Created on first use; they live for the run.
Value g_search;
Value g_cache;
Value g_errors;
bool g_encodings_imported = false;

bool ensure_registry() {
  if (g_search) return true;
  g_search = list_new(0);
  g_cache = dict_new();
  g_errors = dict_new();
  if (!g_search || !g_cache || !g_errors) return false;
  return true;
}

// _Py_normalize_encoding: ASCII letters lowercased, runs of other characters (except '.')
// between alphanumerics become one '_'.
std::string normalize(std::string_view name) {
  std::string out;
  bool punct = false;
  for (char ch : name) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '.') {
      if (punct && !out.empty()) out += '_';
      punct = false;
      out += char(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else {
      punct = true;
    }
  }
  return out;
}

bool import_encodings() {
  if (g_encodings_imported) return true;
  g_encodings_imported = true;
  Ref m(import_name(intern("encodings"), None(), None(), 0));
  if (!m) {
    g_encodings_imported = false;
    return false;
  }
  return true;
}

}  // namespace

int native_codec(std::string_view encoding) {
  std::string n;
  for (char c : encoding) {
    if (c >= 'A' && c <= 'Z') c = char(c + 32);
    if (c == '_' || c == ' ') c = '-';
    n += c;
  }
  static const char* const utf8[] = {"utf-8", "utf8", "u8", "utf", "cp65001"};
  static const char* const latin1[] = {"latin-1", "latin1", "latin", "l1", "iso-8859-1",
                                       "iso8859-1", "8859", "cp819", "iso-ir-100"};
  static const char* const ascii[] = {"ascii", "us-ascii", "646", "us", "ansi-x3.4-1968"};
  for (const char* a : utf8)
    if (n == a) return 1;
  for (const char* a : latin1)
    if (n == a) return 2;
  for (const char* a : ascii)
    if (n == a) return 3;
  return 0;
}

Value lookup(Value encoding) {
  if (!ensure_registry()) return Value();
  std::string norm = normalize(str_utf8(encoding));
  Ref key(str_from_utf8(norm));
  if (!key) return Value();
  Value hit = dict_get(g_cache, *key);
  if (hit) return newref(hit);
  if (error_occurred()) return Value();
  if (!import_encodings()) return Value();
  int64_t n = list_size(g_search);
  for (int64_t i = 0; i < n; i++) {
    Value fn = list_item(g_search, i);
    Ref r(call1(fn, *key));
    if (!r) return Value();
    if (is_none(*r)) continue;
    if (!is_tuple(*r) || tuple_size(*r) != 4)
      return raise(TypeError, "codec search functions must return 4-tuples");
    if (dict_set(g_cache, *key, *r) < 0) return Value();
    return r.release();
  }
  return raise(LookupError, "unknown encoding: %s", std::string(str_utf8(encoding)).c_str());
}

namespace {

// The CodecInfo of a text encoding, or null with LookupError as CPython's
// _PyCodec_LookupTextEncoding words it.
Value lookup_text(const char* encoding, const char* alternate) {
  Ref name(str_from_utf8(encoding));
  if (!name) return Value();
  Ref info(lookup(*name));
  if (!info) return Value();
  Value flag = lookup_attr(*info, STRATA_NAME(_is_text_encoding));
  if (!flag && error_occurred()) return Value();
  if (flag) {
    int t = is_true(flag);
    decref(flag);
    if (t < 0) return Value();
    if (!t)
      return raise(LookupError, "'%s' is not a text encoding; use %s to handle arbitrary codecs",
                   encoding, alternate);
  }
  return info.release();
}

}  // namespace

Value registry_encode(Value s, const char* encoding, const char* errors) {
  Ref info(lookup_text(encoding, "codecs.encode()"));
  if (!info) return Value();
  Ref err(str_from_utf8(errors ? errors : "strict"));
  if (!err) return Value();
  Ref r(call2(tuple_item(*info, 0), s, *err));
  if (!r) return Value();
  if (!is_tuple(*r) || tuple_size(*r) != 2)
    return raise(TypeError, "encoder must return a tuple (object, integer)");
  Value v = tuple_item(*r, 0);
  if (!is_bytes(v)) {
    if (is_instance_of(v, &ByteArrayType))
      return bytes_from(std::string_view(reinterpret_cast<const char*>(v.as<ByteArrayObject>()->data),
                                         size_t(v.as<ByteArrayObject>()->size)));
    return raise(TypeError,
                 "'%s' encoder returned '%s' instead of 'bytes'; use codecs.encode() to encode "
                 "to arbitrary types",
                 encoding, type_name(v));
  }
  return newref(v);
}

Value registry_decode(const char* data, int64_t n, const char* encoding, const char* errors) {
  Ref info(lookup_text(encoding, "codecs.decode()"));
  if (!info) return Value();
  Ref err(str_from_utf8(errors ? errors : "strict"));
  Ref b(bytes_from(std::string_view(data, size_t(n))));
  if (!err || !b) return Value();
  Ref r(call2(tuple_item(*info, 1), *b, *err));
  if (!r) return Value();
  if (!is_tuple(*r) || tuple_size(*r) != 2)
    return raise(TypeError, "decoder must return a tuple (object, integer)");
  Value v = tuple_item(*r, 0);
  if (!is_str(v))
    return raise(TypeError,
                 "'%s' decoder returned '%s' instead of 'str'; use codecs.decode() to decode "
                 "to arbitrary types",
                 encoding, type_name(v));
  return newref(v);
}

namespace {

// -- Registry functions ------------------------------------------------------------------

Value c_register(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("register", nargs, 1, 1)) return Value();
  if (!is_callable(args[0])) return raise(TypeError, "argument must be callable");
  if (!ensure_registry()) return Value();
  if (list_append(g_search, args[0]) < 0) return Value();
  return None();
}

Value c_unregister(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("unregister", nargs, 1, 1)) return Value();
  if (!ensure_registry()) return Value();
  ListObject* l = g_search.as<ListObject>();
  for (int64_t i = 0; i < l->size; i++) {
    if (l->items[i] == args[0]) {
      Value old = l->items[i];
      for (int64_t j = i + 1; j < l->size; j++) l->items[j - 1] = l->items[j];
      l->size--;
      decref(old);
      dict_clear(g_cache);
      break;
    }
  }
  return None();
}

Value c_lookup(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("lookup", nargs, 1, 1)) return Value();
  if (!is_str(args[0]))
    return raise(TypeError, "lookup() argument must be str, not %s", type_name(args[0]));
  return lookup(args[0]);
}

Value c_forget_codec(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("_forget_codec", nargs, 1, 1)) return Value();
  if (!is_str(args[0]))
    return raise(TypeError, "_forget_codec() argument must be str, not %s", type_name(args[0]));
  if (!ensure_registry()) return Value();
  Ref key(str_from_utf8(normalize(str_utf8(args[0]))));
  if (!key) return Value();
  Ref v(dict_pop(g_cache, *key));
  return None();
}

bool str_arg(Value v, const char* fname, const char* argname, int pos, std::string* out) {
  if (!v || is_none(v)) return true;
  if (!is_str(v)) {
    if (pos)
      raise(TypeError, "%s() argument %d must be str or None, not %s", fname, pos, type_name(v));
    else
      raise(TypeError, "%s() argument '%s' must be str, not %s", fname, argname, type_name(v));
    return false;
  }
  *out = std::string(str_utf8(v));
  return true;
}

// encode()/decode(): the codec's function from the registry (native codecs directly).
Value code_with(Value obj, Value encoding, Value errors, bool encode_dir) {
  const char* fname = encode_dir ? "encode" : "decode";
  std::string enc = "utf-8", err = "strict";
  if (encoding && !str_arg(encoding, fname, "encoding", 0, &enc)) return Value();
  if (errors && !str_arg(errors, fname, "errors", 0, &err)) return Value();
  int native = native_codec(enc);
  if (native) {
    const char* name = native == 1 ? "utf-8" : native == 2 ? "latin-1" : "ascii";
    if (encode_dir && is_str(obj)) return text::encode(obj, name, err.c_str());
    if (!encode_dir && is_bytes(obj))
      return text::decode(reinterpret_cast<const char*>(bytes_data(obj)), bytes_size(obj), name,
                          err.c_str());
  }
  Ref encs(str_from_utf8(enc));
  if (!encs) return Value();
  Ref info(lookup(*encs));
  if (!info) return Value();
  Ref errs(str_from_utf8(err));
  if (!errs) return Value();
  Value fn = tuple_item(*info, encode_dir ? 0 : 1);
  Ref r(call2(fn, obj, *errs));
  if (!r) return Value();
  if (!is_tuple(*r) || tuple_size(*r) != 2)
    return raise(TypeError, "%s must return a tuple (object, integer)",
                 encode_dir ? "encoder" : "decoder");
  return newref(tuple_item(*r, 0));
}

Value c_encode(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"obj", "encoding", "errors"};
  ArgSpec spec{"encode", names, 3, 0, 1, 3};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  return code_with(a[0], a[1], a[2], true);
}
Value c_decode(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"obj", "encoding", "errors"};
  ArgSpec spec{"decode", names, 3, 0, 1, 3};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  return code_with(a[0], a[1], a[2], false);
}

// -- Error handlers ----------------------------------------------------------------------

BaseExceptionObject* exc_of(Value v) { return v.as<BaseExceptionObject>(); }

Value wrong_exc(Value exc) {
  if (!is_exception(exc)) return raise(TypeError, "codec must pass exception instance");
  return raise(TypeError, "don't know how to handle %s in error callback", type_name(exc));
}

bool exc_range(Value exc, int64_t* start, int64_t* end) {
  BaseExceptionObject* e = exc_of(exc);
  if (!e->f3 || !e->f4) {
    raise(TypeError, "exception attribute not set");
    return false;
  }
  *start = int_as_i64(e->f3);
  *end = int_as_i64(e->f4);
  if (error_occurred()) return false;
  int64_t len = 0;
  if (e->f2) {
    if (is_str(e->f2)) len = str_length(e->f2);
    else if (is_bytes(e->f2)) len = bytes_size(e->f2);
  }
  if (*start < 0) *start = 0;
  if (*start > len) *start = len;
  if (*end < *start) *end = *start;
  if (*end > len) *end = len;
  return true;
}

Value handler_result(Value text, int64_t end) {  // steals text
  Ref t(text);
  if (!t) return Value();
  Ref e(int_from_i64(end));
  if (!e) return Value();
  return tuple_pack({*t, *e});
}

Value eh_strict(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("strict_errors", nargs, 1, 1)) return Value();
  if (!is_exception(args[0])) return raise(TypeError, "codec must pass exception instance");
  return raise_object(args[0]);
}

bool is_encode_err(Value e) { return is_instance_of(e, UnicodeEncodeError); }
bool is_decode_err(Value e) { return is_instance_of(e, UnicodeDecodeError); }
bool is_translate_err(Value e) { return is_instance_of(e, UnicodeTranslateError); }

Value eh_ignore(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("ignore_errors", nargs, 1, 1)) return Value();
  Value exc = args[0];
  if (!is_encode_err(exc) && !is_decode_err(exc) && !is_translate_err(exc)) return wrong_exc(exc);
  int64_t s, e;
  if (!exc_range(exc, &s, &e)) return Value();
  return handler_result(str_from_ascii(""), e);
}

Value eh_replace(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("replace_errors", nargs, 1, 1)) return Value();
  Value exc = args[0];
  int64_t s, e;
  if (is_encode_err(exc) || is_translate_err(exc)) {
    if (!exc_range(exc, &s, &e)) return Value();
    text::StrBuilder b;
    b.append_repeat(is_encode_err(exc) ? '?' : 0xFFFD, e - s);
    return handler_result(b.finish(), e);
  }
  if (is_decode_err(exc)) {
    if (!exc_range(exc, &s, &e)) return Value();
    return handler_result(str_from_char(0xFFFD), e);
  }
  return wrong_exc(exc);
}

void append_hex_escape(text::StrBuilder& b, uint32_t c) {
  char buf[16];
  if (c < 0x100) snprintf(buf, sizeof buf, "\\x%02x", c);
  else if (c < 0x10000) snprintf(buf, sizeof buf, "\\u%04x", c);
  else snprintf(buf, sizeof buf, "\\U%08x", c);
  b.append_ascii(buf);
}

Value eh_backslashreplace(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("backslashreplace_errors", nargs, 1, 1)) return Value();
  Value exc = args[0];
  int64_t s, e;
  text::StrBuilder b;
  if (is_decode_err(exc)) {
    if (!exc_range(exc, &s, &e)) return Value();
    Value obj = exc_of(exc)->f2;
    for (int64_t i = s; i < e; i++) append_hex_escape(b, bytes_data(obj)[i]);
    return handler_result(b.finish(), e);
  }
  if (is_encode_err(exc) || is_translate_err(exc)) {
    if (!exc_range(exc, &s, &e)) return Value();
    Value obj = exc_of(exc)->f2;
    for (int64_t i = s; i < e; i++) append_hex_escape(b, str_char(obj, i));
    return handler_result(b.finish(), e);
  }
  return wrong_exc(exc);
}

Value eh_xmlcharrefreplace(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("xmlcharrefreplace_errors", nargs, 1, 1)) return Value();
  Value exc = args[0];
  if (!is_encode_err(exc)) return wrong_exc(exc);
  int64_t s, e;
  if (!exc_range(exc, &s, &e)) return Value();
  Value obj = exc_of(exc)->f2;
  text::StrBuilder b;
  for (int64_t i = s; i < e; i++) {
    char buf[24];
    snprintf(buf, sizeof buf, "&#%u;", str_char(obj, i));
    b.append_ascii(buf);
  }
  return handler_result(b.finish(), e);
}

// namereplace needs the Unicode character names database, which this runtime does not
// carry: it falls back to backslash escapes.
Value eh_namereplace(Value self, const Value* args, size_t nargs, Value kw) {
  if (!check_positional("namereplace_errors", nargs, 1, 1)) return Value();
  if (!is_encode_err(args[0])) return wrong_exc(args[0]);
  return eh_backslashreplace(self, args, nargs, kw);
}

Value eh_surrogateescape(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("surrogateescape", nargs, 1, 1)) return Value();
  Value exc = args[0];
  int64_t s, e;
  if (is_decode_err(exc)) {
    if (!exc_range(exc, &s, &e)) return Value();
    Value obj = exc_of(exc)->f2;
    text::StrBuilder b;
    int64_t i = s;
    for (; i < e && i < s + 4; i++) {
      uint8_t c = bytes_data(obj)[i];
      if (c < 128) break;
      b.append(0xDC00 + c);
    }
    if (i == s) return raise_object(exc);
    return handler_result(b.finish(), i);
  }
  if (is_encode_err(exc)) {
    if (!exc_range(exc, &s, &e)) return Value();
    Value obj = exc_of(exc)->f2;
    std::string out;
    for (int64_t i = s; i < e; i++) {
      uint32_t c = str_char(obj, i);
      if (c < 0xDC80 || c > 0xDCFF) return raise_object(exc);
      out += char(c - 0xDC00);
    }
    return handler_result(bytes_from(out), e);
  }
  return wrong_exc(exc);
}

Value eh_surrogatepass(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("surrogatepass", nargs, 1, 1)) return Value();
  Value exc = args[0];
  int64_t s, e;
  if (is_encode_err(exc)) {
    if (!exc_range(exc, &s, &e)) return Value();
    Value obj = exc_of(exc)->f2;
    std::string out;
    for (int64_t i = s; i < e; i++) {
      uint32_t c = str_char(obj, i);
      if (c < 0xD800 || c > 0xDFFF) return raise_object(exc);
      out += char(0xE0 | (c >> 12));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    }
    return handler_result(bytes_from(out), e);
  }
  if (is_decode_err(exc)) {
    if (!exc_range(exc, &s, &e)) return Value();
    Value obj = exc_of(exc)->f2;
    const uint8_t* p = bytes_data(obj);
    int64_t n = bytes_size(obj);
    if (s + 3 <= n && (p[s] & 0xF0) == 0xE0 && (p[s + 1] & 0xC0) == 0x80 &&
        (p[s + 2] & 0xC0) == 0x80) {
      uint32_t c = ((p[s] & 0x0F) << 12) | ((p[s + 1] & 0x3F) << 6) | (p[s + 2] & 0x3F);
      if (c >= 0xD800 && c <= 0xDFFF) return handler_result(str_from_char(c), s + 3);
    }
    return raise_object(exc);
  }
  return wrong_exc(exc);
}

const MethodDef kErrorHandlers[] = {
    {"strict_errors", eh_strict, METH_FASTCALL, nullptr},
    {"ignore_errors", eh_ignore, METH_FASTCALL, nullptr},
    {"replace_errors", eh_replace, METH_FASTCALL, nullptr},
    {"xmlcharrefreplace_errors", eh_xmlcharrefreplace, METH_FASTCALL, nullptr},
    {"backslashreplace_errors", eh_backslashreplace, METH_FASTCALL, nullptr},
    {"namereplace_errors", eh_namereplace, METH_FASTCALL, nullptr},
    {"surrogateescape", eh_surrogateescape, METH_FASTCALL, nullptr},
    {"surrogatepass", eh_surrogatepass, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const char* const kHandlerNames[] = {"strict",           "ignore",          "replace",
                                     "xmlcharrefreplace", "backslashreplace", "namereplace",
                                     "surrogateescape",  "surrogatepass"};

bool ensure_handlers() {
  if (!ensure_registry()) return false;
  if (dict_size(g_errors) > 0) return true;
  for (int i = 0; kErrorHandlers[i].name; i++) {
    Ref fn(builtin_function_new(&kErrorHandlers[i], Value(), Value()));
    if (!fn || dict_set_cstr(g_errors, kHandlerNames[i], *fn) < 0) return false;
  }
  return true;
}

Value c_lookup_error(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("lookup_error", nargs, 1, 1)) return Value();
  if (!is_str(args[0]))
    return raise(TypeError, "lookup_error() argument must be str, not %s", type_name(args[0]));
  if (!ensure_handlers()) return Value();
  Value h = dict_get(g_errors, args[0]);
  if (h) return newref(h);
  if (error_occurred()) return Value();
  return raise(LookupError, "unknown error handler name '%s'",
               std::string(str_utf8(args[0])).c_str());
}

Value c_register_error(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("register_error", nargs, 2, 2)) return Value();
  if (!is_str(args[0]))
    return raise(TypeError, "register_error() argument 1 must be str, not %s", type_name(args[0]));
  if (!is_callable(args[1])) return raise(TypeError, "handler must be callable");
  if (!ensure_handlers()) return Value();
  if (dict_set(g_errors, args[0], args[1]) < 0) return Value();
  return None();
}

// -- Codec functions ------------------------------------------------------------------------

// Argument parsing shared by the codec functions: (data, errors=None[, final=False]).
struct CodecArgs {
  Value data;
  std::string errors = "strict";
  bool final = false;
  int64_t byteorder = 0;
};

bool parse_codec_args(const char* fname, const Value* args, size_t nargs, bool want_str,
                      int nextra, CodecArgs* out, bool has_byteorder = false) {
  // Positional-only, as Argument Clinic declares them.
  size_t maxn = 2 + size_t(nextra);
  if (!check_positional(fname, nargs, 1, maxn)) return false;
  out->data = args[0];
  if (want_str && !is_str(args[0])) {
    raise(TypeError, "%s() argument 1 must be str, not %s", fname, type_name(args[0]));
    return false;
  }
  if (nargs > 1 && !is_none(args[1])) {
    if (!is_str(args[1])) {
      raise(TypeError, "%s() argument 2 must be str or None, not %s", fname, type_name(args[1]));
      return false;
    }
    out->errors = std::string(str_utf8(args[1]));
  }
  size_t i = 2;
  if (has_byteorder && nargs > i) {
    out->byteorder = int_as_i64(args[i]);
    if (out->byteorder == -1 && error_occurred()) return false;
    i++;
  }
  if (nargs > i) {
    int t = is_true(args[i]);
    if (t < 0) return false;
    out->final = t;
  }
  return true;
}

Value pair(Value first, int64_t n) {  // steals first
  Ref f(first);
  if (!f) return Value();
  Ref c(int_from_i64(n));
  if (!c) return Value();
  return tuple_pack({*f, *c});
}

bool data_of(Value v, const char** d, int64_t* n) { return io::bytes_like(v, d, n); }

Value encode_fn(const char* fname, const char* enc, const Value* args, size_t nargs) {
  CodecArgs a;
  if (!parse_codec_args(fname, args, nargs, true, 0, &a)) return Value();
  return pair(text::encode(a.data, enc, a.errors.c_str()), str_length(a.data));
}

int utf8_hold(const uint8_t* data, int64_t n) {
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

Value decode_fn(const char* fname, const char* enc, const Value* args, size_t nargs,
                bool has_final) {
  CodecArgs a;
  if (!parse_codec_args(fname, args, nargs, false, has_final ? 1 : 0, &a)) return Value();
  const char* d;
  int64_t n;
  if (!data_of(a.data, &d, &n)) return Value();
  int64_t use = n;
  if (has_final && !a.final) {
    if (!std::strcmp(enc, "utf-8")) {
      use -= utf8_hold(reinterpret_cast<const uint8_t*>(d), n);
    } else if (std::strstr(enc, "utf-16")) {
      use &= ~int64_t(1);
      if (use >= 2) {
        bool big = std::strstr(enc, "be") != nullptr;
        const uint8_t* p = reinterpret_cast<const uint8_t*>(d) + use - 2;
        uint32_t u = big ? (p[0] << 8) | p[1] : (p[1] << 8) | p[0];
        if (u >= 0xD800 && u <= 0xDBFF) use -= 2;
      }
    } else if (std::strstr(enc, "utf-32")) {
      use &= ~int64_t(3);
    }
  }
  return pair(text::decode(d, use, enc, a.errors.c_str()), use);
}

#define ENCODER(name, enc)                                           \
  Value name(Value, const Value* args, size_t nargs, Value) {        \
    return encode_fn(#name + 2, enc, args, nargs);                   \
  }
#define DECODER(name, enc, final)                                    \
  Value name(Value, const Value* args, size_t nargs, Value) {        \
    return decode_fn(#name + 2, enc, args, nargs, final);            \
  }
ENCODER(c_utf_8_encode, "utf-8")
DECODER(c_utf_8_decode, "utf-8", true)
ENCODER(c_latin_1_encode, "latin-1")
DECODER(c_latin_1_decode, "latin-1", false)
ENCODER(c_ascii_encode, "ascii")
DECODER(c_ascii_decode, "ascii", false)
ENCODER(c_utf_16_le_encode, "utf-16-le")
ENCODER(c_utf_16_be_encode, "utf-16-be")
DECODER(c_utf_16_le_decode, "utf-16-le", true)
DECODER(c_utf_16_be_decode, "utf-16-be", true)
ENCODER(c_utf_32_le_encode, "utf-32-le")
ENCODER(c_utf_32_be_encode, "utf-32-be")
DECODER(c_utf_32_le_decode, "utf-32-le", true)
DECODER(c_utf_32_be_decode, "utf-32-be", true)
#undef ENCODER
#undef DECODER

Value utf_bom_encode(const char* fname, bool u32, const Value* args, size_t nargs) {
  CodecArgs a;
  if (!check_positional(fname, nargs, 1, 3)) return Value();
  if (!parse_codec_args(fname, args, nargs > 2 ? 2 : nargs, true, 0, &a)) return Value();
  int64_t bo = 0;
  if (nargs > 2) {
    bo = int_as_i64(args[2]);
    if (bo == -1 && error_occurred()) return Value();
  }
  const char* enc = bo == 0 ? (u32 ? "utf-32" : "utf-16")
                    : bo < 0 ? (u32 ? "utf-32-le" : "utf-16-le")
                             : (u32 ? "utf-32-be" : "utf-16-be");
  return pair(text::encode(a.data, enc, a.errors.c_str()), str_length(a.data));
}
Value c_utf_16_encode(Value, const Value* args, size_t nargs, Value) {
  return utf_bom_encode("utf_16_encode", false, args, nargs);
}
Value c_utf_32_encode(Value, const Value* args, size_t nargs, Value) {
  return utf_bom_encode("utf_32_encode", true, args, nargs);
}

// utf_16_ex_decode(data, errors=None, byteorder=0, final=False) -> (str, consumed, byteorder)
Value utf_ex_decode(const char* fname, bool u32, const Value* args, size_t nargs, bool ex) {
  CodecArgs a;
  if (!parse_codec_args(fname, args, nargs, false, ex ? 2 : 1, &a, ex)) return Value();
  const char* d;
  int64_t n;
  if (!data_of(a.data, &d, &n)) return Value();
  const uint8_t* p = reinterpret_cast<const uint8_t*>(d);
  int64_t bo = a.byteorder, skip = 0;
  int unit = u32 ? 4 : 2;
  if (bo == 0) {
    if (n < unit && !a.final) {
      Ref s(str_from_ascii(""));
      if (!ex) return pair(s.release(), 0);
      return tuple_pack({*s, Value::small(0), Value::small(0)});
    }
    if (!u32 && n >= 2 && p[0] == 0xFF && p[1] == 0xFE) bo = -1, skip = 2;
    else if (!u32 && n >= 2 && p[0] == 0xFE && p[1] == 0xFF) bo = 1, skip = 2;
    else if (u32 && n >= 4 && p[0] == 0xFF && p[1] == 0xFE && !p[2] && !p[3]) bo = -1, skip = 4;
    else if (u32 && n >= 4 && !p[0] && !p[1] && p[2] == 0xFE && p[3] == 0xFF) bo = 1, skip = 4;
  }
  const char* enc = bo > 0 ? (u32 ? "utf-32-be" : "utf-16-be") : (u32 ? "utf-32-le" : "utf-16-le");
  int64_t use = n - skip;
  if (!a.final) {
    use -= use % unit;
    if (!u32 && use >= 2) {
      const uint8_t* q = p + skip + use - 2;
      uint32_t u = bo > 0 ? (q[0] << 8) | q[1] : (q[1] << 8) | q[0];
      if (u >= 0xD800 && u <= 0xDBFF) use -= 2;
    }
  }
  Ref s(text::decode(d + skip, use, enc, a.errors.c_str()));
  if (!s) return Value();
  Ref consumed(int_from_i64(skip + use));
  if (!ex) return tuple_pack({*s, *consumed});
  Ref bov(int_from_i64(skip ? bo : a.byteorder));
  return tuple_pack({*s, *consumed, *bov});
}
Value c_utf_16_decode(Value, const Value* args, size_t nargs, Value) {
  return utf_ex_decode("utf_16_decode", false, args, nargs, false);
}
Value c_utf_32_decode(Value, const Value* args, size_t nargs, Value) {
  return utf_ex_decode("utf_32_decode", true, args, nargs, false);
}
Value c_utf_16_ex_decode(Value, const Value* args, size_t nargs, Value) {
  return utf_ex_decode("utf_16_ex_decode", false, args, nargs, true);
}
Value c_utf_32_ex_decode(Value, const Value* args, size_t nargs, Value) {
  return utf_ex_decode("utf_32_ex_decode", true, args, nargs, true);
}

// -- The escape codecs --

Value c_escape_encode(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("escape_encode", nargs, 1, 2)) return Value();
  if (!is_bytes(args[0]))
    return raise(TypeError, "escape_encode() argument 1 must be bytes, not %s", type_name(args[0]));
  const uint8_t* p = bytes_data(args[0]);
  int64_t n = bytes_size(args[0]);
  std::string out;
  for (int64_t i = 0; i < n; i++) {
    uint8_t c = p[i];
    char buf[8];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 32 || c >= 127) {
          snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  return pair(bytes_from(out), n);
}

int hexval(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Value c_escape_decode(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("escape_decode", nargs, 1, 2)) return Value();
  const char* d;
  int64_t n;
  Ref tmp;
  if (is_str(args[0])) {
    tmp.reset(text::encode(args[0], "utf-8", "strict"));
    if (!tmp) return Value();
    d = reinterpret_cast<const char*>(bytes_data(*tmp));
    n = bytes_size(*tmp);
  } else if (!data_of(args[0], &d, &n)) {
    return Value();
  }
  std::string err = "strict";
  if (nargs > 1 && !is_none(args[1])) err = std::string(str_utf8(args[1]));
  const uint8_t* p = reinterpret_cast<const uint8_t*>(d);
  std::string out;
  for (int64_t i = 0; i < n; i++) {
    uint8_t c = p[i];
    if (c != '\\') {
      out += char(c);
      continue;
    }
    if (++i >= n) return raise(ValueError, "Trailing \\ in string");
    c = p[i];
    switch (c) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'v': out += '\v'; break;
      case 'a': out += '\a'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        int v = c - '0';
        for (int k = 0; k < 2 && i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '7'; k++)
          v = v * 8 + (p[++i] - '0');
        out += char(v & 0xFF);
        break;
      }
      case 'x': {
        if (i + 2 < n && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
          out += char(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
          i += 2;
          break;
        }
        if (err == "ignore") {
          break;
        }
        if (err == "replace") {
          out += '?';
          break;
        }
        return raise(ValueError, "invalid \\x escape at position %lld", (long long)(i - 1));
      }
      default:
        out += '\\';
        out += char(c);
    }
  }
  return pair(bytes_from(out), n);
}

Value unicode_escape_encode_impl(Value s, bool raw) {
  int64_t n = str_length(s);
  std::string out;
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(s, i);
    char buf[16];
    if (raw) {
      if (c >= 0x10000) snprintf(buf, sizeof buf, "\\U%08x", c), out += buf;
      else if (c >= 0x100) snprintf(buf, sizeof buf, "\\u%04x", c), out += buf;
      else out += char(c);
      continue;
    }
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c >= 0x10000) snprintf(buf, sizeof buf, "\\U%08x", c), out += buf;
    else if (c >= 0x100) snprintf(buf, sizeof buf, "\\u%04x", c), out += buf;
    else if (c < 32 || c >= 127) snprintf(buf, sizeof buf, "\\x%02x", c), out += buf;
    else out += char(c);
  }
  return bytes_from(out);
}
Value c_unicode_escape_encode(Value, const Value* args, size_t nargs, Value) {
  CodecArgs a;
  if (!parse_codec_args("unicode_escape_encode", args, nargs, true, 0, &a)) return Value();
  return pair(unicode_escape_encode_impl(a.data, false), str_length(a.data));
}
Value c_raw_unicode_escape_encode(Value, const Value* args, size_t nargs, Value) {
  CodecArgs a;
  if (!parse_codec_args("raw_unicode_escape_encode", args, nargs, true, 0, &a)) return Value();
  return pair(unicode_escape_encode_impl(a.data, true), str_length(a.data));
}

Value unicode_escape_decode_impl(const char* fname, const Value* args, size_t nargs, bool raw) {
  CodecArgs a;
  if (!parse_codec_args(fname, args, nargs, false, 1, &a)) return Value();
  const char* d;
  int64_t n;
  Ref tmp;
  if (is_str(a.data)) {
    tmp.reset(text::encode(a.data, "utf-8", "strict"));
    if (!tmp) return Value();
    d = reinterpret_cast<const char*>(bytes_data(*tmp));
    n = bytes_size(*tmp);
  } else if (!data_of(a.data, &d, &n)) {
    return Value();
  }
  const char* codec = raw ? "rawunicodeescape" : "unicodeescape";
  const uint8_t* p = reinterpret_cast<const uint8_t*>(d);
  text::StrBuilder b;
  auto fail = [&](int64_t start, int64_t end, const char* reason) -> bool {
    if (a.errors == "ignore") return true;
    if (a.errors == "replace") {
      b.append(0xFFFD);
      return true;
    }
    raise_unicode_decode_error(codec, std::string_view(d, size_t(n)), start, end, reason);
    return false;
  };
  for (int64_t i = 0; i < n;) {
    uint8_t c = p[i];
    if (c != '\\') {
      b.append(c);
      i++;
      continue;
    }
    int64_t start = i;
    if (i + 1 >= n) {
      if (raw) {
        b.append('\\');
        i++;
        continue;
      }
      if (!fail(start, n, "\\ at end of string")) return Value();
      i = n;
      continue;
    }
    uint8_t e = p[i + 1];
    int digits = 0;
    if (e == 'u') digits = 4;
    else if (e == 'U') digits = 8;
    else if (e == 'x' && !raw) digits = 2;
    if (digits) {
      uint32_t v = 0;
      int64_t j = i + 2;
      int k = 0;
      for (; k < digits && j < n && hexval(p[j]) >= 0; k++, j++) v = v * 16 + uint32_t(hexval(p[j]));
      if (k < digits) {
        const char* why = digits == 2 ? "truncated \\xXX escape"
                          : digits == 4 ? "truncated \\uXXXX escape"
                                        : "truncated \\UXXXXXXXX escape";
        if (!fail(start, j, why)) return Value();
        i = j;
        continue;
      }
      if (v > 0x10FFFF) {
        if (!fail(start, j, "illegal Unicode character")) return Value();
        i = j;
        continue;
      }
      b.append(v);
      i = j;
      continue;
    }
    if (raw) {
      b.append('\\');
      i++;
      continue;
    }
    i += 2;
    switch (e) {
      case '\n': break;
      case '\\': b.append('\\'); break;
      case '\'': b.append('\''); break;
      case '"': b.append('"'); break;
      case 'b': b.append('\b'); break;
      case 'f': b.append('\f'); break;
      case 't': b.append('\t'); break;
      case 'n': b.append('\n'); break;
      case 'r': b.append('\r'); break;
      case 'v': b.append('\v'); break;
      case 'a': b.append('\a'); break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = e - '0';
        for (int k = 0; k < 2 && i < n && p[i] >= '0' && p[i] <= '7'; k++) v = v * 8 + (p[i++] - '0');
        b.append(v);
        break;
      }
      case 'N':
        if (!fail(start, i, "\\N escapes not supported (can't load unicodedata module)"))
          return Value();
        break;
      default:
        b.append('\\');
        b.append(e);
    }
  }
  return pair(b.finish(), n);
}
Value c_unicode_escape_decode(Value, const Value* args, size_t nargs, Value) {
  return unicode_escape_decode_impl("unicode_escape_decode", args, nargs, false);
}
Value c_raw_unicode_escape_decode(Value, const Value* args, size_t nargs, Value) {
  return unicode_escape_decode_impl("raw_unicode_escape_decode", args, nargs, true);
}

// -- charmap --

Value c_charmap_decode(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("charmap_decode", nargs, 1, 3)) return Value();
  CodecArgs a;
  if (!parse_codec_args("charmap_decode", args, nargs > 2 ? 2 : nargs, false, 0, &a))
    return Value();
  const char* d;
  int64_t n;
  if (!data_of(a.data, &d, &n)) return Value();
  Value mapping = nargs > 2 ? args[2] : None();
  if (is_none(mapping)) return pair(text::decode(d, n, "latin-1", a.errors.c_str()), n);
  const uint8_t* p = reinterpret_cast<const uint8_t*>(d);
  text::StrBuilder b;
  for (int64_t i = 0; i < n; i++) {
    uint32_t out = 0xFFFE;
    bool multi = false;
    Ref piece;
    if (is_str(mapping)) {
      if (p[i] < str_length(mapping)) out = str_char(mapping, p[i]);
    } else {
      Ref key(int_from_i64(p[i]));
      Value v = getitem(mapping, *key);
      if (!v) {
        if (!error_matches(LookupError)) return Value();
        clear_error();
      } else {
        piece.reset(v);
        if (is_none(v)) {
        } else if (is_int(v)) {
          int64_t x = int_as_i64(v);
          if (x < 0 || x > 0x10FFFF)
            return raise(TypeError, "character mapping must be in range(0x110000)");
          out = uint32_t(x);
        } else if (is_str(v)) {
          if (str_length(v) == 1) out = str_char(v, 0);
          else multi = true;
        } else {
          return raise(TypeError, "character mapping must return integer, None or str");
        }
      }
    }
    if (multi) {
      b.append_str(*piece);
      continue;
    }
    if (out == 0xFFFE) {
      if (a.errors == "ignore") continue;
      if (a.errors == "replace") {
        b.append(0xFFFD);
        continue;
      }
      if (a.errors == "backslashreplace") {
        append_hex_escape(b, p[i]);
        continue;
      }
      if (a.errors == "surrogateescape" && p[i] >= 128) {
        b.append(0xDC00 + p[i]);
        continue;
      }
      return raise_unicode_decode_error("charmap", std::string_view(d, size_t(n)), i, i + 1,
                                        "character maps to <undefined>");
    }
    b.append(out);
  }
  return pair(b.finish(), n);
}

Value c_charmap_build(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("charmap_build", nargs, 1, 1)) return Value();
  if (!is_str(args[0]))
    return raise(TypeError, "charmap_build() argument must be str, not %s", type_name(args[0]));
  Ref d(dict_new());
  if (!d) return Value();
  int64_t n = str_length(args[0]);
  for (int64_t i = 0; i < n; i++) {
    Ref k(int_from_i64(str_char(args[0], i)));
    if (!k || dict_set(*d, *k, Value::small(i)) < 0) return Value();
  }
  return d.release();
}

Value c_charmap_encode(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("charmap_encode", nargs, 1, 3)) return Value();
  CodecArgs a;
  if (!parse_codec_args("charmap_encode", args, nargs > 2 ? 2 : nargs, true, 0, &a))
    return Value();
  Value mapping = nargs > 2 ? args[2] : None();
  if (is_none(mapping))
    return pair(text::encode(a.data, "latin-1", a.errors.c_str()), str_length(a.data));
  Value s = a.data;
  int64_t n = str_length(s);
  std::string out;
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(s, i);
    Ref key(int_from_i64(c));
    Value v = getitem(mapping, *key);
    bool ok = false;
    if (!v) {
      if (!error_matches(LookupError)) return Value();
      clear_error();
    } else {
      Ref vr(v);
      if (is_none(v)) {
      } else if (is_int(v)) {
        int64_t x = int_as_i64(v);
        if (x < 0 || x > 255) return raise(TypeError, "character mapping must be in range(256)");
        out += char(x);
        ok = true;
      } else if (is_bytes(v)) {
        out.append(reinterpret_cast<const char*>(bytes_data(v)), size_t(bytes_size(v)));
        ok = true;
      } else {
        return raise(TypeError, "character mapping must return integer, bytes or None, not %s",
                     type_name(v));
      }
    }
    if (ok) continue;
    if (a.errors == "ignore") continue;
    if (a.errors == "replace") {
      out += '?';
      continue;
    }
    if (a.errors == "xmlcharrefreplace" || a.errors == "backslashreplace") {
      char buf[24];
      if (a.errors[0] == 'x') snprintf(buf, sizeof buf, "&#%u;", c);
      else if (c < 0x100) snprintf(buf, sizeof buf, "\\x%02x", c);
      else if (c < 0x10000) snprintf(buf, sizeof buf, "\\u%04x", c);
      else snprintf(buf, sizeof buf, "\\U%08x", c);
      out += buf;
      continue;
    }
    return raise_unicode_encode_error("charmap", s, i, i + 1, "character maps to <undefined>");
  }
  return pair(bytes_from(out), n);
}

Value c_readbuffer_encode(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("readbuffer_encode", nargs, 1, 2)) return Value();
  if (is_str(args[0])) {
    Value b = text::encode(args[0], "utf-8", "strict");
    if (!b) return b;
    int64_t n = bytes_size(b);
    return pair(b, n);
  }
  const char* d;
  int64_t n;
  if (!data_of(args[0], &d, &n)) return Value();
  return pair(bytes_from(std::string_view(d, size_t(n))), n);
}

const MethodDef kCodecsMethods[] = {
    {"register", c_register, METH_FASTCALL, nullptr},
    {"unregister", c_unregister, METH_FASTCALL, nullptr},
    {"lookup", c_lookup, METH_FASTCALL, nullptr},
    {"encode", c_encode, kFastKw, nullptr},
    {"decode", c_decode, kFastKw, nullptr},
    {"_forget_codec", c_forget_codec, METH_FASTCALL, nullptr},
    {"lookup_error", c_lookup_error, METH_FASTCALL, nullptr},
    {"register_error", c_register_error, METH_FASTCALL, nullptr},
    {"utf_8_encode", c_utf_8_encode, METH_FASTCALL, nullptr},
    {"utf_8_decode", c_utf_8_decode, METH_FASTCALL, nullptr},
    {"latin_1_encode", c_latin_1_encode, METH_FASTCALL, nullptr},
    {"latin_1_decode", c_latin_1_decode, METH_FASTCALL, nullptr},
    {"ascii_encode", c_ascii_encode, METH_FASTCALL, nullptr},
    {"ascii_decode", c_ascii_decode, METH_FASTCALL, nullptr},
    {"utf_16_encode", c_utf_16_encode, METH_FASTCALL, nullptr},
    {"utf_16_decode", c_utf_16_decode, METH_FASTCALL, nullptr},
    {"utf_16_le_encode", c_utf_16_le_encode, METH_FASTCALL, nullptr},
    {"utf_16_le_decode", c_utf_16_le_decode, METH_FASTCALL, nullptr},
    {"utf_16_be_encode", c_utf_16_be_encode, METH_FASTCALL, nullptr},
    {"utf_16_be_decode", c_utf_16_be_decode, METH_FASTCALL, nullptr},
    {"utf_16_ex_decode", c_utf_16_ex_decode, METH_FASTCALL, nullptr},
    {"utf_32_encode", c_utf_32_encode, METH_FASTCALL, nullptr},
    {"utf_32_decode", c_utf_32_decode, METH_FASTCALL, nullptr},
    {"utf_32_le_encode", c_utf_32_le_encode, METH_FASTCALL, nullptr},
    {"utf_32_le_decode", c_utf_32_le_decode, METH_FASTCALL, nullptr},
    {"utf_32_be_encode", c_utf_32_be_encode, METH_FASTCALL, nullptr},
    {"utf_32_be_decode", c_utf_32_be_decode, METH_FASTCALL, nullptr},
    {"utf_32_ex_decode", c_utf_32_ex_decode, METH_FASTCALL, nullptr},
    {"escape_encode", c_escape_encode, METH_FASTCALL, nullptr},
    {"escape_decode", c_escape_decode, METH_FASTCALL, nullptr},
    {"unicode_escape_encode", c_unicode_escape_encode, METH_FASTCALL, nullptr},
    {"unicode_escape_decode", c_unicode_escape_decode, METH_FASTCALL, nullptr},
    {"raw_unicode_escape_encode", c_raw_unicode_escape_encode, METH_FASTCALL, nullptr},
    {"raw_unicode_escape_decode", c_raw_unicode_escape_decode, METH_FASTCALL, nullptr},
    {"charmap_decode", c_charmap_decode, METH_FASTCALL, nullptr},
    {"charmap_encode", c_charmap_encode, METH_FASTCALL, nullptr},
    {"charmap_build", c_charmap_build, METH_FASTCALL, nullptr},
    {"readbuffer_encode", c_readbuffer_encode, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

int codecs_module_init(Value) { return ensure_handlers() ? 0 : -1; }

}  // namespace
}  // namespace codecs

const BuiltinModuleDef codecs_module_def = {"_codecs", codecs::codecs_module_init,
                                            codecs::kCodecsMethods, nullptr};

}  // namespace strata
