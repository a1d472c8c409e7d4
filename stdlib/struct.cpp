// stdlib/struct.cpp — the `_struct` module under struct.py: format strings compiled once
// into a Struct (a list of codes: format, offset, size, repeat), pack/unpack in native
// ('@': native sizes and alignment), standard little-endian ('<', and '=' on this
// little-endian machine) and big-endian ('>', '!') layouts, the module functions with
// their cache of compiled formats, iter_unpack's iterator, and struct.error.
//
// The error messages follow CPython 3.11 exactly, including where they differ between
// layouts: CPython packs the standard little-endian b/B/c/h/H/i/I/q/Q/e with its native
// routines (same size, same byte order), so '<h' reports "short format requires ..."
// while '>h' reports "'h' format requires ...", and '>q' overflow is "int too large to
// convert" while '<q' is "argument out of range".
#include <gmp.h>

#include <cfloat>
#include <cmath>
#include <cstring>

#include "stdlib/builtins.h"
#include "stdlib/bytes_like.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

Value g_struct_error;  // struct.error (a heap class, kept alive by the module)

enum Layout : uint8_t {
  kNative,  // '@' (or no prefix): native sizes, alignment, byte order
  kLittle,  // '<', '=': standard sizes, little-endian
  kBig,     // '>', '!': standard sizes, big-endian
};

struct Code {
  char fmt;
  int64_t offset;
  int64_t size;    // item size, or the byte count of 's'/'p'
  int64_t repeat;  // items of this code ('s'/'p': 1)
};

struct StructObject {
  Object ob;
  int64_t size;    // packed size in bytes, -1 before __init__
  int64_t len;     // number of items pack takes / unpack returns
  int64_t ncodes;
  Code* codes;     // mem_alloc'ed, or null
  Value format;    // the format as bytes (None before __init__)
  Value weakreflist;
  Layout layout;
};

extern Type StructType;
extern Type UnpackIterType;

Value struct_error(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
Value struct_error(const char* fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  Ref msg(str_from_utf8(buf));
  if (!msg) return Value();
  return raise_value(g_struct_error.as<Type>(), *msg);
}

// -- Formats -----------------------------------------------------------------------------

// Size and alignment of a format character in a layout; size 0 means not allowed.
struct FormatInfo {
  int size;
  int align;
};

FormatInfo format_info(char c, Layout layout) {
  switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p':
      return {1, 1};
    case 'h': case 'H': case 'e':
      return {2, 2};
    case 'i': case 'I': case 'f':
      return {4, 4};
    case 'l': case 'L':
      return layout == kNative ? FormatInfo{8, 8} : FormatInfo{4, 0};
    case 'q': case 'Q': case 'd':
      return {8, 8};
    case 'n': case 'N': case 'P':
      return layout == kNative ? FormatInfo{8, 8} : FormatInfo{0, 0};
    default:
      return {0, 0};
  }
}

// Compiles the format (bytes) into self; -1 with struct.error on a bad format.
int prepare_struct(StructObject* self, Value fmt_bytes) {
  const char* fmt = reinterpret_cast<const char*>(bytes_data(fmt_bytes));
  int64_t flen = bytes_size(fmt_bytes);
  if (int64_t(std::strlen(fmt)) != flen) {
    struct_error("embedded null character");
    return -1;
  }
  Layout layout = kNative;
  const char* s = fmt;
  switch (*s) {
    case '<': case '=': layout = kLittle; s++; break;
    case '>': case '!': layout = kBig; s++; break;
    case '@': s++; break;
    default: break;
  }
  // First pass: validate, count codes and items, compute the size.
  const char* body = s;
  int64_t size = 0, len = 0, ncodes = 0;
  char c;
  while ((c = *s++) != '\0') {
    if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
    int64_t num = 1;
    if (c >= '0' && c <= '9') {
      num = c - '0';
      while ((c = *s++) >= '0' && c <= '9') {
        if (num >= INT64_MAX / 10 && (num > INT64_MAX / 10 || (c - '0') > INT64_MAX % 10)) {
          struct_error("total struct size too long");
          return -1;
        }
        num = num * 10 + (c - '0');
      }
      if (c == '\0') {
        struct_error("repeat count given without format specifier");
        return -1;
      }
    }
    FormatInfo fi = layout == kNative || (c != 'n' && c != 'N' && c != 'P')
                        ? format_info(c, layout)
                        : FormatInfo{0, 0};
    if (fi.size == 0) {
      struct_error("bad char in struct format");
      return -1;
    }
    if (c == 's' || c == 'p') {
      len++;
      ncodes++;
    } else if (c != 'x') {
      len += num;
      if (num) ncodes++;
    }
    if (layout == kNative && fi.align && size > 0) {
      int64_t extra = (fi.align - 1) - (size - 1) % fi.align;
      if (extra > INT64_MAX - size) {
        struct_error("total struct size too long");
        return -1;
      }
      size += extra;
    }
    if (num > (INT64_MAX - size) / fi.size) {
      struct_error("total struct size too long");
      return -1;
    }
    size += num * fi.size;
  }
  Code* codes = static_cast<Code*>(mem_alloc(sizeof(Code) * size_t(ncodes ? ncodes : 1)));
  if (!codes) {
    raise_no_memory();
    return -1;
  }
  // Second pass: the codes.
  Code* out = codes;
  int64_t offset = 0;
  for (s = body; (c = *s++) != '\0';) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
    int64_t num = 1;
    if (c >= '0' && c <= '9') {
      num = c - '0';
      while ((c = *s++) >= '0' && c <= '9') num = num * 10 + (c - '0');
    }
    FormatInfo fi = format_info(c, layout);
    if (layout == kNative && fi.align && offset > 0) {
      offset += (fi.align - 1) - (offset - 1) % fi.align;
    }
    if (c == 's' || c == 'p') {
      *out++ = Code{c, offset, num, 1};
      offset += num;
    } else if (c == 'x') {
      offset += num;
    } else if (num) {
      *out++ = Code{c, offset, fi.size, num};
      offset += fi.size * num;
    }
  }
  mem_free(self->codes);
  self->codes = codes;
  self->ncodes = ncodes;
  self->size = size;
  self->len = len;
  self->layout = layout;
  set_ref(&self->format, newref(fmt_bytes));
  return 0;
}

