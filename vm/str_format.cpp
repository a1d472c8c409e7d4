// vm/str_format.cpp — text formatting: printf-style formatting of C data into a str
// (str_format_c, what raise() builds messages with), the % operator of str and bytes,
// str.format / str.format_map (fields, conversions, nested specs), and str.__format__'s
// part of the format-spec mini-language. Numbers' own __format__ lives with the numbers.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

using namespace text;

// -- str_format_c ------------------------------------------------------------------------------

// Appends a Value's text cut to `prec` code points (prec < 0: all of it).
static void append_limited(StrBuilder& b, Value s, int64_t prec) {
  int64_t n = str_length(s);
  if (prec >= 0 && prec < n) n = prec;
  b.append_substr(s, 0, n);
}

static void append_padded_ascii(StrBuilder& b, const char* digits, int64_t width, bool left,
                                bool zero) {
  int64_t n = int64_t(strlen(digits));
  if (!left && n < width) {
    if (zero && (digits[0] == '-')) {
      b.append('-');
      b.append_repeat('0', width - n);
      b.append_ascii(digits + 1);
      return;
    }
    b.append_repeat(zero ? '0' : ' ', width - n);
  }
  b.append_ascii(digits);
  if (left && n < width) b.append_repeat(' ', width - n);
}

Value str_vformat_c(const char* fmt, va_list ap) {
  StrBuilder b;
  for (const char* p = fmt; *p;) {
    if (*p != '%') {
      const char* q = p;
      while (*q && *q != '%') q++;
      b.append_utf8(std::string_view(p, size_t(q - p)));
      p = q;
      continue;
    }
    const char* start = p++;
    bool left = false, zero = false;
    while (*p == '-' || *p == '0') {
      if (*p == '-') left = true;
      else zero = true;
      p++;
    }
    int64_t width = -1, prec = -1;
    if (*p >= '0' && *p <= '9') {
      width = 0;
      while (*p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
    }
    if (*p == '.') {
      p++;
      prec = 0;
      while (*p >= '0' && *p <= '9') prec = prec * 10 + (*p++ - '0');
    }
    int longs = 0;
    bool size_t_arg = false;
    while (*p == 'l') {
      longs++;
      p++;
    }
    if (*p == 'z') {
      size_t_arg = true;
      p++;
    }
    char buf[64];
    switch (*p) {
      case 'd':
      case 'i': {
        long long v = size_t_arg ? (long long)va_arg(ap, ptrdiff_t)
                      : longs == 2 ? va_arg(ap, long long)
                      : longs == 1 ? va_arg(ap, long)
                                   : va_arg(ap, int);
        snprintf(buf, sizeof buf, "%lld", v);
        append_padded_ascii(b, buf, width, left, zero);
        break;
      }
      case 'u':
      case 'x':
      case 'X': {
        unsigned long long v = size_t_arg ? (unsigned long long)va_arg(ap, size_t)
                               : longs == 2 ? va_arg(ap, unsigned long long)
                               : longs == 1 ? va_arg(ap, unsigned long)
                                            : va_arg(ap, unsigned);
        snprintf(buf, sizeof buf, *p == 'u' ? "%llu" : *p == 'x' ? "%llx" : "%llX", v);
        append_padded_ascii(b, buf, width, left, zero);
        break;
      }
      case 'c': b.append(uint32_t(va_arg(ap, int))); break;
      case 'p':
        snprintf(buf, sizeof buf, "%p", va_arg(ap, void*));
        b.append_ascii(buf);
        break;
      case '%': b.append('%'); break;
      case 's': {
        const char* s = va_arg(ap, const char*);
        if (!s) s = "(null)";
        size_t n = strlen(s);
        if (prec >= 0 && size_t(prec) < n) {
          n = size_t(prec);
          // Never cut a UTF-8 sequence in two.
          while (n > 0 && (uint8_t(s[n]) & 0xC0) == 0x80) n--;
        }
        StrBuilder piece;
        piece.append_utf8(std::string_view(s, n));
        int64_t len = piece.length();
        if (!left && width > len) b.append_repeat(' ', width - len);
        for (int64_t i = 0; i < len; i++) b.append(piece.at(i));
        if (left && width > len) b.append_repeat(' ', width - len);
        break;
      }
      case 'R':
      case 'S':
      case 'A':
      case 'U':
      case 'T': {
        Value v = va_arg(ap, Value);
        if (*p == 'T') {
          b.append_utf8(type_of(v)->name);
          break;
        }
        Ref s;
        if (*p == 'U') s.reset(newref(v));
        else if (*p == 'R') s.reset(repr(v));
        else if (*p == 'S') s.reset(str(v));
        else s.reset(ascii(v));
        if (!s) return Value();
        int64_t len = str_length(*s);
        if (prec >= 0 && len > prec) len = prec;
        if (!left && width > len) b.append_repeat(' ', width - len);
        append_limited(b, *s, prec);
        if (left && width > len) b.append_repeat(' ', width - len);
        break;
      }
      default:
        // Not a directive we know: copy it as text (as PyUnicode_FromFormat does).
        b.append_utf8(std::string_view(start, size_t(p - start) + (*p ? 1 : 0)));
        break;
    }
    if (*p) p++;
  }
  return b.finish();
}

Value str_format_c(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Value r = str_vformat_c(fmt, ap);
  va_end(ap);
  return r;
}

// -- The % operator ---------------------------------------------------------------------------

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

// PyNumber_Check: what %d accepts.
static bool number_check(Value v) {
  if (is_int(v) || is_float(v)) return true;
  Type* t = type_of(v);
  return t->nb_index || t->nb_int || t->nb_float || is_instance_of(v, &ComplexType);
}

// Appends `body` (ASCII digits without sign) with sign, prefix and padding as %-format does.
static void append_number(StrBuilder& b, bool negative, const std::string& prefix,
                          const std::string& body, int flags, int64_t width) {
  char sign = negative ? '-' : (flags & F_SIGN) ? '+' : (flags & F_BLANK) ? ' ' : 0;
  int64_t len = int64_t(body.size() + prefix.size()) + (sign ? 1 : 0);
  int64_t padn = width > len ? width - len : 0;
  if (!(flags & F_LJUST) && !(flags & F_ZERO)) b.append_repeat(' ', padn);
  if (sign) b.append(uint32_t(sign));
  b.append_ascii(prefix);
  if (!(flags & F_LJUST) && (flags & F_ZERO)) b.append_repeat('0', padn);
  b.append_ascii(body);
  if (flags & F_LJUST) b.append_repeat(' ', padn);
}

// %d %i %u %o %x %X of an int value (already converted).
static bool format_int(StrBuilder& b, Value v, uint32_t type, int flags, int64_t width,
                       int64_t prec) {
  bool neg = int_sign(v) < 0;
  std::string body;
  if (type == 'd' || type == 'i' || type == 'u') {
    body = int_to_decimal(v);
    if (neg) body.erase(0, 1);
  } else {
    Ref t(int_to_base(v, type == 'o' ? 8 : 16));
    if (!t) return false;
    std::string_view sv = str_utf8(*t);
    size_t skip = (neg ? 1 : 0) + 2;  // "-0x" / "0o"
    body = std::string(sv.substr(skip));
    if (type == 'X')
      for (char& c : body) c = char(toupper(uint8_t(c)));
  }
  if (prec > int64_t(body.size())) body.insert(0, size_t(prec) - body.size(), '0');
  std::string prefix;
  if ((flags & F_ALT) && type != 'd' && type != 'i' && type != 'u')
    prefix = type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
  append_number(b, neg, prefix, body, flags, width);
  return true;
}

static bool format_float(StrBuilder& b, double d, uint32_t type, int flags, int64_t width,
                         int64_t prec) {
  if (prec < 0) prec = 6;
  if (prec > 100000000) {
    raise(ValueError, "precision too big");
    return false;
  }
  std::string cfmt = "%";
  if (flags & F_LJUST) cfmt += '-';
  if (flags & F_SIGN) cfmt += '+';
  if (flags & F_BLANK) cfmt += ' ';
  if (flags & F_ALT) cfmt += '#';
  if (flags & F_ZERO) cfmt += '0';
  cfmt += "*.*";
  cfmt += char(type);
  int w = width > 100000000 ? 100000000 : int(width < 0 ? 0 : width);
  int n = snprintf(nullptr, 0, cfmt.c_str(), w, int(prec), d);
  std::string out(size_t(n) + 1, '\0');
  snprintf(out.data(), out.size(), cfmt.c_str(), w, int(prec), d);
  out.resize(size_t(n));
  b.append_ascii(out);
  return true;
}

// The engine behind str % args and bytes % args. The format's code points come from `fmt`
// (a str, or for bytes a str of the same byte values); output goes to a builder whose
// code points are bytes when `bytes_mode`.
static Value percent_format(Value fmt, Value args, bool bytes_mode) {
  int64_t n = str_length(fmt);
  int64_t arglen = -1, argidx = -2;
  if (is_tuple(args)) {
    arglen = tuple_size(args);
    argidx = 0;
  }
  Value dict;
  if (!is_tuple(args) && !is_str(args) && type_of(args)->getitem &&
      !(bytes_mode && (is_bytes(args) || is_instance_of(args, &ByteArrayType))))
    dict = args;
  Value cur_args = args;  // replaced by a mapping value after %(key)
  Ref owned_arg;
  auto next_arg = [&]() -> Value {
    if (argidx < arglen) {
      argidx++;
      if (arglen < 0) return cur_args;
      return tuple_item(cur_args, argidx - 1);
    }
    raise(TypeError, "not enough arguments for format string");
    return Value();
  };
  StrBuilder b;
  b.reserve(n + 16);
  int64_t i = 0;
  while (i < n) {
    uint32_t c = str_char(fmt, i);
    if (c != '%') {
      int64_t j = i;
      while (j < n && str_char(fmt, j) != '%') j++;
      b.append_substr(fmt, i, j);
      i = j;
      continue;
    }
    i++;
    if (i < n && str_char(fmt, i) == '(') {
      if (!dict) return raise(TypeError, "format requires a mapping");
      int64_t depth = 1, kstart = ++i;
      while (i < n && depth > 0) {
        uint32_t k = str_char(fmt, i);
        if (k == ')') depth--;
        else if (k == '(') depth++;
        i++;
      }
      if (depth > 0) return raise(ValueError, "incomplete format key");
      Ref key(str_substring(fmt, kstart, i - 1));
      if (!key) return Value();
      if (bytes_mode) {
        std::string raw;
        for (int64_t k = 0; k < str_length(*key); k++) raw += char(str_char(*key, k));
        key.reset(bytes_from(raw));
        if (!key) return Value();
      }
      owned_arg.reset(getitem(dict, *key));
      if (!owned_arg) return Value();
      cur_args = *owned_arg;
      arglen = -1;
      argidx = -2;
    }
    int flags = 0;
    for (; i < n; i++) {
      uint32_t f = str_char(fmt, i);
      if (f == '-') flags |= F_LJUST;
      else if (f == '+') flags |= F_SIGN;
      else if (f == ' ') flags |= F_BLANK;
      else if (f == '#') flags |= F_ALT;
      else if (f == '0') flags |= F_ZERO;
      else break;
    }
    int64_t width = -1, prec = -1;
    if (i < n && str_char(fmt, i) == '*') {
      Value v = next_arg();
      if (!v) return Value();
      if (!is_int(v)) return raise(TypeError, "* wants int");
      if (!int_to_i64(v, &width) || width > INT32_MAX || width < -INT32_MAX)
        return raise(OverflowError, "Python int too large to convert to C int");
      if (width < 0) {
        flags |= F_LJUST;
        width = -width;
      }
      i++;
    } else {
      while (i < n && str_char(fmt, i) >= '0' && str_char(fmt, i) <= '9') {
        if (width < 0) width = 0;
        width = width * 10 + (str_char(fmt, i) - '0');
        if (width > INT32_MAX / 10) return raise(ValueError, "width too big");
        i++;
      }
    }
    if (i < n && str_char(fmt, i) == '.') {
      i++;
      prec = 0;
      if (i < n && str_char(fmt, i) == '*') {
        Value v = next_arg();
        if (!v) return Value();
        if (!is_int(v)) return raise(TypeError, "* wants int");
        if (!int_to_i64(v, &prec) || prec > INT32_MAX || prec < -INT32_MAX)
          return raise(OverflowError, "Python int too large to convert to C int");
        if (prec < 0) prec = 0;
        i++;
      } else {
        while (i < n && str_char(fmt, i) >= '0' && str_char(fmt, i) <= '9') {
          prec = prec * 10 + (str_char(fmt, i) - '0');
          if (prec > INT32_MAX / 10) return raise(ValueError, "precision too big");
          i++;
        }
      }
    }
    // Length modifiers are accepted and ignored.
    while (i < n && (str_char(fmt, i) == 'h' || str_char(fmt, i) == 'l' || str_char(fmt, i) == 'L'))
      i++;
    if (i >= n) return raise(ValueError, "incomplete format");
    uint32_t type = str_char(fmt, i++);
    if (type == '%') {
      b.append('%');
      continue;
    }
    Value v = next_arg();
    if (!v) return Value();
    switch (type) {
      case 's':
      case 'r':
      case 'a':
      case 'b': {
        Ref s;
        if (bytes_mode) {
          Ref raw;
          if (type == 'r' || type == 'a') {
            Ref a(ascii(v));
            if (!a) return Value();
            raw.reset(newref(*a));
            // ascii() text is pure ASCII: its code points are the bytes.
            s.reset(raw.release());
          } else if (is_bytes(v)) {
            s.reset(str_from_kind_data(1, bytes_data(v), bytes_size(v)));
          } else if (is_instance_of(v, &ByteArrayType)) {
            ByteArrayObject* ba = v.as<ByteArrayObject>();
            s.reset(str_from_kind_data(1, ba->data, ba->size));
          } else {
            Value meth = lookup_special(v, STRATA_NAME(__bytes__));
            if (!meth)
              return raise(TypeError,
                           "%%b requires a bytes-like object, or an object that implements "
                           "__bytes__, not '%T'",
                           v);
            Ref r(call1(meth, v));
            if (!r) return Value();
            if (!is_bytes(*r))
              return raise(TypeError, "__bytes__ returned non-bytes (type %T)", *r);
            s.reset(str_from_kind_data(1, bytes_data(*r), bytes_size(*r)));
          }
        } else if (type == 'b') {
          return raise(ValueError, "unsupported format character 'b' (0x62) at index %zd",
                       i - 1);
        } else {
          s.reset(type == 's' ? str(v) : type == 'r' ? repr(v) : ascii(v));
        }
        if (!s) return Value();
        int64_t len = str_length(*s);
        if (prec >= 0 && len > prec) len = prec;
        if (!(flags & F_LJUST) && width > len) b.append_repeat(' ', width - len);
        b.append_substr(*s, 0, len);
        if ((flags & F_LJUST) && width > len) b.append_repeat(' ', width - len);
        break;
      }
      case 'd':
      case 'i':
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        Ref iv;
        if (is_int(v)) {
          iv.reset(newref(v));
        } else if (type == 'o' || type == 'x' || type == 'X') {
          if (!has_index(v))
            return raise(TypeError, "%%%c format: an integer is required, not %T", int(type), v);
          iv.reset(number_index(v));
        } else {
          if (!number_check(v))
            return raise(TypeError, "%%%c format: a real number is required, not %T",
                         int(type), v);
          iv.reset(number_int(v));
        }
        if (!iv) return Value();
        if (!format_int(b, *iv, type, flags, width, prec)) return Value();
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        double d = as_double(v);
        if (d == -1.0 && error_occurred()) return Value();
        if (!format_float(b, d, type, flags, width, prec)) return Value();
        break;
      }
      case 'c': {
        uint32_t ch;
        if (bytes_mode) {
          if (is_bytes(v) && bytes_size(v) == 1) {
            ch = bytes_data(v)[0];
          } else if (is_instance_of(v, &ByteArrayType) && v.as<ByteArrayObject>()->size == 1) {
            ch = v.as<ByteArrayObject>()->data[0];
          } else if (has_index(v)) {
            Ref iv(number_index(v));
            if (!iv) return Value();
            int64_t x;
            if (!int_to_i64(*iv, &x) || x < 0 || x > 255)
              return raise(OverflowError, "%%c arg not in range(256)");
            ch = uint32_t(x);
          } else {
            return raise(TypeError, "%%c requires an integer in range(256) or a single byte");
          }
        } else if (is_str(v)) {
          if (str_length(v) != 1) return raise(TypeError, "%%c requires int or char");
          ch = str_char(v, 0);
        } else if (is_int(v)) {
          int64_t x;
          if (!int_to_i64(v, &x) || x < 0 || x > 0x10FFFF)
            return raise(OverflowError, "%%c arg not in range(0x110000)");
          ch = uint32_t(x);
        } else {
          return raise(TypeError, "%%c requires int or char");
        }
        int64_t padn = width > 1 ? width - 1 : 0;
        if (!(flags & F_LJUST)) b.append_repeat(' ', padn);
        b.append(ch);
        if (flags & F_LJUST) b.append_repeat(' ', padn);
        break;
      }
      default: {
        char shown[8];
        if (type >= 32 && type < 127) snprintf(shown, sizeof shown, "%c", int(type));
        else snprintf(shown, sizeof shown, "?");
        return raise(ValueError, "unsupported format character '%s' (0x%x) at index %zd",
                     shown, unsigned(type), i - 1);
      }
    }
  }
  if (argidx < arglen && !dict)
    return raise(TypeError, bytes_mode ? "not all arguments converted during bytes formatting"
                                       : "not all arguments converted during string formatting");
  return b.finish();
}

