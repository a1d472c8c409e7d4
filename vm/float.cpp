// vm/float.cpp — float: arithmetic with Python's rules (floor division and modulo signs,
// ** special cases), exact comparisons with ints, CPython's hash, the shortest
// round-trip repr, float(str) in every form CPython accepts, hex/fromhex, correctly
// rounded round(x, n), and formatting with the format-spec mini-language.
//
// Digits come from std::to_chars (shortest round-trip, or correctly rounded to a
// precision); the layout around them (where the exponent starts, ".0", '#') is CPython's
// format_float_short.
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>

#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/exceptions.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

// Freed exact floats are kept for reuse (as CPython's float free list): float-heavy code
// allocates and frees one per operation. Linked through the value field (a pointer fits
// in a double's 8 bytes).
static_assert(sizeof(FloatObject*) <= sizeof(double));
namespace {
constexpr int kFreeListMax = 100;
FloatObject* free_list = nullptr;
int free_count = 0;
}  // namespace

Value float_new(double d) {
  FloatObject* f = free_list;
  if (f) {
    std::memcpy(&free_list, &f->value, sizeof free_list);
    --free_count;
    f->ob.refcnt = 1;
    f->ob.type = &FloatType;
  } else {
    f = reinterpret_cast<FloatObject*>(alloc_object(&FloatType, sizeof(FloatObject)));
    if (!f) return Value();
  }
  f->value = d;
  return Value::from(&f->ob);
}

namespace {

inline bool is_float_obj(Value v) {
  return !v.is_small() && (v.obj()->type == &FloatType || is_subtype(v.obj()->type, &FloatType));
}

// An operand of a float operation: a float or an int. 1: *out set; 0: not a number this
// slot handles (NotImplemented); -1: error (an int too large for a float).
int operand(Value v, double* out) {
  if (!v.is_small() && v.obj()->type == &FloatType) {
    *out = float_of(v);
    return 1;
  }
  if (is_int(v)) {
    bool of;
    *out = int_to_double(v, &of);
    if (of) {
      raise(OverflowError, "int too large to convert to float");
      return -1;
    }
    return 1;
  }
  if (is_float_obj(v)) {
    *out = float_of(v);
    return 1;
  }
  return 0;
}

#define FLOAT_OPERANDS(a, b, x, y)      \
  double x, y;                          \
  {                                     \
    int ra = operand(a, &x);            \
    if (ra <= 0) return ra < 0 ? Value() : NotImplemented(); \
    int rb = operand(b, &y);            \
    if (rb <= 0) return rb < 0 ? Value() : NotImplemented(); \
  }

}  // namespace

double as_double(Value v) {
  if (is_float_obj(v)) return float_of(v);
  // An int subclass may override __float__: only exact ints and bools skip the slot.
  if (v.is_small() || v.obj()->type == &IntType || v.obj()->type == &BoolType) {
    bool of;
    double d = int_to_double(v, &of);
    if (of) {
      raise(OverflowError, "int too large to convert to float");
      return -1.0;
    }
    return d;
  }
  Type* t = type_of(v);
  if (t->nb_float) {
    Value r = t->nb_float(v);
    if (!r) return -1.0;
    if (!is_float_obj(r)) {
      raise(TypeError, "%s.__float__ returned non-float (type %s)", type_name(v), type_name(r));
      decref(r);
      return -1.0;
    }
    double d = float_of(r);
    decref(r);
    return d;
  }
  if (t->nb_index) {
    Value i = number_index(v);
    if (!i) return -1.0;
    bool of;
    double d = int_to_double(i, &of);
    decref(i);
    if (of) {
      raise(OverflowError, "int too large to convert to float");
      return -1.0;
    }
    return d;
  }
  raise(TypeError, "must be real number, not %s", type_name(v));
  return -1.0;
}

// -- Text: repr and the layout of digits ----------------------------------------------------

namespace {

// Decimal digits of |d| (finite, non-zero or zero) and the position of the decimal point:
// value = 0.DIGITS * 10**decpt.
struct Digits {
  std::string d;
  int decpt = 0;
};

// From to_chars' scientific text of a non-negative finite number: "D.DDDe+XX".
void split_scientific(const char* p, const char* end, Digits* out) {
  out->d.clear();
  const char* e = p;
  while (e < end && *e != 'e') ++e;
  for (const char* q = p; q < e; ++q)
    if (*q != '.') out->d.push_back(*q);
  int exp = 0;
  if (e < end) std::from_chars(e + 1 + (e[1] == '+' ? 1 : 0), end, exp);
  out->decpt = exp + 1;
}

void shortest_digits(double d, Digits* out) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(d), std::chars_format::scientific);
  split_scientific(buf, r.ptr, out);
}

// `n` (>= 1) significant digits, correctly rounded.
void precision_digits(double d, int n, Digits* out) {
  char buf[800];
  auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(d), std::chars_format::scientific, n - 1);
  split_scientific(buf, r.ptr, out);
}