// The format argument as bytes (str is encoded as ASCII), or null with TypeError.
Value format_as_bytes(Value fmt) {
  if (is_str(fmt)) return text::encode(fmt, "ascii", "strict");
  if (is_bytes(fmt)) return newref(fmt);
  return raise(TypeError, "Struct() argument 1 must be a str or bytes object, not %s",
               type_name(fmt));
}

// -- Packing -------------------------------------------------------------------------------

// An integer argument (int, or anything with __index__) as a 128-bit value: 0 when it is
// in [-2**63, 2**64), 1 when outside (overflow), -1 on error.
int get_integer(Value v, __int128* out) {
  if (v.is_small()) {
    *out = v.small_value();
    return 0;
  }
  Ref owned;
  if (!is_int(v)) {
    if (!type_of(v)->nb_index) {
      struct_error("required argument is not an integer");
      return -1;
    }
    owned.reset(number_index(v));
    if (!owned) return -1;
    v = *owned;
  }
  int64_t i;
  if (int_to_i64(v, &i)) {
    *out = i;
    return 0;
  }
  if (int_sign(v) < 0) return 1;
  mpz_t z;
  mpz_init(z);
  int_to_mpz(v, z);
  bool fits = mpz_sizeinbase(z, 2) <= 64;
  uint64_t u = fits ? uint64_t(mpz_getlimbn(z, 0)) : 0;
  mpz_clear(z);
  if (!fits) return 1;
  *out = __int128(u);
  return 0;
}

// A float argument as PyFloat_AsDouble: -1 with struct.error "required argument is not a
// float" on failure.
bool get_double(Value v, double* out) {
  if (is_exact_float(v)) {
    *out = float_value(v);
    return true;
  }
  double d = as_double(v);
  if (d == -1.0 && error_occurred()) {
    clear_error();
    struct_error("required argument is not a float");
    return false;
  }
  *out = d;
  return true;
}

void store_uint(uint8_t* p, uint64_t x, int size, bool big) {
  for (int i = 0; i < size; i++) {
    uint8_t byte = uint8_t(x >> (8 * i));
    p[big ? size - 1 - i : i] = byte;
  }
}

uint64_t load_uint(const uint8_t* p, int size, bool big) {
  uint64_t x = 0;
  for (int i = 0; i < size; i++) x |= uint64_t(p[big ? size - 1 - i : i]) << (8 * i);
  return x;
}

// IEEE half precision, rounded half to even (PyFloat_Pack2); -1 with OverflowError.
int pack_half(double x, uint16_t* out) {
  int sign, e;
  unsigned bits;
  if (x == 0.0) {
    sign = std::signbit(x);
    e = 0;
    bits = 0;
  } else if (std::isinf(x)) {
    sign = x < 0.0;
    e = 0x1f;
    bits = 0;
  } else if (std::isnan(x)) {
    sign = std::signbit(x);
    e = 0x1f;
    bits = 512;
  } else {
    sign = x < 0.0;
    if (sign) x = -x;
    double f = std::frexp(x, &e);
    f *= 2.0;  // [1, 2)
    e--;
    if (e >= 16) goto overflow;
    if (e < -25) {
      f = 0.0;
      e = 0;
    } else if (e < -14) {
      f = std::ldexp(f, 14 + e);
      e = 0;
    } else {
      e += 15;
      f -= 1.0;
    }
    f *= 1024.0;
    bits = unsigned(f);
    if ((f - bits > 0.5) || (f - bits == 0.5 && (bits & 1))) {
      if (++bits == 1024) {
        bits = 0;
        if (++e == 31) goto overflow;
      }
    }
  }
  *out = uint16_t(bits | (unsigned(e) << 10) | (unsigned(sign) << 15));
  return 0;
overflow:
  raise(OverflowError, "float too large to pack with e format");
  return -1;
}