Value text::str_mod(Value fmt, Value args) { return percent_format(fmt, args, false); }

Value text::bytes_mod(Value fmt, Value args, bool bytearray_result) {
  const uint8_t* d;
  int64_t n;
  if (is_bytes(fmt)) {
    d = bytes_data(fmt);
    n = bytes_size(fmt);
  } else {
    d = fmt.as<ByteArrayObject>()->data;
    n = fmt.as<ByteArrayObject>()->size;
  }
  Ref f(str_from_kind_data(1, d, n));
  if (!f) return Value();
  Ref r(percent_format(*f, args, true));
  if (!r) return Value();
  std::string out;
  out.reserve(size_t(str_length(*r)));
  for (int64_t i = 0; i < str_length(*r); i++) {
    uint32_t c = str_char(*r, i);
    if (c > 255) return raise(ValueError, "bytes formatting produced a non-byte");
    out += char(c);
  }
  return bytearray_result ? bytearray_from(out) : bytes_from(out);
}

// -- The format-spec mini-language for str ----------------------------------------------------

struct StrSpec {
  uint32_t fill = ' ';
  uint32_t align = 0;
  uint32_t sign = 0;
  bool no_neg_0 = false, alt = false;
  int64_t width = -1;
  uint32_t grouping = 0;
  int64_t precision = -1;
  uint32_t type = 0;
};

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