std::string exponent_text(int e, bool upper) {
  char buf[16];
  int n = std::snprintf(buf, sizeof buf, "%c%c%02d", upper ? 'E' : 'e', e < 0 ? '-' : '+', e < 0 ? -e : e);
  return std::string(buf, size_t(n));
}

// Lays out digits as CPython's format_float_short does for 'r' and 'g'.
std::string layout_digits(Digits dg, bool use_exp, bool add_dot_0, bool alternate, int min_digits,
                          bool upper) {
  // min_digits: pad with zeros to this many significant digits ('#g').
  if (int(dg.d.size()) < min_digits) dg.d.append(size_t(min_digits) - dg.d.size(), '0');
  std::string out;
  int n = int(dg.d.size());
  if (use_exp) {
    out.push_back(dg.d[0]);
    if (n > 1 || alternate) out.push_back('.');
    out.append(dg.d, 1, std::string::npos);
    out += exponent_text(dg.decpt - 1, upper);
    return out;
  }
  if (dg.decpt <= 0) {
    out = "0.";
    out.append(size_t(-dg.decpt), '0');
    out += dg.d;
  } else if (dg.decpt >= n) {
    out = dg.d;
    out.append(size_t(dg.decpt - n), '0');
    if (add_dot_0)
      out += ".0";
    else if (alternate)
      out.push_back('.');
  } else {
    out.assign(dg.d, 0, size_t(dg.decpt));
    out.push_back('.');
    out.append(dg.d, size_t(dg.decpt), std::string::npos);
  }
  return out;
}

void strip_zeros(Digits* dg) {
  while (dg->d.size() > 1 && dg->d.back() == '0') dg->d.pop_back();
}

// The text of |d| (finite) in 'r' mode.
std::string repr_abs(double d, bool add_dot_0, bool alternate = false) {
  Digits dg;
  if (d == 0) {
    dg.d = "0";
    dg.decpt = 1;
  } else {
    shortest_digits(d, &dg);
  }
  bool use_exp = dg.decpt <= -4 || dg.decpt > 16;
  return layout_digits(dg, use_exp, add_dot_0, alternate, 0, false);
}

}  // namespace

std::string float_repr_style(double d, bool add_dot_0) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  std::string s = repr_abs(d, add_dot_0);
  return std::signbit(d) ? "-" + s : s;
}

std::string float_repr(double d) { return float_repr_style(d, true); }

namespace {

Value float_repr_slot(Value v) { return str_from_ascii(float_repr(float_of(v))); }

}  // namespace

// -- format() ---------------------------------------------------------------------------------

Value format_float_spec(double d, const FormatSpec& spec, const char* tname, bool complex_part) {
  char type = spec.type;
  switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default:
      if (type > 32 && type < 127)
        return raise(ValueError, "Unknown format code '%c' for object of type '%s'", type, tname);
      return raise(ValueError, "Unknown format code '\\x%x' for object of type '%s'",
                   unsigned(uint8_t(type)), tname);
  }
  int64_t precision = spec.precision;
  bool add_dot_0 = false;
  char mode;  // 'r' 'e' 'f' 'g'
  if (type == 0) {
    add_dot_0 = !complex_part;
    mode = precision < 0 ? 'r' : 'g';
  } else if (type == 'n') {
    mode = 'g';
  } else if (type == '%') {
    mode = 'f';
    d *= 100;
  } else {
    mode = char(type | 0x20);
  }
  bool upper = type == 'E' || type == 'F' || type == 'G';
  if (precision < 0) precision = 6;
  if (precision > 100000000) return raise(ValueError, "precision too big");
  bool neg = std::signbit(d);
  double a = std::fabs(d);
  std::string text;
  if (std::isnan(d) || std::isinf(d)) {
    text = std::isnan(d) ? "nan" : "inf";
    if (upper)
      for (char& c : text) c = char(c - 32);
    if (std::isnan(d)) neg = std::signbit(d);
  } else if (mode == 'r') {
    text = repr_abs(a, add_dot_0, spec.alternate);
  } else if (mode == 'f') {
    std::string buf(size_t(330 + precision), '\0');
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::fixed,
                           int(precision));
    text.assign(buf.data(), r.ptr);
    if (spec.alternate && precision == 0) text.push_back('.');
  } else if (mode == 'e') {
    std::string buf(size_t(40 + precision), '\0');
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), a,
                           std::chars_format::scientific, int(precision));
    text.assign(buf.data(), r.ptr);
    if (spec.alternate && precision == 0) {
      size_t e = text.find('e');
      text = text.substr(0, e) + "." + text.substr(e);
    }
    if (upper)
      for (char& c : text)
        if (c == 'e') c = 'E';
  } else {  // 'g'
    int p = precision == 0 ? 1 : int(precision);
    Digits dg;
    if (a == 0) {
      dg.d = "0";
      dg.decpt = 1;
    } else {
      precision_digits(a, p, &dg);
    }
    if (!spec.alternate) strip_zeros(&dg);
    bool use_exp = dg.decpt <= -4 || dg.decpt > (add_dot_0 ? p - 1 : p);
    text = layout_digits(dg, use_exp, add_dot_0, spec.alternate, spec.alternate ? p : 0, upper);
  }
  if (type == '%') text.push_back('%');
  if (neg && spec.no_neg_zero && std::isfinite(d)) {
    // 'z': a negative value that rounds to zero prints as zero.
    bool nonzero = false;
    for (char c : text) {
      if (c == 'e' || c == 'E') break;
      if (c >= '1' && c <= '9') nonzero = true;
    }
    if (!nonzero && !std::isnan(d)) neg = false;
  }
  size_t ndig = 0;
  while (ndig < text.size() && text[ndig] >= '0' && text[ndig] <= '9') ++ndig;
  const char* sign = neg ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
  std::string_view tv(text);
  if (!std::isfinite(d)) {
    // inf and nan are padded but never grouped.
    FormatSpec s = spec;
    s.thousands = 0;
    return format_number_layout(s, sign, "", "", tv, 3);
  }
  return format_number_layout(spec, sign, "", tv.substr(0, ndig), tv.substr(ndig), 3);
}