double unpack_half(uint16_t h) {
  int sign = h >> 15;
  int e = (h >> 10) & 0x1f;
  unsigned f = h & 0x3ff;
  if (e == 0x1f) {
    if (f == 0) return sign ? -HUGE_VAL : HUGE_VAL;
    return sign ? -NAN : NAN;
  }
  double x = double(f) / 1024.0;
  if (e == 0) {
    e = -14;
  } else {
    x += 1.0;
    e -= 15;
  }
  x = std::ldexp(x, e);
  return sign ? -x : x;
}

// Range checks with CPython's messages. `name` is the native message's word ("byte").
int range_signed(const Code& c, __int128 x, int size) {
  int64_t largest = size == 8 ? INT64_MAX : (int64_t(1) << (size * 8 - 1)) - 1;
  if (x < -__int128(largest) - 1 || x > largest) {
    struct_error("'%c' format requires %lld <= number <= %lld", c.fmt, (long long)(~largest),
                 (long long)largest);
    return -1;
  }
  return 0;
}
int range_unsigned(const Code& c, __int128 x, int size) {
  uint64_t largest = size == 8 ? UINT64_MAX : (uint64_t(1) << (size * 8)) - 1;
  if (x > __int128(largest)) {
    struct_error("'%c' format requires 0 <= number <= %llu", c.fmt,
                 (unsigned long long)largest);
    return -1;
  }
  return 0;
}

Value out_of_range() { return struct_error("argument out of range"); }

// Packs one item of code c at p. Returns 0, or -1 with an exception.
int pack_item(Layout layout, const Code& c, Value v, uint8_t* p) {
  bool big = layout == kBig;
  switch (c.fmt) {
    case 'c': {
      if (!is_bytes(v) || bytes_size(v) != 1) {
        struct_error("char format requires a bytes object of length 1");
        return -1;
      }
      *p = bytes_data(v)[0];
      return 0;
    }
    case '?': {
      int t = is_true(v);
      if (t < 0) return -1;
      *p = uint8_t(t);
      return 0;
    }
    case 'e': {
      double x;
      if (!get_double(v, &x)) return -1;
      uint16_t h;
      if (pack_half(x, &h) < 0) return -1;
      store_uint(p, h, 2, big);
      return 0;
    }
    case 'f': {
      double x;
      if (!get_double(v, &x)) return -1;
      float y = float(x);
      if (layout != kNative && std::isinf(y) && !std::isinf(x)) {
        raise(OverflowError, "float too large to pack with f format");
        return -1;
      }
      uint32_t u;
      std::memcpy(&u, &y, 4);
      store_uint(p, u, 4, big);
      return 0;
    }
    case 'd': {
      double x;
      if (!get_double(v, &x)) return -1;
      uint64_t u;
      std::memcpy(&u, &x, 8);
      store_uint(p, u, 8, big);
      return 0;
    }
    default:
      break;
  }
  // Integers.
  __int128 x;
  int r = get_integer(v, &x);
  if (r < 0) return -1;
  int size = int(c.size);
  // The standard big-endian q/Q (and native P) convert through a byte array: their
  // overflow is an OverflowError that pack turns into "int too large to convert".
  bool bytearray_style = (big && (c.fmt == 'q' || c.fmt == 'Q')) || c.fmt == 'P';
  if (bytearray_style) {
    bool ok;
    if (c.fmt == 'Q') {
      ok = r == 0 && x >= 0;
    } else if (c.fmt == 'q') {
      ok = r == 0 && x <= INT64_MAX;
    } else {
      ok = r == 0;  // P: anything in [-2**63, 2**64)
    }
    if (!ok) {
      struct_error("int too large to convert");
      return -1;
    }
    store_uint(p, uint64_t(x), size, big);
    return 0;
  }
  bool is_unsigned = c.fmt == 'B' || c.fmt == 'H' || c.fmt == 'I' || c.fmt == 'L' ||
                     c.fmt == 'Q' || c.fmt == 'N';
  // get_long (signed) and get_ulong (unsigned) reject what does not fit a machine word.
  // The native b/B/h/H read a signed word whatever their signedness.
  bool reads_signed = !is_unsigned || c.fmt == 'B' || c.fmt == 'H' ? true : false;
  if (big && (c.fmt == 'H')) reads_signed = false;  // bp_uint reads an unsigned word
  if (r != 0 || (reads_signed ? x > INT64_MAX : x < 0)) {
    out_of_range();
    return -1;
  }
  bool native_routine = layout != kBig && c.fmt != 'l' && c.fmt != 'L';
  switch (c.fmt) {
    case 'b':
      if (x < -128 || x > 127) {
        struct_error("byte format requires -128 <= number <= 127");
        return -1;
      }
      break;
    case 'B':
      if (x < 0 || x > 255) {
        struct_error("ubyte format requires 0 <= number <= 255");
        return -1;
      }
      break;
    case 'h':
      if (native_routine) {
        if (x < -32768 || x > 32767) {
          struct_error("short format requires -32768 <= number <= 32767");
          return -1;
        }
      } else if (range_signed(c, x, 2) < 0) {
        return -1;
      }
      break;
    case 'H':
      if (native_routine) {
        if (x < 0 || x > 65535) {
          struct_error("ushort format requires 0 <= number <= 65535");
          return -1;
        }
      } else if (range_unsigned(c, x, 2) < 0) {
        return -1;
      }
      break;
    case 'i': case 'l':
      if (range_signed(c, x, size) < 0) return -1;
      break;
    case 'I': case 'L':
      if (range_unsigned(c, x, size) < 0) return -1;
      break;
    default:  // q Q n N: the word checks above are the range
      break;
  }
  store_uint(p, uint64_t(x), size, big);
  return 0;
}