// Parses spec as CPython's parse_internal_render_format_spec for a str (default type 's').
static bool parse_spec(Value spec, StrSpec* f, const char* tname) {
  int64_t n = str_length(spec), i = 0;
  auto at = [&](int64_t k) { return str_char(spec, k); };
  bool fill_given = false, align_given = false;
  if (n - i >= 2 && is_align(at(i + 1))) {
    f->fill = at(i);
    f->align = at(i + 1);
    fill_given = align_given = true;
    i += 2;
  } else if (n - i >= 1 && is_align(at(i))) {
    f->align = at(i);
    align_given = true;
    i++;
  }
  if (i < n && (at(i) == '+' || at(i) == '-' || at(i) == ' ')) f->sign = at(i++);
  if (i < n && at(i) == 'z') {
    f->no_neg_0 = true;
    i++;
  }
  if (i < n && at(i) == '#') {
    f->alt = true;
    i++;
  }
  if (!fill_given && i < n && at(i) == '0') {
    f->fill = '0';
    (void)align_given;
    i++;
  }
  auto digits = [&](int64_t* out) -> int {  // -1 on overflow, else the number of digits
    int count = 0;
    int64_t v = 0;
    while (i < n && at(i) >= '0' && at(i) <= '9') {
      if (v > (INT64_MAX - 9) / 10) {
        raise(ValueError, "Too many decimal digits in format string");
        return -1;
      }
      v = v * 10 + (at(i) - '0');
      i++;
      count++;
    }
    if (count) *out = v;
    return count;
  };
  if (digits(&f->width) < 0) return false;
  if (i < n && at(i) == ',') {
    f->grouping = ',';
    i++;
  }
  if (i < n && at(i) == '_') {
    if (f->grouping) {
      raise(ValueError, "Cannot specify both ',' and '_'.");
      return false;
    }
    f->grouping = '_';
    i++;
  }
  if (i < n && at(i) == ',') {
    raise(ValueError, "Cannot specify both ',' and '_'.");
    return false;
  }
  if (i < n && at(i) == '.') {
    i++;
    int k = digits(&f->precision);
    if (k < 0) return false;
    if (k == 0) {
      raise(ValueError, "Format specifier missing precision");
      return false;
    }
  }
  if (n - i > 1) {
    raise(ValueError, "Invalid format specifier '%U' for object of type '%s'", spec, tname);
    return false;
  }
  f->type = i < n ? at(i) : 's';
  if (f->grouping) {
    switch (f->type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F':
      case 0:
        break;
      default:
        if (f->type >= 32 && f->type < 128)
          raise(ValueError, "Cannot specify '%c' with '%c'.", int(f->grouping), int(f->type));
        else
          raise(ValueError, "Cannot specify '%c' with '\\x%x'.", int(f->grouping),
                unsigned(f->type));
        return false;
    }
  }
  return true;
}