// -- Hash -----------------------------------------------------------------------------------------

int64_t float_hash(double d) {
  constexpr uint64_t kModulus = (uint64_t(1) << 61) - 1;
  if (std::isinf(d)) return d > 0 ? 314159 : -314159;
  if (std::isnan(d)) return 0;
  if (d == 0) return 0;
  // |d| = mant * 2**e with a 53-bit integer mant; multiplying by 2**e modulo 2**61 - 1 is a
  // rotation of the 61-bit residue, because 2**61 == 1 modulo it.
  int e;
  double m = std::frexp(std::fabs(d), &e);
  uint64_t mant = uint64_t(std::ldexp(m, 53));
  e -= 53;
  uint64_t x = mant % kModulus;
  int r = ((e % 61) + 61) % 61;
  if (r) x = ((x << r) & kModulus) | (x >> (61 - r));
  int64_t h = d < 0 ? -int64_t(x) : int64_t(x);
  return h == -1 ? -2 : h;
}

namespace {

int64_t float_hash_slot(Value v) {
  double d = float_of(v);
  if (std::isnan(d)) {
    // CPython 3.10+: NaNs hash by identity.
    uint64_t y = v.bits();
    y = (y >> 4) | (y << 60);
    int64_t h = int64_t(y);
    return h == -1 ? -2 : h;
  }
  return float_hash(d);
}

// -- Arithmetic ---------------------------------------------------------------------------------

Value f_add(Value a, Value b) {
  FLOAT_OPERANDS(a, b, x, y);
  return float_new(x + y);
}
Value f_sub(Value a, Value b) {
  FLOAT_OPERANDS(a, b, x, y);
  return float_new(x - y);
}
Value f_mul(Value a, Value b) {
  FLOAT_OPERANDS(a, b, x, y);
  return float_new(x * y);
}
Value f_truediv(Value a, Value b) {
  FLOAT_OPERANDS(a, b, x, y);
  if (y == 0) return raise(ZeroDivisionError, "float division by zero");
  return float_new(x / y);
}

// Python's divmod on doubles (y != 0), as CPython's _float_div_mod.
void float_divmod_values(double vx, double wx, double* floordiv, double* mod) {
  double m = std::fmod(vx, wx);
  double div = (vx - m) / wx;
  if (m != 0) {
    if ((wx < 0) != (m < 0)) {
      m += wx;
      div -= 1.0;
    }
  } else {
    m = std::copysign(0.0, wx);
  }
  double fd;
  if (div != 0) {
    fd = std::floor(div);
    if (div - fd > 0.5) fd += 1.0;
  } else {
    fd = std::copysign(0.0, vx / wx);
  }
  *floordiv = fd;
  *mod = m;
}

Value f_floordiv(Value a, Value b) {
  FLOAT_OPERANDS(a, b, x, y);
  if (y == 0) return raise(ZeroDivisionError, "float floor division by zero");
  double q, r;
  float_divmod_values(x, y, &q, &r);
  return float_new(q);
}

Value f_mod(Value a, Value b) {
  FLOAT_OPERANDS(a, b, x, y);
  if (y == 0) return raise(ZeroDivisionError, "float modulo");
  double q, r;
  float_divmod_values(x, y, &q, &r);
  return float_new(r);
}

Value f_divmod(Value a, Value b) {
  FLOAT_OPERANDS(a, b, x, y);
  if (y == 0) return raise(ZeroDivisionError, "float divmod()");
  double q, r;
  float_divmod_values(x, y, &q, &r);
  Value qv = float_new(q);
  if (!qv) return Value();
  Value rv = float_new(r);
  if (!rv) {
    decref(qv);
    return Value();
  }
  Value t = tuple_pack({qv, rv});
  decref(qv);
  decref(rv);
  return t;
}

inline bool is_odd_integer(double w) { return std::fmod(std::fabs(w), 2.0) == 1.0; }

Value raise_range_error() {
  Value args[2] = {Value::small(34), Value()};
  args[1] = str_from_ascii("Numerical result out of range");
  if (!args[1]) return Value();
  Value exc = exception_new(OverflowError, args, 2);
  decref(args[1]);
  if (!exc) return Value();
  raise_object(exc);
  decref(exc);
  return Value();
}

}  // namespace