// Packs args[0..len) into buf (self->size bytes, zeroed first).
int pack_internal(StructObject* self, const Value* args, uint8_t* buf) {
  std::memset(buf, 0, size_t(self->size));
  const Value* v = args;
  for (int64_t i = 0; i < self->ncodes; i++) {
    const Code& c = self->codes[i];
    uint8_t* res = buf + c.offset;
    if (c.fmt == 's' || c.fmt == 'p') {
      Value a = *v++;
      BytesView view;
      bool isbytes = is_bytes(a) || is_instance_of(a, &ByteArrayType);
      if (!isbytes) {
        struct_error(c.fmt == 's' ? "argument for 's' must be a bytes object"
                                  : "argument for 'p' must be a bytes object");
        return -1;
      }
      get_bytes_like(a, &view);
      int64_t n = view.size;
      if (c.fmt == 's') {
        if (n > c.size) n = c.size;
        if (n > 0) std::memcpy(res, view.data, size_t(n));
      } else {
        if (c.size == 0) {
          // CPython stores the length byte (-1 as 0xff) even for "0p"; a later item may
          // overwrite it. Past the end it would write outside the result: skip that.
          if (c.offset < self->size) *res = 0xff;
          continue;
        }
        if (n > c.size - 1) n = c.size - 1;
        if (n > 0) std::memcpy(res + 1, view.data, size_t(n));
        if (n > 255) n = 255;
        *res = uint8_t(n);
      }
      continue;
    }
    for (int64_t k = 0; k < c.repeat; k++, res += c.size, v++) {
      if (pack_item(self->layout, c, *v, res) < 0) {
        // An int that overflowed a float format: CPython reports it as a struct.error.
        if (is_int(*v) && error_matches(OverflowError)) {
          clear_error();
          struct_error("int too large to convert");
        }
        return -1;
      }
    }
  }
  return 0;
}

Value unpack_item(Layout layout, const Code& c, const uint8_t* p) {
  bool big = layout == kBig;
  switch (c.fmt) {
    case 'c':
      return bytes_from(std::string_view(reinterpret_cast<const char*>(p), 1));
    case '?':
      return Bool(*p != 0);
    case 'e':
      return float_new(unpack_half(uint16_t(load_uint(p, 2, big))));
    case 'f': {
      uint32_t u = uint32_t(load_uint(p, 4, big));
      float y;
      std::memcpy(&y, &u, 4);
      return float_new(double(y));
    }
    case 'd': {
      uint64_t u = load_uint(p, 8, big);
      double x;
      std::memcpy(&x, &u, 8);
      return float_new(x);
    }
    case 'b': case 'h': case 'i': case 'l': case 'q': case 'n': {
      int size = int(c.size);
      uint64_t u = load_uint(p, size, big);
      int64_t x = size == 8 ? int64_t(u) : int64_t(u << (64 - 8 * size)) >> (64 - 8 * size);
      return int_from_i64(x);
    }
    default:  // B H I L Q N P
      return int_from_u64(load_uint(p, int(c.size), big));
  }
}