Value text::str_format_spec(Value s, Value spec) {
  if (str_length(spec) == 0) return str(s);
  StrSpec f;
  if (!parse_spec(spec, &f, type_of(s)->name)) return Value();
  if (f.type != 's') {
    if (f.type >= 32 && f.type < 128)
      return raise(ValueError, "Unknown format code '%c' for object of type '%s'", int(f.type),
                   type_of(s)->name);
    return raise(ValueError, "Unknown format code '\\x%x' for object of type '%s'",
                 unsigned(f.type), type_of(s)->name);
  }
  if (f.sign) {
    if (f.sign == ' ') return raise(ValueError, "Space not allowed in string format specifier");
    return raise(ValueError, "Sign not allowed in string format specifier");
  }
  if (f.no_neg_0)
    return raise(ValueError, "Negative zero coercion (z) not allowed in string format specifier");
  if (f.alt) return raise(ValueError, "Alternate form (#) not allowed in string format specifier");
  if (f.align == '=')
    return raise(ValueError, "'=' alignment not allowed in string format specifier");
  int64_t len = str_length(s);
  if (f.precision >= 0 && len > f.precision) len = f.precision;
  int64_t total = f.width > len ? f.width : len;
  int64_t padn = total - len, left = 0;
  uint32_t align = f.align ? f.align : '<';
  if (align == '>') left = padn;
  else if (align == '^') left = padn / 2;
  StrBuilder b;
  b.reserve(total);
  b.append_repeat(f.fill, left);
  b.append_substr(s, 0, len);
  b.append_repeat(f.fill, padn - left);
  return b.finish();
}