Value float_power(double iv, double iw) {
  if (iw == 0) return float_new(1.0);
  if (std::isnan(iv)) return float_new(iv);
  if (std::isnan(iw)) return float_new(iv == 1.0 ? 1.0 : iw);
  if (std::isinf(iw)) {
    double av = std::fabs(iv);
    if (av == 1.0) return float_new(1.0);
    if ((iw > 0) == (av > 1.0)) return float_new(std::fabs(iw));
    return float_new(0.0);
  }
  if (std::isinf(iv)) {
    bool odd = is_odd_integer(iw);
    if (iv > 0) return float_new(iw > 0 ? iv : 0.0);
    if (iw > 0) return float_new(odd ? iv : -iv);
    return float_new(odd ? -0.0 : 0.0);
  }
  if (iv == 0) {
    if (iw < 0) return raise(ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return float_new(is_odd_integer(iw) ? iv : 0.0);
  }
  bool negate = false;
  if (iv < 0) {
    if (iw != std::floor(iw)) return complex_power(iv, 0.0, iw, 0.0);
    iv = -iv;
    negate = is_odd_integer(iw);
  }
  if (iv == 1.0) return float_new(negate ? -1.0 : 1.0);
  double r = std::pow(iv, iw);
  if (std::isinf(r)) return raise_range_error();
  return float_new(negate ? -r : r);
}

namespace {

Value f_pow(Value a, Value b) {
  FLOAT_OPERANDS(a, b, x, y);
  return float_power(x, y);
}

Value f_pow3(Value a, Value b, Value m) {
  if (!is_none(m)) {
    double x;
    if (operand(a, &x) == 0 || operand(b, &x) == 0) {
      clear_error();
      return NotImplemented();
    }
    clear_error();
    return raise(TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
  }
  return f_pow(a, b);
}

Value f_neg(Value v) { return float_new(-float_of(v)); }
Value f_pos(Value v) {
  if (v.obj()->type == &FloatType) return newref(v);
  return float_new(float_of(v));
}
Value f_abs(Value v) { return float_new(std::fabs(float_of(v))); }
int f_bool(Value v) { return float_of(v) != 0; }
Value f_int(Value v) { return int_from_double(float_of(v)); }
Value f_float(Value v) { return f_pos(v); }

// Compares a finite or infinite double with an int exactly: -1, 0, 1 (x not NaN).
int compare_double_int(double x, Value i) {
  if (std::isinf(x)) return x > 0 ? 1 : -1;
  int64_t s;
  if (int_to_i64(i, &s) && s >= -(int64_t(1) << 53) && s <= (int64_t(1) << 53)) {
    double y = double(s);
    return (x > y) - (x < y);
  }
  mpz_t z;
  mpz_init(z);
  int_to_mpz(i, z);
  int c = mpz_cmp_d(z, x);
  mpz_clear(z);
  return (c < 0) - (c > 0);
}

Value f_richcompare(Value a, Value b, int op) {
  double x = float_of(a);
  int c;
  if (is_float_obj(b)) {
    double y = float_of(b);
    bool r;
    switch (op) {
      case CMP_LT: r = x < y; break;
      case CMP_LE: r = x <= y; break;
      case CMP_EQ: r = x == y; break;
      case CMP_NE: r = x != y; break;
      case CMP_GT: r = x > y; break;
      default: r = x >= y; break;
    }
    return Bool(r);
  }
  if (!is_int(b)) return NotImplemented();
  if (std::isnan(x)) return Bool(op == CMP_NE);
  c = compare_double_int(x, b);
  bool r;
  switch (op) {
    case CMP_LT: r = c < 0; break;
    case CMP_LE: r = c <= 0; break;
    case CMP_EQ: r = c == 0; break;
    case CMP_NE: r = c != 0; break;
    case CMP_GT: r = c > 0; break;
    default: r = c >= 0; break;
  }
  return Bool(r);
}

void float_dealloc(Object* o) {
  if (o->type == &FloatType && free_count < kFreeListMax) {
    FloatObject* f = reinterpret_cast<FloatObject*>(o);
    std::memcpy(&f->value, &free_list, sizeof free_list);
    free_list = f;
    ++free_count;
    return;
  }
  free_object(o);
}

}  // namespace

// -- float(x) ---------------------------------------------------------------------------------

namespace {

inline bool is_c_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool ieq(std::string_view a, const char* b) {
  size_t n = std::strlen(b);
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; ++i)
    if (char(a[i] | 0x20) != b[i]) return false;
  return true;
}

}  // namespace

bool parse_float_text(std::string_view text, double* out) {
  size_t i = 0;
  bool neg = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    neg = text[i] == '-';
    ++i;
  }
  std::string_view body = text.substr(i);
  if (ieq(body, "inf") || ieq(body, "infinity")) {
    *out = neg ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (ieq(body, "nan")) {
    *out = neg ? -NAN : NAN;
    return true;
  }
  // digits [. digits] [e [sign] digits], with single underscores between digits.
  std::string clean;
  clean.reserve(body.size());
  size_t p = 0, n = body.size();
  auto digit = [&](size_t k) { return k < n && body[k] >= '0' && body[k] <= '9'; };
  auto digitpart = [&](int* count) -> bool {
    *count = 0;
    while (p < n) {
      if (digit(p)) {
        clean.push_back(body[p++]);
        ++*count;
      } else if (body[p] == '_' && *count > 0 && digit(p + 1)) {
        ++p;
      } else {
        break;
      }
    }
    return true;
  };
  int int_digits, frac_digits = 0, exp_digits;
  digitpart(&int_digits);
  if (p < n && body[p] == '.') {
    clean.push_back('.');
    ++p;
    digitpart(&frac_digits);
  }
  if (int_digits + frac_digits == 0) return false;
  if (p < n && (body[p] == 'e' || body[p] == 'E')) {
    clean.push_back('e');
    ++p;
    if (p < n && (body[p] == '+' || body[p] == '-')) clean.push_back(body[p++]);
    digitpart(&exp_digits);
    if (exp_digits == 0) return false;
  }
  if (p != n) return false;
  double v = 0;
  auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // Decide between overflow and underflow from the decimal exponent of the value.
    int64_t lead = 0;  // position of the first non-zero digit relative to the point
    size_t k = 0;
    int64_t before_point = 0;
    bool seen_point = false, found = false;
    int64_t pos = 0;
    for (; k < clean.size() && clean[k] != 'e'; ++k) {
      if (clean[k] == '.') {
        seen_point = true;
        continue;
      }
      if (!seen_point) ++before_point;
      if (!found && clean[k] != '0') {
        found = true;
        lead = pos;
      }
      ++pos;
    }
    int64_t exp = 0;
    if (k < clean.size()) {
      size_t q = k + 1;
      bool eneg = false;
      if (clean[q] == '+' || clean[q] == '-') eneg = clean[q++] == '-';
      for (; q < clean.size(); ++q) {
        exp = exp * 10 + (clean[q] - '0');
        if (exp > (int64_t(1) << 40)) break;
      }
      if (eneg) exp = -exp;
    }
    int64_t mag = before_point - lead + exp;  // value ~ 10**(mag-1)
    v = (found && mag > 0) ? HUGE_VAL : 0.0;
  } else if (r.ec != std::errc() || r.ptr != clean.data() + clean.size()) {
    return false;
  }
  *out = neg ? -v : v;
  return true;
}