Value unpack_internal(StructObject* self, const uint8_t* buf) {
  Value result = tuple_new(self->len);
  if (!result) return result;
  int64_t k = 0;
  for (int64_t i = 0; i < self->ncodes; i++) {
    const Code& c = self->codes[i];
    const uint8_t* res = buf + c.offset;
    if (c.fmt == 's' || c.fmt == 'p') {
      Value v;
      if (c.fmt == 's') {
        v = bytes_from(std::string_view(reinterpret_cast<const char*>(res), size_t(c.size)));
      } else {
        if (c.size == 0) {
          decref(result);
          return raise(SystemError, "Negative size passed to PyBytes_FromStringAndSize");
        }
        int64_t n = res[0];
        if (n >= c.size) n = c.size - 1;
        v = bytes_from(std::string_view(reinterpret_cast<const char*>(res + 1), size_t(n)));
      }
      if (!v) {
        decref(result);
        return Value();
      }
      tuple_items(result)[k++] = v;
      continue;
    }
    for (int64_t j = 0; j < c.repeat; j++, res += c.size) {
      Value v = unpack_item(self->layout, c, res);
      if (!v) {
        decref(result);
        return Value();
      }
      tuple_items(result)[k++] = v;
    }
  }
  return result;
}

// -- Buffers ----------------------------------------------------------------------------------

// A readable buffer argument ("y*"), with getargs' message.
bool read_buffer(Value v, BytesView* view) {
  int r = get_bytes_like(v, view);
  if (r > 0) return true;
  if (r == 0) raise(TypeError, "a bytes-like object is required, not '%s'", type_name(v));
  return false;
}

bool write_buffer(Value v, BytesView* view) {
  int r = get_bytes_like(v, view);
  if (r > 0 && view->writable) return true;
  if (r >= 0) {
    raise(TypeError, "argument must be read-write bytes-like object, not %s", type_name(v));
  }
  return false;
}

// -- Struct ------------------------------------------------------------------------------------

StructObject* as_struct(Value v) { return v.as<StructObject>(); }

// A Struct whose __init__ never ran cannot pack or unpack anything (CPython's checks of
// the item count and size reject most uses first; this guards the rest).
bool check_ready(StructObject* s) {
  if (s->codes) return true;
  struct_error("bad char in struct format");
  return false;
}

Value struct_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  StructObject* s = reinterpret_cast<StructObject*>(o);
  // Before __init__ (a subclass that does not call it): CPython's "-1 items" state.
  s->size = -1;
  s->len = -1;
  s->format = bytes_from(std::string_view());
  if (has_flag(type, TF_HAVE_GC)) gc_track(o);
  return Value::from(o);
}

int struct_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"format"};
  static const ArgSpec spec{"Struct", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return -1;
  Ref fmt(format_as_bytes(a[0]));
  if (!fmt) return -1;
  return prepare_struct(as_struct(self), *fmt);
}

void struct_dealloc(Object* o) {
  StructObject* s = reinterpret_cast<StructObject*>(o);
  mem_free(s->codes);
  s->codes = nullptr;
  clear_ref(&s->format);
  free_object(o);
}

// A compiled Struct for a module function's format argument (cached, borrowed from the
// cache only while the call runs: a new reference is returned).
Value g_cache;
constexpr int64_t kMaxCache = 100;

Value cached_struct(Value fmt) {
  if (!g_cache) {
    g_cache = dict_new();
    if (!g_cache) return Value();
  }
  Value s = (is_str(fmt) || is_bytes(fmt)) ? dict_get(g_cache, fmt) : Value();
  if (s) return newref(s);
  if (error_occurred()) return Value();
  Value arg = fmt;
  Ref obj(call(Value::from(&StructType), &arg, 1));
  if (!obj) return Value();
  if (dict_size(g_cache) >= kMaxCache) dict_clear(g_cache);
  if (dict_set(g_cache, fmt, *obj) < 0) return Value();
  return obj.release();
}

Value do_pack(StructObject* s, const Value* args, size_t nargs) {
  if (int64_t(nargs) != s->len) {
    return struct_error("pack expected %lld items for packing (got %zu)", (long long)s->len, nargs);
  }
  if (s->size <= 64) {
    // Small results: packed on the stack (bytes_from shares the one-byte objects).
    uint8_t buf[64];
    if (pack_internal(s, args, buf) < 0) return Value();
    return bytes_from(std::string_view(reinterpret_cast<char*>(buf), size_t(s->size)));
  }
  Value out = Value::from(alloc_object(&BytesType, sizeof(BytesObject) + size_t(s->size) + 1));
  if (!out) return Value();
  out.as<BytesObject>()->size = s->size;
  out.as<BytesObject>()->hash = -1;
  if (pack_internal(s, args, bytes_data(out)) < 0) {
    decref(out);
    return Value();
  }
  return out;
}

