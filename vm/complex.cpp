// vm/complex.cpp — complex: construction (complex(real, imag), complex("1+2j")),
// arithmetic with ints and floats (Smith's division, CPython's ** with exact small integer
// powers), == / !=, hash, repr/str as CPython prints them, and format().
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "vm/abstract.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

Value complex_new(double real, double imag) {
  Object* o = alloc_object(&ComplexType, sizeof(ComplexObject));
  if (!o) return Value();
  ComplexObject* c = reinterpret_cast<ComplexObject*>(o);
  c->real = real;
  c->imag = imag;
  return Value::from(o);
}

namespace {

struct Cx {
  double r, i;
};

inline bool is_complex(Value v) { return is_instance_of(v, &ComplexType); }
inline Cx cx_of(Value v) { return {v.as<ComplexObject>()->real, v.as<ComplexObject>()->imag}; }

// 1: *out set; 0: not a number complex handles; -1: error (int too large).
int operand(Value v, Cx* out) {
  if (!v.is_small() && v.obj()->type == &ComplexType) {
    *out = cx_of(v);
    return 1;
  }
  if (is_int(v)) {
    bool of;
    double d = int_to_double(v, &of);
    if (of) {
      raise(OverflowError, "int too large to convert to float");
      return -1;
    }
    *out = {d, 0.0};
    return 1;
  }
  if (is_float(v)) {
    *out = {float_of(v), 0.0};
    return 1;
  }
  if (is_complex(v)) {
    *out = cx_of(v);
    return 1;
  }
  return 0;
}

#define CX_OPERANDS(a, b, x, y)                                       \
  Cx x, y;                                                            \
  {                                                                   \
    int ra = operand(a, &x);                                          \
    if (ra <= 0) return ra < 0 ? Value() : NotImplemented();          \
    int rb = operand(b, &y);                                          \
    if (rb <= 0) return rb < 0 ? Value() : NotImplemented();          \
  }

inline Value make(Cx c) { return complex_new(c.r, c.i); }

Cx c_mul(Cx a, Cx b) { return {a.r * b.r - a.i * b.i, a.r * b.i + a.i * b.r}; }

// Smith's algorithm: scale by the larger component of the divisor to avoid overflow.
// Sets *zero when b is 0.
Cx c_quot(Cx a, Cx b, bool* zero) {
  *zero = false;
  double abr = std::fabs(b.r), abi = std::fabs(b.i);
  if (abr >= abi) {
    if (abr == 0) {
      *zero = true;
      return {0, 0};
    }
    double ratio = b.i / b.r;
    double denom = b.r + b.i * ratio;
    return {(a.r + a.i * ratio) / denom, (a.i - a.r * ratio) / denom};
  }
  if (abi >= abr) {
    double ratio = b.r / b.i;
    double denom = b.r * ratio + b.i;
    return {(a.r * ratio + a.i) / denom, (a.i * ratio - a.r) / denom};
  }
  return {NAN, NAN};  // a component of b is NaN
}

Cx c_powu(Cx x, int64_t n) {
  Cx r{1.0, 0.0}, p = x;
  for (int64_t mask = 1; mask > 0 && n >= mask; mask <<= 1) {
    if (n & mask) r = c_mul(r, p);
    p = c_mul(p, p);
  }
  return r;
}

// 0: ok; 1: zero to a negative or complex power.
int c_pow(Cx a, Cx b, Cx* out) {
  if (b.r == 0 && b.i == 0) {
    *out = {1.0, 0.0};
    return 0;
  }
  if (a.r == 0 && a.i == 0) {
    if (b.i != 0 || b.r < 0) return 1;
    *out = {0.0, 0.0};
    return 0;
  }
  double vabs = std::hypot(a.r, a.i);
  double len = std::pow(vabs, b.r);
  double at = std::atan2(a.i, a.r);
  double phase = at * b.r;
  if (b.i != 0) {
    len /= std::exp(at * b.i);
    phase += b.i * std::log(vabs);
  }
  *out = {len * std::cos(phase), len * std::sin(phase)};
  return 0;
}

}  // namespace

