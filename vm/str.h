// vm/str.h — str: immutable Unicode text in PEP 393's layout (one, two or four bytes a
// code point, the narrowest that holds the widest character), so that indexing is O(1)
// and hash() equals CPython's. Implemented in vm/str.cpp (type and methods),
// vm/str_format.cpp (%-formatting, str.format, the format-spec mini-language).
#pragma once
#include <cstdarg>
#include <string>
#include <string_view>

#include "vm/object.h"

namespace strata {

struct StrObject {
  Object ob;
  int64_t length;   // in code points
  int64_t hash;     // -1 until computed
  uint8_t kind;     // 1, 2 or 4: bytes per code point
  uint8_t ascii;    // all code points < 128 (then the data is also the UTF-8)
  uint8_t interned;
  uint8_t pad_[5];
  char* utf8;       // cached UTF-8 of a non-ASCII string (mem_alloc'ed), or null
  int64_t utf8_length;
  // The data follows inline: length code points of `kind` bytes, then a zero code point.
};

inline uint8_t* str_data(Value s) {
  return reinterpret_cast<uint8_t*>(s.as<StrObject>() + 1);
}
inline int64_t str_length(Value s) { return s.as<StrObject>()->length; }
inline uint32_t str_char(Value s, int64_t i) {
  StrObject* o = s.as<StrObject>();
  const uint8_t* d = reinterpret_cast<const uint8_t*>(o + 1);
  return o->kind == 1 ? d[i]
         : o->kind == 2 ? reinterpret_cast<const uint16_t*>(d)[i]
                        : reinterpret_cast<const uint32_t*>(d)[i];
}

// From UTF-8 (lone surrogates may appear as their 3-byte forms, as the compiler's
// constants hold them). Invalid UTF-8 raises UnicodeDecodeError.
Value str_from_utf8(std::string_view utf8);
Value str_from_ascii(std::string_view ascii);  // precondition: all bytes < 128
Value str_from_codepoints(const uint32_t* cps, int64_t n);
Value str_from_char(uint32_t cp);  // single characters < 256 are cached and immortal
// printf-style into a new str (the % directives of raise()): %s (UTF-8 char*) %d %i %u
// with l/ll/z, %zd %zu %c (a code point) %x %p %%, and on Values %R (repr) %S (str) %A
// (ascii) %T (type name) %U (a str); precision (%.200s: bytes, %.100R: characters) and
// width. Null with an exception if a repr/str raised.
Value str_format_c(const char* fmt, ...);
Value str_vformat_c(const char* fmt, va_list ap);
// The text as UTF-8 (cached on the object; valid while s lives). Lone surrogates are
// written as their 3-byte forms (callers that print must check with str_has_surrogates).
std::string_view str_utf8(Value s);
bool str_has_surrogates(Value s);
bool str_equal(Value a, Value b);  // both str
bool str_equal_ascii(Value s, std::string_view ascii);
int str_compare(Value a, Value b);  // code point order: -1, 0, 1
int64_t str_hash(Value s);          // CPython's siphash13 of the data (PYTHONHASHSEED=0)
Value str_concat(Value a, Value b);
Value str_join(Value sep, Value iterable);
Value str_substring(Value s, int64_t start, int64_t end);
Value str_repr(Value s);  // repr(s): quotes and escapes as CPython
// Interns s in place when possible (steals s, returns the interned object).
Value str_intern(Value s);

}  // namespace strata