namespace {

Value raise_float_text_error(Value orig) {
  return raise(ValueError, "could not convert string to float: %R", orig);
}

Value float_from_text(Value x) {
  std::string_view text;
  std::string conv;
  if (is_str(x)) {
    std::string_view u = str_utf8(x);
    bool ascii = true;
    for (unsigned char c : u)
      if (c >= 0x80) ascii = false;
    if (ascii) {
      text = u;
    } else {
      conv = number_text_to_ascii(u);
      text = conv;
    }
  } else if (is_bytes(x)) {
    text = std::string_view(reinterpret_cast<const char*>(bytes_data(x)), bytes_size(x));
  } else {
    ByteArrayObject* b = x.as<ByteArrayObject>();
    text = std::string_view(reinterpret_cast<const char*>(b->data), b->size);
  }
  size_t i = 0, n = text.size();
  while (i < n && is_c_space(text[i])) ++i;
  while (n > i && is_c_space(text[n - 1])) --n;
  std::string_view t = text.substr(i, n - i);
  double d;
  if (t.find('\0') != std::string_view::npos || !parse_float_text(t, &d))
    return raise_float_text_error(x);
  return float_new(d);
}

}  // namespace

Value float_from_object(Value x) {
  if (!x.is_small() && x.obj()->type == &FloatType) return newref(x);
  Type* t = type_of(x);
  if (t->nb_float) {
    Value r = t->nb_float(x);
    if (!r) return Value();
    if (!r.is_small() && r.obj()->type == &FloatType) return r;
    if (!is_float_obj(r)) {
      raise(TypeError, "%s.__float__ returned non-float (type %s)", type_name(x), type_name(r));
      decref(r);
      return Value();
    }
    Value e = float_new(float_of(r));
    decref(r);
    return e;
  }
  if (is_float_obj(x)) return float_new(float_of(x));
  if (t->nb_index) {
    double d = as_double(x);
    if (d == -1.0 && error_occurred()) return Value();
    return float_new(d);
  }
  if (is_str(x) || is_bytes(x) || is_instance_of(x, &ByteArrayType)) return float_from_text(x);
  return raise(TypeError, "float() argument must be a string or a real number, not '%s'",
               type_name(x));
}