Value do_pack_into(StructObject* s, const Value* args, size_t nargs) {
  if (int64_t(nargs) != s->len + 2) {
    if (nargs == 0) return struct_error("pack_into expected buffer argument");
    if (nargs == 1) return struct_error("pack_into expected offset argument");
    return struct_error("pack_into expected %lld items for packing (got %zu)", (long long)s->len,
                        nargs - 2);
  }
  if (!check_ready(s)) return Value();
  BytesView view;
  if (!write_buffer(args[0], &view)) return Value();
  int64_t offset = as_ssize(args[1], IndexError);
  if (offset == -1 && error_occurred()) return Value();
  if (offset < 0) {
    if (offset + s->size > 0) {
      return struct_error("no space to pack %lld bytes at offset %lld", (long long)s->size,
                          (long long)offset);
    }
    if (offset + view.size < 0) {
      return struct_error("offset %lld out of range for %lld-byte buffer", (long long)offset,
                          (long long)view.size);
    }
    offset += view.size;
  }
  if (view.size - offset < s->size) {
    return struct_error(
        "pack_into requires a buffer of at least %llu bytes for packing %lld bytes at offset "
        "%lld (actual buffer size is %lld)",
        (unsigned long long)(s->size + offset), (long long)s->size, (long long)offset,
        (long long)view.size);
  }
  if (pack_internal(s, args + 2, view.data + offset) < 0) return Value();
  return None();
}

Value do_unpack(StructObject* s, Value buffer) {
  BytesView view;
  if (!read_buffer(buffer, &view)) return Value();
  if (view.size != s->size) {
    return struct_error("unpack requires a buffer of %lld bytes", (long long)s->size);
  }
  return unpack_internal(s, view.data);
}

Value do_unpack_from(StructObject* s, Value buffer, Value offset_obj) {
  if (!check_ready(s)) return Value();
  BytesView view;
  if (!read_buffer(buffer, &view)) return Value();
  int64_t offset = 0;
  if (offset_obj) {
    if (is_float(offset_obj)) {
      return raise(TypeError, "'float' object cannot be interpreted as an integer");
    }
    offset = as_ssize(offset_obj, OverflowError);
    if (offset == -1 && error_occurred()) return Value();
  }
  if (offset < 0) {
    if (offset + s->size > 0) {
      return struct_error("not enough data to unpack %lld bytes at offset %lld",
                          (long long)s->size, (long long)offset);
    }
    if (offset + view.size < 0) {
      return struct_error("offset %lld out of range for %lld-byte buffer", (long long)offset,
                          (long long)view.size);
    }
    offset += view.size;
  }
  if (view.size - offset < s->size) {
    return struct_error(
        "unpack_from requires a buffer of at least %llu bytes for unpacking %lld bytes at "
        "offset %lld (actual buffer size is %lld)",
        (unsigned long long)(s->size + offset), (long long)s->size, (long long)offset,
        (long long)view.size);
  }
  return unpack_internal(s, view.data + offset);
}

// -- unpack_iterator ------------------------------------------------------------------------------

struct UnpackIterObject {
  Object ob;
  Value st;      // the Struct
  Value buffer;  // the exporter, null once exhausted
  int64_t index;
};

Value do_iter_unpack(Value st, Value buffer) {
  StructObject* s = as_struct(st);
  if (!check_ready(s)) return Value();
  if (s->size == 0) return struct_error("cannot iteratively unpack with a struct of length 0");
  BytesView view;
  if (!read_buffer(buffer, &view)) return Value();
  if (view.size % s->size != 0) {
    return struct_error("iterative unpacking requires a buffer of a multiple of %lld bytes",
                        (long long)s->size);
  }
  Object* o = alloc_object(&UnpackIterType, sizeof(UnpackIterObject));
  if (!o) return Value();
  UnpackIterObject* it = reinterpret_cast<UnpackIterObject*>(o);
  it->st = newref(st);
  it->buffer = newref(buffer);
  it->index = 0;
  gc_track(o);
  return Value::from(o);
}

Value unpackiter_next(Value self) {
  UnpackIterObject* it = self.as<UnpackIterObject>();
  if (!it->buffer) return Value();
  StructObject* s = as_struct(it->st);
  BytesView view;
  if (!read_buffer(it->buffer, &view)) return Value();
  if (it->index + s->size > view.size) {
    clear_ref(&it->buffer);
    return Value();
  }
  Value r = unpack_internal(s, view.data + it->index);
  it->index += s->size;
  return r;
}

Value unpackiter_length_hint(Value self, const Value*, size_t, Value) {
  UnpackIterObject* it = self.as<UnpackIterObject>();
  if (!it->buffer) return Value::small(0);
  BytesView view;
  if (!read_buffer(it->buffer, &view)) return Value();
  int64_t left = (view.size - it->index) / as_struct(it->st)->size;
  return Value::small(left < 0 ? 0 : left);
}

Value unpackiter_iter(Value self) { return newref(self); }

Value unpackiter_new(Type*, const Value*, size_t, Value) {
  return raise(TypeError, "cannot create '_struct.unpack_iterator' instances");
}