Value text::str_dunder_format(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value spec = args[0];
  if (!is_str(spec))
    return raise(TypeError, "__format__() argument must be str, not %T", spec);
  return str_format_spec(self, spec);
}

// -- str.format ---------------------------------------------------------------------------------

namespace {

struct FormatState {
  const Value* args;
  int64_t nargs;
  Value kwargs;   // a dict of keyword arguments (format) or the mapping (format_map), or null
  bool mapping;   // kwargs is a general mapping (format_map)
  int auto_state = 0;  // 0 unknown, 1 automatic numbering, 2 manual
  int64_t next_auto = 0;
};

bool build(Value fmt, int64_t start, int64_t end, FormatState& st, int depth, StrBuilder& out);

bool all_digits(Value s, int64_t a, int64_t b) {
  if (a >= b) return false;
  for (int64_t i = a; i < b; i++)
    if (str_char(s, i) < '0' || str_char(s, i) > '9') return false;
  return true;
}

// The value of a decimal digit run, -1 with an exception on overflow.
int64_t digits_value(Value s, int64_t a, int64_t b) {
  int64_t v = 0;
  for (int64_t i = a; i < b; i++) {
    if (v > (INT64_MAX - 9) / 10) {
      raise(ValueError, "Too many decimal digits in format string");
      return -1;
    }
    v = v * 10 + (str_char(s, i) - '0');
  }
  return v;
}

// Looks up the object a field name [a, b) of fmt names: first part, then .attr / [key].
Value field_object(Value fmt, int64_t a, int64_t b, FormatState& st) {
  int64_t i = a;
  while (i < b && str_char(fmt, i) != '.' && str_char(fmt, i) != '[') i++;
  Ref obj;
  if (i == a || all_digits(fmt, a, i)) {
    int64_t index;
    if (i == a) {
      if (st.auto_state == 2)
        return raise(ValueError,
                     "cannot switch from manual field specification to automatic field numbering");
      st.auto_state = 1;
      index = st.next_auto++;
    } else {
      index = digits_value(fmt, a, i);
      if (index < 0) return Value();
      if (st.auto_state == 1)
        return raise(ValueError,
                     "cannot switch from automatic field numbering to manual field specification");
      st.auto_state = 2;
    }
    if (st.mapping || index >= st.nargs) {
      if (st.mapping) return raise(ValueError, "Format string contains positional fields");
      return raise(IndexError, "Replacement index %zd out of range for positional args tuple",
                   index);
    }
    obj.reset(newref(st.args[index]));
  } else {
    Ref key(str_substring(fmt, a, i));
    if (!key) return Value();
    if (!st.kwargs) return raise_value(KeyError, *key);
    if (st.mapping) {
      obj.reset(getitem(st.kwargs, *key));
      if (!obj) return Value();
    } else {
      Value v = dict_get(st.kwargs, *key);
      if (!v) {
        if (error_occurred()) return Value();
        return raise_value(KeyError, *key);
      }
      obj.reset(newref(v));
    }
  }
  while (i < b) {
    uint32_t c = str_char(fmt, i++);
    if (c == '.') {
      int64_t s = i;
      while (i < b && str_char(fmt, i) != '.' && str_char(fmt, i) != '[') i++;
      if (i == s) return raise(ValueError, "Empty attribute in format string");
      Ref name(str_substring(fmt, s, i));
      if (!name) return Value();
      obj.reset(getattr(*obj, *name));
      if (!obj) return Value();
    } else if (c == '[') {
      int64_t s = i;
      while (i < b && str_char(fmt, i) != ']') i++;
      if (i >= b) return raise(ValueError, "Missing ']' in format string");
      if (i == s) return raise(ValueError, "Empty attribute in format string");
      Ref key;
      if (all_digits(fmt, s, i)) {
        int64_t k = digits_value(fmt, s, i);
        if (k < 0) return Value();
        key.reset(int_from_i64(k));
      } else {
        key.reset(str_substring(fmt, s, i));
      }
      if (!key) return Value();
      i++;  // past ']'
      if (i < b && str_char(fmt, i) != '.' && str_char(fmt, i) != '[')
        return raise(ValueError, "Only '.' or '[' may follow ']' in format field specifier");
      obj.reset(getitem(*obj, *key));
      if (!obj) return Value();
    } else {
      return raise(ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  return obj.release();
}

// Parses the field after a '{' at *pos (the text up to its '}'), renders it into out.
bool render_field(Value fmt, int64_t* pos, int64_t end, FormatState& st, int depth,
                  StrBuilder& out) {
  int64_t i = *pos;
  int64_t name_start = i;
  uint32_t c = 0;
  bool found = false;
  while (i < end) {
    c = str_char(fmt, i++);
    if (c == '{') {
      raise(ValueError, "unexpected '{' in field name");
      return false;
    }
    if (c == '[') {
      while (i < end && str_char(fmt, i) != ']') i++;
      continue;
    }
    if (c == '}' || c == ':' || c == '!') {
      found = true;
      break;
    }
  }
  int64_t name_end = found ? i - 1 : i;
  uint32_t conversion = 0;
  int64_t spec_start = 0, spec_end = 0;
  bool spec_nested = false;
  if (found && (c == '!' || c == ':')) {
    bool done = false;
    if (c == '!') {
      if (i >= end) {
        raise(ValueError, "end of string while looking for conversion specifier");
        return false;
      }
      conversion = str_char(fmt, i++);
      if (i < end) {
        uint32_t d = str_char(fmt, i++);
        if (d == '}') done = true;
        else if (d != ':') {
          raise(ValueError, "expected ':' after conversion specifier");
          return false;
        }
      }
    }
    if (!done) {
      spec_start = i;
      int count = 1;
      bool closed = false;
      while (i < end) {
        uint32_t d = str_char(fmt, i++);
        if (d == '{') {
          spec_nested = true;
          count++;
        } else if (d == '}') {
          if (--count == 0) {
            spec_end = i - 1;
            closed = true;
            break;
          }
        }
      }
      if (!closed) {
        raise(ValueError, "unmatched '{' in format spec");
        return false;
      }
    }
  } else if (!found) {
    raise(ValueError, "expected '}' before end of string");
    return false;
  }
  *pos = i;
  Ref obj(field_object(fmt, name_start, name_end, st));
  if (!obj) return false;
  if (conversion) {
    switch (conversion) {
      case 'r': obj.reset(repr(*obj)); break;
      case 's': obj.reset(str(*obj)); break;
      case 'a': obj.reset(ascii(*obj)); break;
      default:
        if (conversion > 32 && conversion < 127)
          raise(ValueError, "Unknown conversion specifier %c", int(conversion));
        else
          raise(ValueError, "Unknown conversion specifier \\x%x", unsigned(conversion));
        return false;
    }
    if (!obj) return false;
  }
  Ref spec;
  if (spec_nested) {
    StrBuilder sb;
    if (!build(fmt, spec_start, spec_end, st, depth - 1, sb)) return false;
    spec.reset(sb.finish());
  } else {
    spec.reset(str_substring(fmt, spec_start, spec_end));
  }
  if (!spec) return false;
  Ref r;
  if (is_exact_str(*obj) && str_length(*spec) == 0) r.reset(newref(*obj));
  else r.reset(format(*obj, *spec));
  if (!r) return false;
  out.append_str(*r);
  return true;
}

bool build(Value fmt, int64_t start, int64_t end, FormatState& st, int depth, StrBuilder& out) {
  if (depth <= 0) {
    raise(ValueError, "Max string recursion exceeded");
    return false;
  }
  int64_t i = start;
  while (i < end) {
    int64_t lit = i;
    uint32_t c = 0;
    bool markup = false;
    while (i < end) {
      c = str_char(fmt, i++);
      if (c == '{' || c == '}') {
        markup = true;
        break;
      }
    }
    bool at_end = i >= end;
    int64_t lit_end = i;
    if (markup) {
      if (c == '}' && (at_end || str_char(fmt, i) != '}')) {
        raise(ValueError, "Single '}' encountered in format string");
        return false;
      }
      if (at_end && c == '{') {
        raise(ValueError, "Single '{' encountered in format string");
        return false;
      }
      if (str_char(fmt, i) == c) {  // {{ or }}: one literal brace
        i++;
        markup = false;
      } else {
        lit_end--;
      }
    }
    out.append_substr(fmt, lit, lit_end);
    if (markup && !render_field(fmt, &i, end, st, depth, out)) return false;
  }
  return true;
}

}  // namespace

Value text::str_format_method(Value self, const Value* args, size_t nargs, Value kwnames) {
  Ref kw;
  if (kwnames && tuple_size(kwnames) > 0) {
    kw.reset(dict_new());
    if (!kw) return Value();
    for (int64_t k = 0; k < tuple_size(kwnames); k++)
      if (dict_set(*kw, tuple_item(kwnames, k), args[nargs + size_t(k)]) < 0) return Value();
  }
  FormatState st{args, int64_t(nargs), *kw, false};
  StrBuilder out;
  if (!build(self, 0, str_length(self), st, 2, out)) return Value();
  return out.finish();
}

Value text::str_format_map_method(Value self, const Value* args, size_t nargs, Value kwnames) {
  FormatState st{nullptr, 0, args[0], true};
  StrBuilder out;
  if (!build(self, 0, str_length(self), st, 2, out)) return Value();
  return out.finish();
}

}  // namespace strata