namespace {

Value float_subtype_new(Type* type, Value v) {
  if (!v) return Value();
  Object* o = alloc_object(type, type->basicsize);
  if (!o) {
    decref(v);
    return Value();
  }
  reinterpret_cast<FloatObject*>(o)->value = float_of(v);
  decref(v);
  if (has_flag(type, TF_HAVE_GC)) gc_track(o);
  return Value::from(o);
}

Value float_tp_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) return raise(TypeError, "float() takes no keyword arguments");
  if (nargs > 1) return raise(TypeError, "float expected at most 1 argument, got %zu", nargs);
  Value r = nargs == 0 ? float_new(0.0) : float_from_object(args[0]);
  if (type == &FloatType || !r) return r;
  return float_subtype_new(type, r);
}

// -- Methods ----------------------------------------------------------------------------------

Value m_is_integer(Value self, const Value*, size_t, Value) {
  double d = float_of(self);
  return Bool(std::isfinite(d) && std::floor(d) == d);
}

Value m_as_integer_ratio(Value self, const Value*, size_t, Value) {
  double d = float_of(self);
  if (std::isinf(d)) return raise(OverflowError, "cannot convert Infinity to integer ratio");
  if (std::isnan(d)) return raise(ValueError, "cannot convert NaN to integer ratio");
  int e;
  double m = std::frexp(d, &e);
  int64_t mant = int64_t(std::ldexp(m, 53));
  e -= 53;
  if (mant == 0) return tuple_pack({Value::small(0), Value::small(1)});
  // Lowest terms: the denominator is a power of two, so drop common factors of 2.
  int tz = __builtin_ctzll(uint64_t(mant < 0 ? -mant : mant));
  if (e < 0) {
    int k = std::min(tz, -e);
    mant >>= k;
    e += k;
  }
  mpz_t num, den;
  mpz_init_set_si(num, mant);
  mpz_init_set_ui(den, 1);
  if (e > 0)
    mpz_mul_2exp(num, num, mp_bitcnt_t(e));
  else
    mpz_mul_2exp(den, den, mp_bitcnt_t(-e));
  Value nv = int_from_mpz(num), dv = int_from_mpz(den);
  mpz_clear(num);
  mpz_clear(den);
  if (!nv || !dv) {
    xdecref(nv);
    xdecref(dv);
    return Value();
  }
  Value t = tuple_pack({nv, dv});
  decref(nv);
  decref(dv);
  return t;
}