Value complex_power(double ar, double ai, double br, double bi) {
  Cx a{ar, ai}, b{br, bi}, r;
  // As CPython: errno from the C library decides the error (EDOM: a zero base to a
  // negative or complex power, or a NaN-producing cos/sin; ERANGE: overflow).
  errno = 0;
  if (b.i == 0 && b.r == std::floor(b.r) && std::fabs(b.r) <= 100) {
    // Integer real exponents of moderate size multiply exactly.
    int64_t n = int64_t(b.r);
    if (n >= 0) {
      r = c_powu(a, n);
    } else {
      bool zero;
      r = c_quot({1.0, 0.0}, c_powu(a, -n), &zero);
      if (zero) errno = EDOM;
    }
  } else if (c_pow(a, b, &r)) {
    errno = EDOM;
  }
  if (std::isinf(r.r) || std::isinf(r.i)) {
    if (errno == 0) errno = ERANGE;
  } else if (errno == ERANGE) {
    errno = 0;  // underflow is not an error
  }
  if (errno == EDOM) return raise(ZeroDivisionError, "0.0 to a negative or complex power");
  if (errno == ERANGE) return raise(OverflowError, "complex exponentiation");
  return make(r);
}

namespace {

Value c_add(Value a, Value b) {
  CX_OPERANDS(a, b, x, y);
  return make({x.r + y.r, x.i + y.i});
}
Value c_sub(Value a, Value b) {
  CX_OPERANDS(a, b, x, y);
  return make({x.r - y.r, x.i - y.i});
}
Value c_mulv(Value a, Value b) {
  CX_OPERANDS(a, b, x, y);
  return make(c_mul(x, y));
}
Value c_div(Value a, Value b) {
  CX_OPERANDS(a, b, x, y);
  bool zero;
  Cx r = c_quot(x, y, &zero);
  if (zero) return raise(ZeroDivisionError, "complex division by zero");
  return make(r);
}
Value c_powv(Value a, Value b) {
  CX_OPERANDS(a, b, x, y);
  return complex_power(x.r, x.i, y.r, y.i);
}
Value c_pow3(Value a, Value b, Value m) {
  if (!is_none(m)) {
    Cx x;
    if (operand(a, &x) <= 0 || operand(b, &x) <= 0) {
      clear_error();
      return NotImplemented();
    }
    return raise(ValueError, "complex modulo");
  }
  return c_powv(a, b);
}

Value c_neg(Value v) {
  Cx c = cx_of(v);
  return make({-c.r, -c.i});
}
Value c_pos(Value v) {
  if (v.obj()->type == &ComplexType) return newref(v);
  return make(cx_of(v));
}
Value c_abs(Value v) {
  Cx c = cx_of(v);
  // hypot gives inf for an infinite component even when the other is NaN (C99).
  double r = std::hypot(c.r, c.i);
  if (std::isinf(r) && std::isfinite(c.r) && std::isfinite(c.i))
    return raise(OverflowError, "absolute value too large");
  return float_new(r);
}
int c_bool(Value v) {
  Cx c = cx_of(v);
  return c.r != 0 || c.i != 0;
}

Value c_richcompare(Value a, Value b, int op) {
  if (op != CMP_EQ && op != CMP_NE) return NotImplemented();
  Cx x = cx_of(a);
  bool eq;
  if (is_int(b)) {
    if (x.i != 0) {
      eq = false;
    } else {
      // Exact comparison through float's rules.
      Value f = float_new(x.r);
      if (!f) return Value();
      Value r = FloatType.richcompare(f, b, op);
      decref(f);
      return r;
    }
  } else if (is_float(b)) {
    eq = x.r == float_of(b) && x.i == 0;
  } else if (is_complex(b)) {
    Cx y = cx_of(b);
    eq = x.r == y.r && x.i == y.i;
  } else {
    return NotImplemented();
  }
  return Bool(op == CMP_EQ ? eq : !eq);
}

int64_t part_hash(Value v, double d) {
  if (std::isnan(d)) {
    uint64_t y = v.bits();
    y = (y >> 4) | (y << 60);
    return int64_t(y);
  }
  return float_hash(d);
}

int64_t c_hash(Value v) {
  Cx c = cx_of(v);
  uint64_t hr = uint64_t(part_hash(v, c.r));
  uint64_t hi = uint64_t(part_hash(v, c.i));
  uint64_t h = hr + 1000003u * hi;
  int64_t r = int64_t(h);
  return r == -1 ? -2 : r;
}

std::string imag_text(double d) {
  // The imaginary part always shows its sign ("+nan" included).
  std::string s = float_repr_style(d, false);
  if (s[0] != '-') s = "+" + s;
  if (std::isnan(d)) s = "+nan";
  return s;
}

std::string complex_text(Cx c) {
  if (c.r == 0 && !std::signbit(c.r)) {
    std::string s = std::isnan(c.i) ? "nan" : float_repr_style(c.i, false);
    return s + "j";
  }
  std::string re = std::isnan(c.r) ? "nan" : float_repr_style(c.r, false);
  return "(" + re + imag_text(c.i) + "j)";
}

Value c_repr(Value v) { return str_from_ascii(complex_text(cx_of(v))); }

void c_dealloc(Object* o) { free_object(o); }

// -- complex(x), complex(real, imag) -------------------------------------------------------------

inline bool is_c_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The longest prefix of s that is a float literal (with an optional sign): its length, or 0.
size_t float_prefix(std::string_view s, double* out) {
  size_t best = 0;
  // Candidates end before a sign that follows a non-exponent character, or before 'j'.
  size_t p = 0;
  if (p < s.size() && (s[p] == '+' || s[p] == '-')) ++p;
  size_t end = p;
  while (end < s.size()) {
    char c = s[end];
    if ((c >= '0' && c <= '9') || c == '.' || c == '_' || (c | 0x20) == 'e' ||
        ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' && (c | 0x20) != 'j')) {
      ++end;
    } else if ((c == '+' || c == '-') && end > 0 && (s[end - 1] | 0x20) == 'e' &&
               end >= 2 && ((s[end - 2] >= '0' && s[end - 2] <= '9') || s[end - 2] == '.')) {
      ++end;
    } else {
      break;
    }
  }
  for (size_t len = end; len > p; --len) {
    double d;
    if (parse_float_text(s.substr(0, len), &d)) {
      *out = d;
      best = len;
      break;
    }
  }
  return best;
}

bool parse_complex_text(std::string_view s, Cx* out) {
  size_t i = 0, n = s.size();
  while (i < n && is_c_space(s[i])) ++i;
  while (n > i && is_c_space(s[n - 1])) --n;
  if (i < n && s[i] == '(') {
    if (s[n - 1] != ')') return false;
    ++i;
    --n;
    while (i < n && is_c_space(s[i])) ++i;
    while (n > i && is_c_space(s[n - 1])) --n;
  }
  std::string_view t = s.substr(i, n - i);
  if (t.empty()) return false;
  double x, y;
  size_t k = float_prefix(t, &x);
  if (k > 0) {
    if (k == t.size()) {
      *out = {x, 0.0};
      return true;
    }
    if ((t[k] | 0x20) == 'j' && k + 1 == t.size()) {
      *out = {0.0, x};
      return true;
    }
    if (t[k] == '+' || t[k] == '-') {
      std::string_view rest = t.substr(k);
      size_t m = float_prefix(rest, &y);
      if (m > 0) {
        if (m + 1 == rest.size() && (rest[m] | 0x20) == 'j') {
          *out = {x, y};
          return true;
        }
        return false;
      }
      if (rest.size() == 2 && (rest[1] | 0x20) == 'j') {
        *out = {x, rest[0] == '-' ? -1.0 : 1.0};
        return true;
      }
    }
    return false;
  }
  // "j", "+j", "-j"
  size_t p = 0;
  double sign = 1.0;
  if (t[0] == '+' || t[0] == '-') {
    sign = t[0] == '-' ? -1.0 : 1.0;
    p = 1;
  }
  if (p + 1 == t.size() && (t[p] | 0x20) == 'j') {
    *out = {0.0, sign};
    return true;
  }
  return false;
}

Value complex_from_string(Value v) {
  std::string_view text;
  std::string conv;
  std::string_view u = str_utf8(v);
  bool ascii = true;
  for (unsigned char c : u)
    if (c >= 0x80) ascii = false;
  if (ascii) {
    text = u;
  } else {
    conv = number_text_to_ascii(u);
    text = conv;
  }
  Cx c;
  if (text.find('\0') != std::string_view::npos || !parse_complex_text(text, &c))
    return raise(ValueError, "complex() arg is a malformed string");
  return make(c);
}

// A number as a complex for the constructor: complex (or __complex__), float, int, or
// anything with __float__/__index__. 1 ok, 0 not a number, -1 error.
int constructor_operand(Value v, Cx* out, bool* was_complex) {
  *was_complex = false;
  if (is_complex(v)) {
    *out = cx_of(v);
    *was_complex = true;
    return 1;
  }
  Value m = lookup_special(v, STRATA_NAME(__complex__));
  if (m) {
    Value r = call1(m, v);
    if (!r) return -1;
    if (!is_complex(r)) {
      raise(TypeError, "__complex__ returned non-complex (type %s)", type_name(r));
      decref(r);
      return -1;
    }
    *out = cx_of(r);
    *was_complex = true;
    decref(r);
    return 1;
  }
  Type* t = type_of(v);
  if (is_float(v) || is_int(v) || t->nb_float || t->nb_index) {
    double d = as_double(v);
    if (d == -1.0 && error_occurred()) return -1;
    *out = {d, 0.0};
    return 1;
  }
  return 0;
}

Value complex_tp_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"real", "imag"};
  Value a[2];
  if (parse_args("complex", args, nargs, kwnames, names, 2, 0, 2, 0, a) < 0) return Value();
  Value r = a[0], i = a[1];
  Value result;
  if (!r) {
    r = Value::small(0);
  }
  if (is_str(r)) {
    if (i) return raise(TypeError, "complex() can't take second arg if first is a string");
    result = complex_from_string(r);
  } else if (i && is_str(i)) {
    return raise(TypeError, "complex() second arg can't be a string");
  } else {
    if (!i && !r.is_small() && r.obj()->type == &ComplexType && type == &ComplexType)
      return newref(r);
    Cx cr, ci{0.0, 0.0};
    bool cr_complex, ci_complex = false;
    int k = constructor_operand(r, &cr, &cr_complex);
    if (k < 0) return Value();
    if (k == 0)
      return raise(TypeError,
                   "complex() first argument must be a string or a number, not '%s'",
                   type_name(r));
    if (i) {
      k = constructor_operand(i, &ci, &ci_complex);
      if (k < 0) return Value();
      if (k == 0)
        return raise(TypeError, "complex() second argument must be a number, not '%s'",
                     type_name(i));
    }
    // (a + bj) + (c + dj) * j, keeping -0.0 as CPython does when parts are absent.
    double re = cr.r, im = cr.i;
    if (i) {
      if (ci_complex) re -= ci.i;
      im = cr_complex ? im + ci.r : ci.r;
    }
    result = complex_new(re, im);
  }
  if (!result || type == &ComplexType) return result;
  Object* o = alloc_object(type, type->basicsize);
  if (!o) {
    decref(result);
    return Value();
  }
  ComplexObject* c = reinterpret_cast<ComplexObject*>(o);
  c->real = result.as<ComplexObject>()->real;
  c->imag = result.as<ComplexObject>()->imag;
  decref(result);
  if (has_flag(type, TF_HAVE_GC)) gc_track(o);
  return Value::from(o);
}