void unpackiter_traverse(Object* o, VisitFn visit, void* arg) {
  UnpackIterObject* it = reinterpret_cast<UnpackIterObject*>(o);
  visit_value(it->st, visit, arg);
  visit_value(it->buffer, visit, arg);
}

void unpackiter_clear(Object* o) {
  UnpackIterObject* it = reinterpret_cast<UnpackIterObject*>(o);
  clear_ref(&it->st);
  clear_ref(&it->buffer);
}

void unpackiter_dealloc(Object* o) {
  gc_untrack(o);
  unpackiter_clear(o);
  free_object(o);
}

// -- Struct methods -------------------------------------------------------------------------------

Value s_pack(Value self, const Value* args, size_t nargs, Value) {
  return do_pack(as_struct(self), args, nargs);
}
Value s_pack_into(Value self, const Value* args, size_t nargs, Value) {
  return do_pack_into(as_struct(self), args, nargs);
}
Value s_unpack(Value self, const Value* args, size_t, Value) {
  return do_unpack(as_struct(self), args[0]);
}
Value s_unpack_from(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"buffer", "offset"};
  static const ArgSpec spec{"unpack_from", names, 2, 0, 1, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  return do_unpack_from(as_struct(self), a[0], a[1]);
}
Value s_iter_unpack(Value self, const Value* args, size_t, Value) {
  return do_iter_unpack(self, args[0]);
}
Value s_sizeof(Value self, const Value*, size_t, Value) {
  StructObject* s = as_struct(self);
  return int_from_i64(int64_t(type_of(self)->basicsize) + s->ncodes * int64_t(sizeof(Code)));
}
Value s_get_format(Value self) {
  StructObject* s = as_struct(self);
  return text::decode(reinterpret_cast<const char*>(bytes_data(s->format)), bytes_size(s->format),
                      "utf-8", "strict");
}
Value s_get_size(Value self) { return int_from_i64(as_struct(self)->size); }