Value m_hex(Value self, const Value*, size_t, Value) {
  double d = float_of(self);
  if (std::isnan(d) || std::isinf(d)) return str_from_ascii(float_repr(d));
  if (d == 0) return str_from_ascii(std::signbit(d) ? "-0x0.0p+0" : "0x0.0p+0");
  int e;
  double m = std::frexp(std::fabs(d), &e);
  int shift = 1 - std::max(DBL_MIN_EXP - e, 0);
  m = std::ldexp(m, shift);
  e -= shift;
  std::string s = d < 0 ? "-0x" : "0x";
  int lead = int(m);
  s.push_back(char('0' + lead));
  m -= lead;
  s.push_back('.');
  static const char hexd[] = "0123456789abcdef";
  for (int i = 0; i < 13; ++i) {
    m *= 16.0;
    int dgt = int(m);
    s.push_back(hexd[dgt]);
    m -= dgt;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "p%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
  s += buf;
  return str_from_ascii(s);
}

Value m_fromhex(Value cls, const Value* args, size_t nargs, Value) {
  if (nargs != 1) return raise(TypeError, "fromhex() takes exactly one argument (%zu given)", nargs);
  if (!is_str(args[0])) return raise(TypeError, "bad argument type for built-in operation");
  std::string_view s = str_utf8(args[0]);
  size_t i = 0, n = s.size();
  auto invalid = [] {
    return raise(ValueError, "invalid hexadecimal floating-point string");
  };
  while (i < n && is_c_space(s[i])) ++i;
  while (n > i && is_c_space(s[n - 1])) --n;
  bool neg = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string_view body = s.substr(i, n - i);
  double result;
  if (ieq(body, "inf") || ieq(body, "infinity")) {
    result = HUGE_VAL;
  } else if (ieq(body, "nan")) {
    result = NAN;
  } else {
    size_t p = i;
    if (p + 1 < n && s[p] == '0' && (s[p + 1] | 0x20) == 'x') p += 2;
    std::string digits;
    int64_t frac = 0;
    auto hexval = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      c = char(c | 0x20);
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    while (p < n && hexval(s[p]) >= 0) digits.push_back(s[p++]);
    if (p < n && s[p] == '.') {
      ++p;
      while (p < n && hexval(s[p]) >= 0) {
        digits.push_back(s[p++]);
        ++frac;
      }
    }
    if (digits.empty()) return invalid();
    int64_t exp = 0;
    if (p < n && (s[p] | 0x20) == 'p') {
      ++p;
      bool eneg = false;
      if (p < n && (s[p] == '+' || s[p] == '-')) eneg = s[p++] == '-';
      size_t start = p;
      while (p < n && s[p] >= '0' && s[p] <= '9') {
        if (exp < (int64_t(1) << 50)) exp = exp * 10 + (s[p] - '0');
        ++p;
      }
      if (p == start) return invalid();
      if (eneg) exp = -exp;
    }
    if (p != n) return invalid();
    if (int64_t(digits.size()) > (int64_t(1) << 28)) return raise_no_memory();
    mpz_t m;
    mpz_init(m);
    mpz_set_str(m, digits.c_str(), 16);
    bool of;
    result = scaled_to_double(m, exp - 4 * frac, false, &of);
    mpz_clear(m);
    if (of) return raise(OverflowError, "hexadecimal value too large to represent as a float");
  }
  Value f = float_new(neg ? -result : result);
  if (!f || cls == Value::from(&FloatType)) return f;
  Value r = call1(cls, f);
  decref(f);
  return r;
}

Value m_conjugate(Value self, const Value*, size_t, Value) { return f_pos(self); }

Value m_trunc(Value self, const Value*, size_t, Value) { return int_from_double(float_of(self)); }
Value m_floor(Value self, const Value*, size_t, Value) {
  return int_from_double(std::floor(float_of(self)));
}
Value m_ceil(Value self, const Value*, size_t, Value) {
  return int_from_double(std::ceil(float_of(self)));
}

// round(x, ndigits), correctly rounded: x * 10**ndigits is rounded half to even exactly
// (x is a dyadic rational), then divided back with one correct rounding.
Value double_round(double x, int64_t nd) {
  if (!std::isfinite(x) || x == 0) return float_new(x);
  if (nd > 323) return float_new(x);
  if (nd < -308) return float_new(0.0 * x);
  int e;
  double m = std::frexp(std::fabs(x), &e);
  mpz_t num, den, p10, q, r;
  mpz_init_set_ui(num, uint64_t(std::ldexp(m, 53)));
  e -= 53;
  mpz_init_set_ui(den, 1);
  mpz_init(p10);
  mpz_ui_pow_ui(p10, 10, uint64_t(nd < 0 ? -nd : nd));
  if (nd >= 0)
    mpz_mul(num, num, p10);
  else
    mpz_mul(den, den, p10);
  if (e >= 0)
    mpz_mul_2exp(num, num, mp_bitcnt_t(e));
  else
    mpz_mul_2exp(den, den, mp_bitcnt_t(-e));
  mpz_init(q);
  mpz_init(r);
  mpz_fdiv_qr(q, r, num, den);
  mpz_mul_2exp(r, r, 1);
  int c = mpz_cmp(r, den);
  if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
  double result;
  bool of = false;
  if (nd >= 0) {
    Value qv = int_from_mpz(q), pv = int_from_mpz(p10);
    Value fv = (qv && pv) ? int_truediv(qv, pv) : Value();
    xdecref(qv);
    xdecref(pv);
    if (!fv) {
      if (error_matches(OverflowError)) {
        clear_error();
        of = true;
      } else {
        mpz_clear(num); mpz_clear(den); mpz_clear(p10); mpz_clear(q); mpz_clear(r);
        return Value();
      }
      result = 0;
    } else {
      result = float_of(fv);
      decref(fv);
    }
  } else {
    mpz_mul(q, q, p10);
    result = scaled_to_double(q, 0, false, &of);
  }
  mpz_clear(num);
  mpz_clear(den);
  mpz_clear(p10);
  mpz_clear(q);
  mpz_clear(r);
  if (of) return raise(OverflowError, "rounded value too large to represent");
  return float_new(std::copysign(result, x));
}

Value m_round(Value self, const Value* args, size_t nargs, Value) {
  if (nargs > 1) return raise(TypeError, "__round__ expected at most 1 argument, got %zu", nargs);
  double x = float_of(self);
  if (nargs == 0 || is_none(args[0])) {
    double r = std::nearbyint(x);  // the default rounding mode: half to even
    return int_from_double(r);
  }
  Value nd = number_index(args[0]);
  if (!nd) return Value();
  int64_t n;
  if (!int_to_i64(nd, &n)) n = int_sign(nd) > 0 ? INT64_MAX : INT64_MIN;
  decref(nd);
  return double_round(x, n);
}

Value m_getnewargs(Value self, const Value*, size_t, Value) {
  Value f = float_new(float_of(self));
  if (!f) return Value();
  Value t = tuple_pack({f});
  decref(f);
  return t;
}

Value m_format(Value self, const Value* args, size_t nargs, Value) {
  if (nargs != 1) return raise(TypeError, "__format__() takes exactly one argument (%zu given)", nargs);
  Value spec = args[0];
  if (!is_str(spec))
    return raise(TypeError, "__format__() argument must be str, not %s", type_name(spec));
  if (str_length(spec) == 0) return str(self);
  FormatSpec fs;
  const char* tname = type_name(self);
  if (parse_format_spec(spec, tname, 0, &fs) < 0) return Value();
  return format_float_spec(float_of(self), fs, tname);
}

Value m_divmod(Value self, const Value* args, size_t nargs, Value) {
  if (nargs != 1) return raise(TypeError, "expected 1 argument, got %zu", nargs);
  return f_divmod(self, args[0]);
}

Value m_rdivmod(Value self, const Value* args, size_t nargs, Value) {
  if (nargs != 1) return raise(TypeError, "expected 1 argument, got %zu", nargs);
  return f_divmod(args[0], self);
}

Value m_getformat(Value, const Value* args, size_t nargs, Value) {
  if (nargs != 1) return raise(TypeError, "__getformat__() takes exactly one argument (%zu given)", nargs);
  if (!is_str(args[0]))
    return raise(TypeError, "__getformat__() argument must be str, not %s", type_name(args[0]));
  if (!str_equal_ascii(args[0], "double") && !str_equal_ascii(args[0], "float"))
    return raise(ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
  return str_from_ascii("IEEE, little-endian");
}

Value g_real(Value self) { return f_pos(self); }
Value g_imag(Value) { return float_new(0.0); }

const MethodDef float_methods[] = {
    {"conjugate", m_conjugate, METH_NOARGS, "Return self, the complex conjugate of any float."},
    {"__trunc__", m_trunc, METH_NOARGS, "Return the Integral closest to x between 0 and x."},
    {"__floor__", m_floor, METH_NOARGS, "Return the floor as an Integral."},
    {"__ceil__", m_ceil, METH_NOARGS, "Return the ceiling as an Integral."},
    {"__round__", m_round, METH_FASTCALL, "Return the Integral closest to x, rounding half toward even.\n\nWhen an argument is passed, work like built-in round(x, ndigits)."},
    {"as_integer_ratio", m_as_integer_ratio, METH_NOARGS, "Return integer ratio."},
    {"fromhex", m_fromhex, METH_O | METH_CLASS, "Create a floating-point number from a hexadecimal string."},
    {"hex", m_hex, METH_NOARGS, "Return a hexadecimal representation of a floating-point number."},
    {"is_integer", m_is_integer, METH_NOARGS, "Return True if the float is an integer."},
    {"__getnewargs__", m_getnewargs, METH_NOARGS, nullptr},
    {"__getformat__", m_getformat, METH_O | METH_CLASS, "You probably don't want to use this function."},
    {"__format__", m_format, METH_O, "Formats the float according to format_spec."},
    {"__divmod__", m_divmod, METH_O, "Return divmod(self, value)."},
    {"__rdivmod__", m_rdivmod, METH_O, "Return divmod(value, self)."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef float_getset[] = {
    {"real", g_real, nullptr, "the real part of a complex number"},
    {"imag", g_imag, nullptr, "the imaginary part of a complex number"},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type FloatType = {
    .ob = {kImmortal, &TypeType},
    .name = "float",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_IMMUTABLE | TF_MATCH_SELF,
    .basicsize = sizeof(FloatObject),
    .dealloc = float_dealloc,
    .repr = float_repr_slot,
    .hash = float_hash_slot,
    .richcompare = f_richcompare,
    .getattr = generic_getattr,
    .new_ = float_tp_new,
    .nb = {f_add, nullptr, f_floordiv, nullptr, nullptr, f_mul, f_mod, nullptr, f_pow, nullptr,
           f_sub, f_truediv, nullptr, f_add, nullptr, f_floordiv, nullptr, nullptr, f_mul, f_mod,
           nullptr, f_pow, nullptr, f_sub, f_truediv, nullptr},
    .nb_power3 = f_pow3,
    .nb_negative = f_neg,
    .nb_positive = f_pos,
    .nb_absolute = f_abs,
    .nb_bool = f_bool,
    .nb_int = f_int,
    .nb_float = f_float,
    .methods = float_methods,
    .getset = float_getset,
    .doc = "Convert a string or number to a floating point number, if possible.",
};

}  // namespace strata