// -- Methods ----------------------------------------------------------------------------------

Value m_conjugate(Value self, const Value*, size_t, Value) {
  Cx c = cx_of(self);
  return make({c.r, -c.i});
}

Value m_getnewargs(Value self, const Value*, size_t, Value) {
  Cx c = cx_of(self);
  Value r = float_new(c.r), i = float_new(c.i);
  if (!r || !i) {
    xdecref(r);
    xdecref(i);
    return Value();
  }
  Value t = tuple_pack({r, i});
  decref(r);
  decref(i);
  return t;
}

Value m_complex(Value self, const Value*, size_t, Value) { return c_pos(self); }

Value m_format(Value self, const Value* args, size_t nargs, Value) {
  if (nargs != 1) return raise(TypeError, "__format__() takes exactly one argument (%zu given)", nargs);
  Value spec = args[0];
  if (!is_str(spec))
    return raise(TypeError, "__format__() argument must be str, not %s", type_name(spec));
  if (str_length(spec) == 0) return str(self);
  FormatSpec fs;
  const char* tname = type_name(self);
  if (parse_format_spec(spec, tname, 0, &fs) < 0) return Value();
  if (fs.fill == '0') return raise(ValueError, "Zero padding is not allowed in complex format specifier");
  if (fs.align == '=')
    return raise(ValueError, "'=' alignment flag is not allowed in complex format specifier");
  switch (fs.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': break;
    default:
      if (fs.type > 32 && fs.type < 127)
        return raise(ValueError, "Unknown format code '%c' for object of type '%s'", fs.type, tname);
      return raise(ValueError, "Unknown format code '\\x%x' for object of type '%s'",
                   unsigned(uint8_t(fs.type)), tname);
  }
  Cx c = cx_of(self);
  // Each part formatted without width; then the whole laid out. Without a type, the
  // parts look like repr's (or 'g' with a precision) inside parentheses, and a +0 real
  // part is left out.
  FormatSpec part = fs;
  part.width = -1;
  part.fill = ' ';
  part.align = 0;
  part.zero_pad = false;
  part.thousands = fs.thousands;
  bool bare = fs.type == 0;
  bool skip_re = bare && c.r == 0 && !std::signbit(c.r);
  std::string re, im;
  auto part_text = [&](double d, char sign, std::string* out) -> bool {
    FormatSpec p = part;
    p.sign = sign;
    Value v = format_float_spec(d, p, tname, true);
    if (!v) return false;
    *out = std::string(str_utf8(v));
    decref(v);
    return true;
  };
  if (!skip_re && !part_text(c.r, fs.sign, &re)) return Value();
  if (!part_text(c.i, skip_re ? fs.sign : '+', &im)) return Value();
  std::string body = skip_re ? im + "j" : (bare ? "(" + re + im + "j)" : re + im + "j");
  FormatSpec outer = fs;
  outer.thousands = 0;
  outer.sign = 0;
  return format_number_layout(outer, "", "", "", body, 3);
}