const MethodDef kStructMethods[] = {
    {"iter_unpack", s_iter_unpack, METH_O,
     "Return an iterator yielding tuples.\n\nTuples are unpacked from the given bytes source, "
     "like a repeated invocation of unpack_from().\n\nRequires that the bytes length be a "
     "multiple of the struct size."},
    {"pack", s_pack, METH_FASTCALL,
     "S.pack(v1, v2, ...) -> bytes\n\nReturn a bytes object containing values v1, v2, ... "
     "packed according\nto the format string S.format.  See help(struct) for more on format\n"
     "strings."},
    {"pack_into", s_pack_into, METH_FASTCALL,
     "S.pack_into(buffer, offset, v1, v2, ...)\n\nPack the values v1, v2, ... according to "
     "the format string S.format\nand write the packed bytes into the writable buffer buf "
     "starting at\noffset.  Note that the offset is a required argument.  See\nhelp(struct) "
     "for more on format strings."},
    {"unpack", s_unpack, METH_O,
     "Return a tuple containing unpacked values.\n\nUnpack according to the format string "
     "Struct.format. The buffer's size\nin bytes must be Struct.size.\n\nSee help(struct) for "
     "more on format strings."},
    {"unpack_from", s_unpack_from, METH_FASTCALL | METH_KEYWORDS,
     "Return a tuple containing unpacked values.\n\nValues are unpacked according to the "
     "format string Struct.format.\n\nThe buffer's size in bytes, starting at position "
     "offset, must be\nat least Struct.size.\n\nSee help(struct) for more on format strings."},
    {"__sizeof__", s_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kStructGetSet[] = {
    {"format", s_get_format, nullptr, "struct format string"},
    {"size", s_get_size, nullptr, "struct size in bytes"},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef kUnpackIterMethods[] = {
    {"__length_hint__", unpackiter_length_hint, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- Module functions ---------------------------------------------------------------------------

Value mod_pack(Value, const Value* args, size_t nargs, Value) {
  if (nargs == 0) return raise(TypeError, "missing format argument");
  Ref s(cached_struct(args[0]));
  if (!s) return Value();
  return do_pack(as_struct(*s), args + 1, nargs - 1);
}

Value mod_pack_into(Value, const Value* args, size_t nargs, Value) {
  if (nargs == 0) return raise(TypeError, "missing format argument");
  Ref s(cached_struct(args[0]));
  if (!s) return Value();
  return do_pack_into(as_struct(*s), args + 1, nargs - 1);
}

Value mod_unpack(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("unpack", nargs, 2, 2)) return Value();
  Ref s(cached_struct(args[0]));
  if (!s) return Value();
  return do_unpack(as_struct(*s), args[1]);
}

Value mod_unpack_from(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"format", "buffer", "offset"};
  static const ArgSpec spec{"unpack_from", names, 3, 1, 2, 3};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Ref s(cached_struct(a[0]));
  if (!s) return Value();
  return do_unpack_from(as_struct(*s), a[1], a[2]);
}

Value mod_iter_unpack(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("iter_unpack", nargs, 2, 2)) return Value();
  Ref s(cached_struct(args[0]));
  if (!s) return Value();
  return do_iter_unpack(*s, args[1]);
}

Value mod_calcsize(Value, const Value* args, size_t, Value) {
  Ref s(cached_struct(args[0]));
  if (!s) return Value();
  return int_from_i64(as_struct(*s)->size);
}

Value mod_clearcache(Value, const Value*, size_t, Value) {
  if (g_cache) dict_clear(g_cache);
  return None();
}

const MethodDef kStructModuleMethods[] = {
    {"_clearcache", mod_clearcache, METH_NOARGS, "Clear the internal cache."},
    {"calcsize", mod_calcsize, METH_O, "Return size in bytes of the struct described by the format string."},
    {"iter_unpack", mod_iter_unpack, METH_FASTCALL,
     "Return an iterator yielding tuples unpacked from the given bytes.\n\nThe bytes are "
     "unpacked according to the format string, like\na repeated invocation of unpack_from()."
     "\n\nRequires that the bytes length be a multiple of the format struct size."},
    {"pack", mod_pack, METH_FASTCALL,
     "pack(format, v1, v2, ...) -> bytes\n\nReturn a bytes object containing the values v1, "
     "v2, ... packed according\nto the format string.  See help(struct) for more on format "
     "strings."},
    {"pack_into", mod_pack_into, METH_FASTCALL,
     "pack_into(format, buffer, offset, v1, v2, ...)\n\nPack the values v1, v2, ... according "
     "to the format string and write\nthe packed bytes into the writable buffer buf starting "
     "at offset.  Note\nthat the offset is a required argument.  See help(struct) for more\n"
     "on format strings."},
    {"unpack", mod_unpack, METH_FASTCALL,
     "Return a tuple containing values unpacked according to the format string.\n\nThe "
     "buffer's size in bytes must be calcsize(format).\n\nSee help(struct) for more on format "
     "strings."},
    {"unpack_from", mod_unpack_from, METH_FASTCALL | METH_KEYWORDS,
     "Return a tuple containing values unpacked according to the format string.\n\nThe "
     "buffer's size, minus offset, must be at least calcsize(format).\n\nSee help(struct) for "
     "more on format strings."},
    {nullptr, nullptr, 0, nullptr},
};

Type StructType = {
    .ob = {kImmortal, &TypeType},
    .name = "_struct.Struct",
    .flags = TF_BASETYPE,
    .basicsize = sizeof(StructObject),
    .weaklistoffset = offsetof(StructObject, weakreflist),
    .dealloc = struct_dealloc,
    .new_ = struct_new,
    .init = struct_init,
    .methods = kStructMethods,
    .getset = kStructGetSet,
    .doc = "Struct(format)\n--\n\nCreate a compiled struct object.\n\nReturn a new Struct object "
           "which writes and reads binary data according to\nthe format string.\n\nSee "
           "help(struct) for more on format strings.",
};

Type UnpackIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "_struct.unpack_iterator",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(UnpackIterObject),
    .dealloc = unpackiter_dealloc,
    .traverse = unpackiter_traverse,
    .clear = unpackiter_clear,
    .iter = unpackiter_iter,
    .iternext = unpackiter_next,
    .new_ = unpackiter_new,
    .methods = kUnpackIterMethods,
};

int struct_module_init(Value module) {
  static bool ready = false;
  if (!ready) {
    if (type_ready(&StructType) < 0 || type_ready(&UnpackIterType) < 0) return -1;
    ready = true;
  }
  Value d = module_dict(module);
  if (!g_struct_error) {
    // struct.error, as PyErr_NewException("struct.error", NULL, NULL) makes it.
    Ref name(str_from_ascii("error"));
    Ref bases(tuple_pack({Value::from(Exception)}));
    Ref ns(dict_new());
    Ref modname(str_from_ascii("struct"));
    if (!name || !bases || !ns || !modname || dict_set_cstr(*ns, "__module__", *modname) < 0) {
      return -1;
    }
    g_struct_error = type_new(&TypeType, *name, *bases, *ns, Value());
    if (!g_struct_error) return -1;
  }
  if (dict_set_cstr(d, "error", g_struct_error) < 0 ||
      dict_set_cstr(d, "Struct", Value::from(&StructType)) < 0)
    return -1;
  return 0;
}

}  // namespace

extern const BuiltinModuleDef struct_module_def;
const BuiltinModuleDef struct_module_def = {
    "_struct", struct_module_init, kStructModuleMethods,
    "Functions to convert between Python values and C structs.\nPython bytes objects are used "
    "to hold the data representing the C struct\nand also as format strings (explained below) "
    "to describe the layout of data\nin the C struct.\n"};

}  // namespace strata