// -- Shared by the text area (vm/str.cpp, vm/str_format.cpp, vm/bytes.cpp) ----------------
// Not part of the runtime-wide contract: other areas use the functions above.
namespace strata::text {

// A str under construction: code points appended one at a time or in runs; the storage
// widens from 1 to 2 to 4 bytes a code point when a wider character arrives, so that the
// common all-Latin-1 case never touches more than a byte a character. On allocation
// failure it remembers the failure and finish() raises MemoryError.
class StrBuilder {
 public:
  StrBuilder() = default;
  StrBuilder(const StrBuilder&) = delete;
  StrBuilder& operator=(const StrBuilder&) = delete;
  ~StrBuilder();
  void reserve(int64_t n);  // room for n more code points
  void append(uint32_t cp);
  void append_ascii(std::string_view ascii);
  void append_utf8(std::string_view utf8);  // valid UTF-8 (surrogates allowed)
  void append_str(Value s) { append_substr(s, 0, str_length(s)); }
  void append_substr(Value s, int64_t start, int64_t end);
  void append_repeat(uint32_t cp, int64_t n);
  int64_t length() const { return len_; }
  uint32_t at(int64_t i) const;
  void truncate(int64_t n) { if (n < len_) len_ = n; }
  bool failed() const { return failed_; }
  Value finish();  // the str (new reference), or null with MemoryError

 private:
  void widen(int kind);
  bool grow(int64_t need);
  uint8_t* buf_ = nullptr;
  int64_t len_ = 0, cap_ = 0;
  int kind_ = 1;
  uint32_t maxchar_ = 0;
  bool failed_ = false;
};

// A new str of `length` code points, of the kind that holds `maxchar`, to be filled
// (the terminator is written). length 0 gives the shared empty str.
Value str_alloc(int64_t length, uint32_t maxchar);
// The narrowest str holding n code points stored at `kind` bytes each.
Value str_from_kind_data(int kind, const void* data, int64_t n);
// CPython's _Py_HashBytes: SipHash-1-3 with the all-zero key (PYTHONHASHSEED=0).
int64_t hash_bytes(const void* data, size_t n);

// Argument parsing in the styles of CPython's three parsers, so that the TypeErrors read
// the same: CHECK_POSITIONAL ("center expected at least 1 argument, got 0"),
// PARSE_TUPLE ("count() takes at least 1 argument (0 given)") and KEYWORDS (Argument
// Clinic with keywords: "split() takes at most 2 arguments (3 given)", "'x' is an invalid
// keyword argument for split()"). Fills out[0..nnames) with borrowed values (null when
// not given). `qualname` ("str.count") is used for "takes no keyword arguments".
enum ArgStyle { CHECK_POSITIONAL, PARSE_TUPLE, KEYWORDS };
bool parse_args(ArgStyle style, const char* fname, const char* qualname, const Value* args,
                size_t nargs, Value kwnames, const char* const* names, int nnames,
                int min_required, Value* out);
// An optional slice bound of find/count/startswith...: None or absent leaves *out alone.
bool slice_bound_arg(Value v, int64_t* out);
// Normalizes start/end against a length as CPython's ADJUST_INDICES does.
void adjust_indices(int64_t* start, int64_t* end, int64_t len);

// Codecs (utf-8, ascii, latin-1, utf-16, utf-32 with the common error handlers).
Value decode(const char* data, int64_t n, const char* encoding, const char* errors);
Value encode(Value s, const char* encoding, const char* errors);  // a bytes
// Escapes code point cp as repr() does inside quotes (\t \n \r \\ \xhh \uhhhh
// \Uhhhhhhhh); printable characters are kept unless ascii_only.
void append_escaped(StrBuilder& b, uint32_t cp, bool ascii_only);
bool is_printable(uint32_t cp);
bool is_space(uint32_t cp);

// str % args, bytes % args (vm/str_format.cpp).
Value str_mod(Value fmt, Value args);
Value bytes_mod(Value fmt, Value args, bool bytearray_result);
// str.format / str.format_map / str.__format__ (vm/str_format.cpp).
Value str_format_method(Value self, const Value* args, size_t nargs, Value kwnames);
Value str_format_map_method(Value self, const Value* args, size_t nargs, Value kwnames);
Value str_dunder_format(Value self, const Value* args, size_t nargs, Value kwnames);
// Formats s by a format spec (the mini-language for strings).
Value str_format_spec(Value s, Value spec);

}  // namespace strata::text