const MethodDef complex_methods[] = {
    {"conjugate", m_conjugate, METH_NOARGS, "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__getnewargs__", m_getnewargs, METH_NOARGS, nullptr},
    {"__format__", m_format, METH_O, "Convert to a string according to format_spec."},
    {"__complex__", m_complex, METH_NOARGS, "Convert this value to exact type complex."},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef complex_members[] = {
    {"real", MemberKind::Double, offsetof(ComplexObject, real), true, "the real part of a complex number"},
    {"imag", MemberKind::Double, offsetof(ComplexObject, imag), true, "the imaginary part of a complex number"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

}  // namespace

Type ComplexType = {
    .ob = {kImmortal, &TypeType},
    .name = "complex",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_IMMUTABLE,
    .basicsize = sizeof(ComplexObject),
    .dealloc = c_dealloc,
    .repr = c_repr,
    .hash = c_hash,
    .richcompare = c_richcompare,
    .getattr = generic_getattr,
    .new_ = complex_tp_new,
    .nb = {c_add, nullptr, nullptr, nullptr, nullptr, c_mulv, nullptr, nullptr, c_powv, nullptr,
           c_sub, c_div, nullptr, c_add, nullptr, nullptr, nullptr, nullptr, c_mulv, nullptr,
           nullptr, c_powv, nullptr, c_sub, c_div, nullptr},
    .nb_power3 = c_pow3,
    .nb_negative = c_neg,
    .nb_positive = c_pos,
    .nb_absolute = c_abs,
    .nb_bool = c_bool,
    .methods = complex_methods,
    .members = complex_members,
    .doc = "Create a complex number from a real part and an optional imaginary part.\n\n"
           "This is equivalent to (real + imag*1j) where imag defaults to 0.",
};

}  // namespace strata
