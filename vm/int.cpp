// vm/int.cpp — int and bool: tagged small ints and GMP-backed big ints, their arithmetic
// with Python's rules (floor division, modulo signs, correctly rounded true division),
// hashing, text conversions (repr, int(str, base), the 4300-digit limit), the format-spec
// mini-language for numbers (shared with float and complex), and the int/bool types.
//
// Every slot accepts any int operand: a tagged small Value, an exact IntObject (always
// outside the small range, see vm/int.h), a bool, or an instance of an int subclass (an
// IntObject whose value may be small). small_of() and MpzArg hide that difference.
#include "vm/int.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cfloat>
#include <charconv>
#include <climits>

#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/descr.h"
#include "vm/exceptions.h"
#include "vm/float.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

static_assert(GMP_LIMB_BITS == 64, "int.cpp assumes 64-bit GMP limbs");

int64_t int_max_str_digits = kIntMaxStrDigitsDefault;

// -- The bool singletons --------------------------------------------------------------------

namespace {
mp_limb_t one_limb = 1;
mp_limb_t zero_limb = 0;
// Read-only mpz values (GMP's MPZ_ROINIT_N): never written, never freed.
IntObject true_int = {{kImmortal, &BoolType}, MPZ_ROINIT_N(&one_limb, 1)};
IntObject false_int = {{kImmortal, &BoolType}, MPZ_ROINIT_N(&zero_limb, 0)};
}  // namespace

Object* const TrueObject = &true_int.ob;
Object* const FalseObject = &false_int.ob;

namespace {

// Results above this many bits raise MemoryError instead of asking GMP for the memory
// (GMP aborts the process when an allocation fails).
constexpr int64_t kMaxBits = int64_t(1) << 34;

// -- Operand access ------------------------------------------------------------------------

// The value of an int-like Value when it fits the small range.
inline bool small_of(Value v, int64_t* out) {
  if (v.is_small()) {
    *out = v.small_value();
    return true;
  }
  mpz_srcptr z = v.as<IntObject>()->z;
  int n = z->_mp_size;
  if (n == 0) {
    *out = 0;
    return true;
  }
  if (n > 1 || n < -1) return false;
  uint64_t l = z->_mp_d[0];
  if (n > 0) {
    if (l > uint64_t(kSmallIntMax)) return false;
    *out = int64_t(l);
  } else {
    if (l > uint64_t(kSmallIntMax) + 1) return false;
    *out = -int64_t(l);
  }
  return true;
}

inline bool mpz_small(mpz_srcptr z, int64_t* out) {
  int n = z->_mp_size;
  if (n == 0) {
    *out = 0;
    return true;
  }
  if (n > 1 || n < -1) return false;
  uint64_t l = z->_mp_d[0];
  if (n > 0) {
    if (l > uint64_t(kSmallIntMax)) return false;
    *out = int64_t(l);
  } else {
    if (l > uint64_t(kSmallIntMax) + 1) return false;
    *out = -int64_t(l);
  }
  return true;
}

// An int operand seen as a read-only mpz; small values use a limb on the stack, so no
// allocation happens. Not copyable (it points into itself).
struct MpzArg {
  __mpz_struct tmp;
  mp_limb_t limb;
  mpz_srcptr z;
  explicit MpzArg(Value v) {
    if (v.is_small())
      set(v.small_value());
    else
      z = v.as<IntObject>()->z;
  }
  explicit MpzArg(int64_t i) { set(i); }
  MpzArg(const MpzArg&) = delete;
  MpzArg& operator=(const MpzArg&) = delete;
  void set(int64_t i) {
    limb = i < 0 ? uint64_t(0) - uint64_t(i) : uint64_t(i);
    tmp._mp_alloc = 0;
    tmp._mp_size = i == 0 ? 0 : (i < 0 ? -1 : 1);
    tmp._mp_d = &limb;
    z = &tmp;
  }
};

inline int64_t bitlen(mpz_srcptr z) { return mpz_sgn(z) == 0 ? 0 : int64_t(mpz_sizeinbase(z, 2)); }

IntObject* alloc_int() {
  Object* o = alloc_object(&IntType, sizeof(IntObject));
  return reinterpret_cast<IntObject*>(o);
}

// Takes ownership of r's limbs: a small Value when it fits, else a new IntObject.
Value take_mpz(mpz_ptr r) {
  int64_t s;
  if (mpz_small(r, &s)) {
    mpz_clear(r);
    return Value::small(s);
  }
  IntObject* o = alloc_int();
  if (!o) {
    mpz_clear(r);
    return Value();
  }
  o->z[0] = *r;
  return Value::from(&o->ob);
}

Value memory_error() { return raise_no_memory(); }

}  // namespace

// -- Construction and conversion -------------------------------------------------------------

Value int_from_i64(int64_t i) {
  if (i >= kSmallIntMin && i <= kSmallIntMax) return Value::small(i);
  IntObject* o = alloc_int();
  if (!o) return Value();
  mpz_init_set_si(o->z, i);
  return Value::from(&o->ob);
}

Value int_from_u64(uint64_t u) {
  if (u <= uint64_t(kSmallIntMax)) return Value::small(int64_t(u));
  IntObject* o = alloc_int();
  if (!o) return Value();
  mpz_init_set_ui(o->z, u);
  return Value::from(&o->ob);
}

Value int_from_double(double d) {
  if (std::isinf(d)) return raise(OverflowError, "cannot convert float infinity to integer");
  if (std::isnan(d)) return raise(ValueError, "cannot convert float NaN to integer");
  double t = std::trunc(d);
  if (t >= -4611686018427387904.0 && t < 4611686018427387904.0)  // 2**62: fits int64
    return int_from_i64(int64_t(t));
  mpz_t r;
  mpz_init_set_d(r, t);
  return take_mpz(r);
}

Value int_from_mpz(const mpz_t z) {
  int64_t s;
  if (mpz_small(z, &s)) return Value::small(s);
  IntObject* o = alloc_int();
  if (!o) return Value();
  mpz_init_set(o->z, z);
  return Value::from(&o->ob);
}

Value int_exact(Value v) {
  if (is_exact_int(v)) return newref(v);
  int64_t s;
  if (small_of(v, &s)) return Value::small(s);
  return int_from_mpz(v.as<IntObject>()->z);
}

bool int_to_i64(Value v, int64_t* out) {
  if (small_of(v, out)) return true;
  mpz_srcptr z = v.as<IntObject>()->z;
  if (!mpz_fits_slong_p(z)) return false;
  *out = mpz_get_si(z);
  return true;
}

int64_t int_as_i64(Value v) {
  int64_t r;
  if (int_to_i64(v, &r)) return r;
  raise(OverflowError, "Python int too large to convert to C long");
  return -1;
}

void int_to_mpz(Value v, mpz_t z) {
  MpzArg a(v);
  mpz_set(z, a.z);
}

int int_sign(Value v) {
  if (v.is_small()) {
    int64_t s = v.small_value();
    return (s > 0) - (s < 0);
  }
  return mpz_sgn(v.as<IntObject>()->z);
}

// m * 2**e correctly rounded to a double (round half to even), m >= 0; `sticky` means the
// true value is slightly above m * 2**e (bits below m were non-zero). Sets *overflow when
// the result does not fit a double.
double scaled_to_double(mpz_srcptr m, int64_t e, bool sticky, bool* overflow) {
  *overflow = false;
  int64_t n = bitlen(m);
  if (n == 0) return 0.0;
  if (n + e > DBL_MAX_EXP) {
    *overflow = true;
    return 0.0;
  }
  // The lowest bit the result can keep: 53 significant bits, but never below 2**-1074.
  int64_t lsb = std::max<int64_t>(n + e - DBL_MANT_DIG, DBL_MIN_EXP - DBL_MANT_DIG);
  int64_t drop = lsb - e;
  if (drop <= 0) {
    // Exact (m has at most 53 bits); sticky cannot matter for a caller that gives one
    // only with enough bits below the result's precision.
    double r = std::ldexp(mpz_get_d(m), int(e));
    return r;
  }
  mpz_t keep;
  mpz_init(keep);
  mpz_tdiv_q_2exp(keep, m, mp_bitcnt_t(drop));
  uint64_t k = mpz_get_ui(keep);
  mpz_clear(keep);
  bool half = mpz_tstbit(m, mp_bitcnt_t(drop - 1));
  bool below = sticky || (drop >= 2 && mpz_scan1(m, 0) < mp_bitcnt_t(drop - 1));
  if (half && (below || (k & 1))) ++k;
  double r = std::ldexp(double(k), int(lsb));
  if (std::isinf(r)) {
    *overflow = true;
    return 0.0;
  }
  return r;
}

double int_to_double(Value v, bool* overflow) {
  int64_t s;
  *overflow = false;
  if (small_of(v, &s)) return double(s);  // 62 bits: the conversion rounds correctly
  mpz_srcptr z = v.as<IntObject>()->z;
  if (bitlen(z) <= DBL_MANT_DIG) return mpz_get_d(z);
  mpz_t a;
  mpz_init(a);
  mpz_abs(a, z);
  double r = scaled_to_double(a, 0, false, overflow);
  mpz_clear(a);
  return mpz_sgn(z) < 0 ? -r : r;
}

namespace {

// The float value of an int, raising OverflowError "int too large to convert to float".
double int_as_double_checked(Value v, bool* failed) {
  bool of;
  double d = int_to_double(v, &of);
  *failed = of;
  if (of) raise(OverflowError, "int too large to convert to float");
  return d;
}

}  // namespace

// -- Text -----------------------------------------------------------------------------------

namespace {

Value raise_str_digits_limit() {
  return raise(ValueError,
               "Exceeds the limit (%lld digits) for integer string conversion; use "
               "sys.set_int_max_str_digits() to increase the limit",
               (long long)int_max_str_digits);
}

// Decimal text of an int into *out; false with ValueError set when above the digit limit.
bool decimal_text(Value v, std::string* out) {
  int64_t s;
  if (small_of(v, &s)) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, s);
    out->assign(buf, r.ptr);
    return true;
  }
  mpz_srcptr z = v.as<IntObject>()->z;
  size_t est = mpz_sizeinbase(z, 10);  // exact or one too big
  if (int_max_str_digits > 0 && int64_t(est) > int_max_str_digits + 1) {
    raise_str_digits_limit();
    return false;
  }
  out->resize(est + 2);
  mpz_get_str(out->data(), 10, z);
  out->resize(std::strlen(out->c_str()));
  size_t ndigits = out->size() - (mpz_sgn(z) < 0 ? 1 : 0);
  if (int_max_str_digits > 0 && int64_t(ndigits) > int_max_str_digits) {
    raise_str_digits_limit();
    return false;
  }
  return true;
}

}  // namespace

int int_check_str_digits(Value v) {
  int64_t s;
  if (int_max_str_digits <= 0 || small_of(v, &s)) return 0;
  mpz_srcptr z = v.as<IntObject>()->z;
  size_t est = mpz_sizeinbase(z, 10);
  if (int64_t(est) <= int_max_str_digits) return 0;
  std::string text;
  return decimal_text(v, &text) ? 0 : -1;
}

std::string int_to_decimal(Value v) {
  std::string s;
  if (!decimal_text(v, &s)) {
    // Callers that need the error use repr(); this entry point must give text, so the
    // limit does not apply here.
    clear_error();
    MpzArg a(v);
    s.resize(mpz_sizeinbase(a.z, 10) + 2);
    mpz_get_str(s.data(), 10, a.z);
    s.resize(std::strlen(s.c_str()));
  }
  return s;
}

Value int_to_base(Value v, int base) {
  MpzArg a(v);
  std::string s(mpz_sizeinbase(a.z, base) + 4, '\0');
  const char* prefix = base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? "0x" : "";
  bool neg = mpz_sgn(a.z) < 0;
  std::string out = neg ? "-" : "";
  out += prefix;
  mpz_get_str(s.data(), base, a.z);
  const char* digits = s.c_str() + (neg ? 1 : 0);
  out += digits;
  return str_from_ascii(out);
}

namespace {

Value int_repr(Value v) {
  std::string s;
  if (!decimal_text(v, &s)) return Value();
  return str_from_ascii(s);
}

Value bool_repr(Value v) {
  static Value t = intern("True"), f = intern("False");
  return newref(v == True() ? t : f);
}

// Raises ValueError "invalid literal for int() with base N: <repr, at most 200 chars>".
Value raise_invalid_literal(int base, Value orig) {
  Value r = repr(orig);
  if (!r) return Value();
  if (str_length(r) > 200) {
    Value cut = str_substring(r, 0, 200);
    decref(r);
    if (!cut) return Value();
    r = cut;
  }
  raise(ValueError, "invalid literal for int() with base %d: %U", base, r);
  decref(r);
  return Value();
}

inline bool is_c_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

inline int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Parses ASCII text as int(text, base). Returns 1 and *out on success, 0 when the text is
// not a literal (the caller raises the ValueError with the original object), -1 when an
// error is already set (the digit limit, memory).
int parse_int_ascii(std::string_view text, int base, Value* out) {
  size_t i = 0, n = text.size();
  while (i < n && is_c_space(text[i])) ++i;
  while (n > i && is_c_space(text[n - 1])) --n;
  bool neg = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) {
    neg = text[i] == '-';
    ++i;
  }
  bool prefixed = false, base0_leading_zero = false;
  if (i + 1 < n && text[i] == '0') {
    char p = char(text[i + 1] | 0x20);
    int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (pb && (base == 0 || base == pb)) {
      base = pb;
      prefixed = true;
      i += 2;
    }
  }
  if (base == 0) {
    base = 10;
    if (i < n && text[i] == '0') base0_leading_zero = true;
  }
  std::string digits;
  digits.reserve(n - i);
  bool prev_digit = prefixed;  // an underscore may follow the prefix directly
  for (; i < n; ++i) {
    char c = text[i];
    if (c == '_') {
      if (!prev_digit) return 0;
      prev_digit = false;
      continue;
    }
    if (digit_value(c) >= base) return 0;
    digits.push_back(c);
    prev_digit = true;
  }
  if (digits.empty() || !prev_digit) return 0;
  if (base0_leading_zero) {
    for (char c : digits)
      if (c != '0') return 0;
  }
  if ((base & (base - 1)) != 0 && int_max_str_digits > 0 &&
      int64_t(digits.size()) > int_max_str_digits) {
    raise(ValueError,
          "Exceeds the limit (%lld digits) for integer string conversion: value has %lld "
          "digits; use sys.set_int_max_str_digits() to increase the limit",
          (long long)int_max_str_digits, (long long)digits.size());
    return -1;
  }
  if (digits.size() <= 12) {  // 36**12 < 2**62
    int64_t v = 0;
    for (char c : digits) v = v * base + digit_value(c);
    *out = Value::small(neg ? -v : v);
    return 1;
  }
  if (int64_t(digits.size()) * 6 > kMaxBits) {
    raise_no_memory();
    return -1;
  }
  mpz_t r;
  mpz_init(r);
  mpz_set_str(r, digits.c_str(), base);
  if (neg) mpz_neg(r, r);
  *out = take_mpz(r);
  return *out ? 1 : -1;
}

Value parse_int_object(Value x, int base) {
  std::string_view text;
  std::string conv;
  if (is_str(x)) {
    std::string_view u = str_utf8(x);
    bool ascii = true;
    for (unsigned char c : u)
      if (c >= 0x80) {
        ascii = false;
        break;
      }
    if (ascii) {
      text = u;
    } else {
      conv = number_text_to_ascii(u);
      text = conv;
    }
  } else if (is_bytes(x)) {
    text = std::string_view(reinterpret_cast<const char*>(bytes_data(x)), bytes_size(x));
  } else if (is_instance_of(x, &ByteArrayType)) {
    ByteArrayObject* b = x.as<ByteArrayObject>();
    text = std::string_view(reinterpret_cast<const char*>(b->data), b->size);
  } else {
    return raise(TypeError, "int() can't convert non-string with explicit base");
  }
  if (text.find('\0') != std::string_view::npos) return raise_invalid_literal(base, x);
  Value out;
  int r = parse_int_ascii(text, base, &out);
  if (r == 1) return out;
  if (r == 0) return raise_invalid_literal(base, x);
  return Value();
}

}  // namespace

std::string number_text_to_ascii(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  const uint8_t* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t i = 0, n = int32_t(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out.push_back('?');
    } else if (c < 0x80) {
      out.push_back(char(c));
    } else {
      UCharDirection d = u_charDirection(c);
      if (d == U_WHITE_SPACE_NEUTRAL || d == U_BLOCK_SEPARATOR || d == U_SEGMENT_SEPARATOR ||
          u_charType(c) == U_SPACE_SEPARATOR)
        out.push_back(' ');
      else if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER)
        out.push_back(char('0' + u_charDigitValue(c)));
      else
        out.push_back('?');
    }
  }
  return out;
}

Value int_from_string(std::string_view text, int base) {
  Value out;
  std::string conv;
  bool ascii = true;
  for (unsigned char c : text)
    if (c >= 0x80) ascii = false;
  if (!ascii) {
    conv = number_text_to_ascii(text);
  }
  int r = parse_int_ascii(ascii ? text : std::string_view(conv), base, &out);
  if (r == 1) return out;
  if (r < 0) return Value();
  Value s = str_from_utf8(text);
  if (!s) return Value();
  raise_invalid_literal(base, s);
  decref(s);
  return Value();
}

// -- Arithmetic -------------------------------------------------------------------------------

namespace {

template <class F>
inline Value big_binary(Value a, Value b, F f) {
  MpzArg x(a), y(b);
  mpz_t r;
  mpz_init(r);
  f(r, x.z, y.z);
  return take_mpz(r);
}

Value raise_int_div_zero() { return raise(ZeroDivisionError, "integer division or modulo by zero"); }

inline bool is_zero(Value v) {
  int64_t s;
  return small_of(v, &s) && s == 0;
}

}  // namespace

Value int_add(Value a, Value b) {
  int64_t x, y;
  if (small_of(a, &x) && small_of(b, &y)) return int_from_i64(x + y);
  return big_binary(a, b, [](mpz_ptr r, mpz_srcptr p, mpz_srcptr q) { mpz_add(r, p, q); });
}

Value int_sub(Value a, Value b) {
  int64_t x, y;
  if (small_of(a, &x) && small_of(b, &y)) return int_from_i64(x - y);
  return big_binary(a, b, [](mpz_ptr r, mpz_srcptr p, mpz_srcptr q) { mpz_sub(r, p, q); });
}

Value int_mul(Value a, Value b) {
  int64_t x, y, r;
  if (small_of(a, &x) && small_of(b, &y) && !__builtin_mul_overflow(x, y, &r))
    return int_from_i64(r);
  MpzArg p(a), q(b);
  if (bitlen(p.z) + bitlen(q.z) > kMaxBits) return memory_error();
  mpz_t res;
  mpz_init(res);
  mpz_mul(res, p.z, q.z);
  return take_mpz(res);
}

namespace {

// Python's floor division and modulo on small values (b != 0).
inline void small_divmod(int64_t x, int64_t y, int64_t* q, int64_t* r) {
  int64_t qq = x / y, rr = x % y;
  if (rr != 0 && ((rr ^ y) < 0)) {
    rr += y;
    qq -= 1;
  }
  *q = qq;
  *r = rr;
}

}  // namespace

Value int_floordiv(Value a, Value b) {
  int64_t x, y;
  if (small_of(a, &x) && small_of(b, &y)) {
    if (y == 0) return raise_int_div_zero();
    int64_t q, r;
    small_divmod(x, y, &q, &r);
    return int_from_i64(q);
  }
  if (is_zero(b)) return raise_int_div_zero();
  return big_binary(a, b, [](mpz_ptr r, mpz_srcptr p, mpz_srcptr q) { mpz_fdiv_q(r, p, q); });
}

Value int_mod(Value a, Value b) {
  int64_t x, y;
  if (small_of(a, &x) && small_of(b, &y)) {
    if (y == 0) return raise(ZeroDivisionError, "integer modulo by zero");
    int64_t q, r;
    small_divmod(x, y, &q, &r);
    return Value::small(r);
  }
  if (is_zero(b)) return raise(ZeroDivisionError, "integer modulo by zero");
  return big_binary(a, b, [](mpz_ptr r, mpz_srcptr p, mpz_srcptr q) { mpz_fdiv_r(r, p, q); });
}

Value int_divmod(Value a, Value b) {
  int64_t x, y;
  Value q, r;
  if (small_of(a, &x) && small_of(b, &y)) {
    if (y == 0) return raise_int_div_zero();
    int64_t qq, rr;
    small_divmod(x, y, &qq, &rr);
    q = int_from_i64(qq);
    if (!q) return Value();
    r = Value::small(rr);
  } else {
    if (is_zero(b)) return raise_int_div_zero();
    MpzArg p(a), d(b);
    mpz_t qz, rz;
    mpz_init(qz);
    mpz_init(rz);
    mpz_fdiv_qr(qz, rz, p.z, d.z);
    q = take_mpz(qz);
    r = take_mpz(rz);
    if (!q || !r) {
      xdecref(q);
      xdecref(r);
      return Value();
    }
  }
  Value t = tuple_new(2);
  if (!t) {
    decref(q);
    decref(r);
    return Value();
  }
  tuple_items(t)[0] = q;
  tuple_items(t)[1] = r;
  return t;
}

Value int_truediv(Value a, Value b) {
  int64_t x, y;
  constexpr int64_t kExact = int64_t(1) << DBL_MANT_DIG;
  if (small_of(a, &x) && small_of(b, &y) && x >= -kExact && x <= kExact && y >= -kExact &&
      y <= kExact) {
    if (y == 0) return raise(ZeroDivisionError, "division by zero");
    return float_new(double(x) / double(y));  // both exact: one correctly rounded division
  }
  MpzArg p(a), d(b);
  if (mpz_sgn(d.z) == 0) return raise(ZeroDivisionError, "division by zero");
  bool neg = (mpz_sgn(p.z) < 0) != (mpz_sgn(d.z) < 0);
  if (mpz_sgn(p.z) == 0) return float_new(neg ? -0.0 : 0.0);
  mpz_t na, nb;
  mpz_init(na);
  mpz_init(nb);
  mpz_abs(na, p.z);
  mpz_abs(nb, d.z);
  int64_t diff = bitlen(na) - bitlen(nb);  // a/b lies in [2**(diff-1), 2**(diff+1))
  double result;
  if (diff > DBL_MAX_EXP) {
    mpz_clear(na);
    mpz_clear(nb);
    return raise(OverflowError, "integer division result too large for a float");
  }
  if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) {
    result = 0.0;  // below half the smallest subnormal
  } else {
    // Scale so that the quotient has at least 55 significant bits (or reaches the
    // subnormal range's fixed lowest bit), then round once with a sticky bit.
    int64_t shift = std::max<int64_t>(diff, DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    bool inexact = false;
    if (shift > 0) {
      inexact = mpz_scan1(na, 0) < mp_bitcnt_t(shift);
      mpz_tdiv_q_2exp(na, na, mp_bitcnt_t(shift));
    } else if (shift < 0) {
      mpz_mul_2exp(na, na, mp_bitcnt_t(-shift));
    }
    mpz_t q;
    mpz_init(q);
    mpz_tdiv_qr(q, na, na, nb);
    if (mpz_sgn(na) != 0) inexact = true;
    bool of;
    result = scaled_to_double(q, shift, inexact, &of);
    mpz_clear(q);
    if (of) {
      mpz_clear(na);
      mpz_clear(nb);
      return raise(OverflowError, "integer division result too large for a float");
    }
  }
  mpz_clear(na);
  mpz_clear(nb);
  return float_new(neg ? -result : result);
}

Value int_pow(Value a, Value b) {
  if (int_sign(b) < 0) {
    bool failed;
    double x = int_as_double_checked(a, &failed);
    if (failed) return Value();
    double y = int_as_double_checked(b, &failed);
    if (failed) return Value();
    return float_power(x, y);
  }
  int64_t x, y;
  bool a_small = small_of(a, &x);
  if (a_small && small_of(b, &y)) {
    // Square-and-multiply while it stays in 64 bits.
    int64_t result = 1, base = x, e = y;
    bool ok = true;
    while (e > 0) {
      if (e & 1) {
        if (__builtin_mul_overflow(result, base, &result)) {
          ok = false;
          break;
        }
      }
      e >>= 1;
      if (e > 0 && __builtin_mul_overflow(base, base, &base)) {
        ok = false;
        break;
      }
    }
    if (ok) return int_from_i64(result);
  }
  MpzArg p(a);
  if (a_small && (x == 0 || x == 1)) return Value::small(x);
  if (a_small && x == -1) {
    MpzArg e(b);
    return Value::small(mpz_odd_p(e.z) ? -1 : 1);
  }
  int64_t e;
  if (!int_to_i64(b, &e) || double(bitlen(p.z) - 1) * double(e) > double(kMaxBits))
    return memory_error();
  mpz_t r;
  mpz_init(r);
  mpz_pow_ui(r, p.z, uint64_t(e));
  return take_mpz(r);
}

int int_compare(Value a, Value b) {
  int64_t x, y;
  if (small_of(a, &x) && small_of(b, &y)) return (x > y) - (x < y);
  MpzArg p(a), q(b);
  int c = mpz_cmp(p.z, q.z);
  return (c > 0) - (c < 0);
}

int64_t int_hash(Value v) {
  constexpr uint64_t kModulus = (uint64_t(1) << 61) - 1;
  int64_t s;
  if (small_of(v, &s)) {
    uint64_t m = s < 0 ? uint64_t(0) - uint64_t(s) : uint64_t(s);
    m %= kModulus;
    int64_t h = s < 0 ? -int64_t(m) : int64_t(m);
    return h == -1 ? -2 : h;
  }
  mpz_srcptr z = v.as<IntObject>()->z;
  uint64_t m = mpz_tdiv_ui(z, kModulus);
  int64_t h = mpz_sgn(z) < 0 ? -int64_t(m) : int64_t(m);
  return h == -1 ? -2 : h;
}

// -- Slots ------------------------------------------------------------------------------------

namespace {

#define BOTH_INTS(a, b) \
  if (!is_int(a) || !is_int(b)) return NotImplemented()

Value nb_add(Value a, Value b) {
  if (a.is_small() && b.is_small()) return int_from_i64(a.small_value() + b.small_value());
  BOTH_INTS(a, b);
  return int_add(a, b);
}

Value nb_sub(Value a, Value b) {
  if (a.is_small() && b.is_small()) return int_from_i64(a.small_value() - b.small_value());
  BOTH_INTS(a, b);
  return int_sub(a, b);
}

Value nb_mul(Value a, Value b) {
  BOTH_INTS(a, b);
  return int_mul(a, b);
}

Value nb_floordiv(Value a, Value b) {
  BOTH_INTS(a, b);
  return int_floordiv(a, b);
}

Value nb_mod(Value a, Value b) {
  BOTH_INTS(a, b);
  return int_mod(a, b);
}

Value nb_truediv(Value a, Value b) {
  BOTH_INTS(a, b);
  return int_truediv(a, b);
}

Value nb_pow(Value a, Value b) {
  BOTH_INTS(a, b);
  return int_pow(a, b);
}

Value nb_pow3(Value a, Value b, Value m) {
  if (is_none(m)) {
    BOTH_INTS(a, b);
    return int_pow(a, b);
  }
  if (!is_int(a) || !is_int(b) || !is_int(m)) return NotImplemented();
  MpzArg base(a), ex(b), mod(m);
  if (mpz_sgn(mod.z) == 0) return raise(ValueError, "pow() 3rd argument cannot be 0");
  mpz_t am, r;
  mpz_init(am);
  mpz_init(r);
  mpz_abs(am, mod.z);
  if (mpz_cmp_ui(am, 1) == 0) {
    mpz_clear(am);
    mpz_clear(r);
    return Value::small(0);
  }
  if (mpz_sgn(ex.z) < 0) {
    mpz_t inv, pe;
    mpz_init(inv);
    if (!mpz_invert(inv, base.z, am)) {
      mpz_clear(inv);
      mpz_clear(am);
      mpz_clear(r);
      return raise(ValueError, "base is not invertible for the given modulus");
    }
    mpz_init(pe);
    mpz_neg(pe, ex.z);
    mpz_powm(r, inv, pe, am);
    mpz_clear(pe);
    mpz_clear(inv);
  } else {
    mpz_powm(r, base.z, ex.z, am);
  }
  // The result takes the sign of the modulus, as % does.
  if (mpz_sgn(mod.z) < 0 && mpz_sgn(r) != 0) mpz_sub(r, r, am);
  mpz_clear(am);
  return take_mpz(r);
}

Value nb_lshift(Value a, Value b) {
  BOTH_INTS(a, b);
  if (int_sign(b) < 0) return raise(ValueError, "negative shift count");
  int64_t x, c;
  if (int_sign(a) == 0) return Value::small(0);
  if (!int_to_i64(b, &c)) return raise(OverflowError, "too many digits in integer");
  if (small_of(a, &x) && c < 62) {
    int64_t r = int64_t(uint64_t(x) << c);
    if ((r >> c) == x) return int_from_i64(r);
  }
  MpzArg p(a);
  if (bitlen(p.z) + c > kMaxBits) return memory_error();
  mpz_t r;
  mpz_init(r);
  mpz_mul_2exp(r, p.z, mp_bitcnt_t(c));
  return take_mpz(r);
}

Value nb_rshift(Value a, Value b) {
  BOTH_INTS(a, b);
  int sb = int_sign(b);
  if (sb < 0) return raise(ValueError, "negative shift count");
  int64_t x, c = 0;
  bool c_fits = int_to_i64(b, &c);
  if (small_of(a, &x)) {
    if (!c_fits || c >= 63) return Value::small(x < 0 ? -1 : 0);
    return Value::small(x >> c);
  }
  MpzArg p(a);
  if (!c_fits || c >= bitlen(p.z)) return Value::small(mpz_sgn(p.z) < 0 ? -1 : 0);
  mpz_t r;
  mpz_init(r);
  mpz_fdiv_q_2exp(r, p.z, mp_bitcnt_t(c));
  return take_mpz(r);
}

Value nb_and(Value a, Value b) {
  BOTH_INTS(a, b);
  int64_t x, y;
  if (small_of(a, &x) && small_of(b, &y)) return Value::small(x & y);
  return big_binary(a, b, [](mpz_ptr r, mpz_srcptr p, mpz_srcptr q) { mpz_and(r, p, q); });
}

Value nb_or(Value a, Value b) {
  BOTH_INTS(a, b);
  int64_t x, y;
  if (small_of(a, &x) && small_of(b, &y)) return Value::small(x | y);
  return big_binary(a, b, [](mpz_ptr r, mpz_srcptr p, mpz_srcptr q) { mpz_ior(r, p, q); });
}

Value nb_xor(Value a, Value b) {
  BOTH_INTS(a, b);
  int64_t x, y;
  if (small_of(a, &x) && small_of(b, &y)) return Value::small(x ^ y);
  return big_binary(a, b, [](mpz_ptr r, mpz_srcptr p, mpz_srcptr q) { mpz_xor(r, p, q); });
}

Value nb_negative(Value v) {
  int64_t x;
  if (small_of(v, &x)) return int_from_i64(-x);
  mpz_t r;
  mpz_init(r);
  mpz_neg(r, v.as<IntObject>()->z);
  return take_mpz(r);
}

Value nb_positive(Value v) { return int_exact(v); }

Value nb_invert(Value v) {
  int64_t x;
  if (small_of(v, &x)) return Value::small(~x);
  mpz_t r;
  mpz_init(r);
  mpz_com(r, v.as<IntObject>()->z);
  return take_mpz(r);
}

Value nb_absolute(Value v) {
  int64_t x;
  if (small_of(v, &x)) return int_from_i64(x < 0 ? -x : x);
  mpz_t r;
  mpz_init(r);
  mpz_abs(r, v.as<IntObject>()->z);
  return take_mpz(r);
}

int nb_bool(Value v) { return int_sign(v) != 0; }

Value nb_float(Value v) {
  bool failed;
  double d = int_as_double_checked(v, &failed);
  if (failed) return Value();
  return float_new(d);
}

Value int_richcompare(Value a, Value b, int op) {
  if (!is_int(a) || !is_int(b)) return NotImplemented();
  int c = int_compare(a, b);
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

int64_t int_hash_slot(Value v) { return int_hash(v); }

void int_dealloc(Object* o) {
  mpz_clear(reinterpret_cast<IntObject*>(o)->z);
  free_object(o);
}

// bool's &, |, ^: a bool when both operands are bools, int's result otherwise.
inline bool is_bool(Value v) { return v == True() || v == False(); }

Value bool_and(Value a, Value b) {
  if (is_bool(a) && is_bool(b)) return Bool(a == True() && b == True());
  return nb_and(a, b);
}
Value bool_or(Value a, Value b) {
  if (is_bool(a) && is_bool(b)) return Bool(a == True() || b == True());
  return nb_or(a, b);
}
Value bool_xor(Value a, Value b) {
  if (is_bool(a) && is_bool(b)) return Bool((a == True()) != (b == True()));
  return nb_xor(a, b);
}

}  // namespace

// -- divmod for any pair ------------------------------------------------------------------------

Value number_divmod(Value a, Value b) {
  if (is_int(a) && is_int(b) && is_exact_int(a) && is_exact_int(b)) return int_divmod(a, b);
  // CPython's binary_op1 order with __divmod__/__rdivmod__ as the slot.
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  Value fa = type_lookup(ta, STRATA_NAME(__divmod__));
  Value fb = tb != ta ? type_lookup(tb, STRATA_NAME(__rdivmod__)) : Value();
  if (fb && fa && is_subtype(tb, ta)) {
    Value ra = type_lookup(ta, STRATA_NAME(__rdivmod__));
    if (ra != fb) {
      Value r = call2(fb, b, a);
      if (!r) return Value();
      if (r != NotImplemented()) return r;
      decref(r);
      fb = Value();
    }
  }
  if (fa) {
    Value r = call2(fa, a, b);
    if (!r) return Value();
    if (r != NotImplemented()) return r;
    decref(r);
  }
  if (fb) {
    Value r = call2(fb, b, a);
    if (!r) return Value();
    if (r != NotImplemented()) return r;
    decref(r);
  }
  return raise(TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
               type_name(a), type_name(b));
}

// -- Argument parsing ---------------------------------------------------------------------------

int parse_args(const char* fname, const Value* args, size_t nargs, Value kwnames,
               const char* const* names, int nnames, int npos_only, int nmax_pos,
               int nrequired, Value* out) {
  for (int i = 0; i < nnames; ++i) out[i] = Value();
  if (int64_t(nargs) > nmax_pos) {
    // Argument Clinic's wording: "positional" only when keyword-only parameters exist.
    const char* kind = nmax_pos < nnames ? "positional " : "";
    if (nmax_pos == 0)
      raise(TypeError, "%s() takes no positional arguments", fname);
    else
      raise(TypeError, "%s() takes %s %d %sargument%s (%zu given)", fname,
            nrequired == nmax_pos ? "exactly" : "at most", nmax_pos, kind,
            nmax_pos == 1 ? "" : "s", nargs);
    return -1;
  }
  for (size_t i = 0; i < nargs; ++i) out[i] = args[i];
  if (kwnames) {
    int64_t nk = tuple_size(kwnames);
    for (int64_t k = 0; k < nk; ++k) {
      Value key = tuple_item(kwnames, k);
      int found = -1;
      for (int i = 0; i < nnames; ++i)
        if (str_equal_ascii(key, names[i])) {
          found = i;
          break;
        }
      if (found < npos_only) {
        raise(TypeError, "'%U' is an invalid keyword argument for %s()", key, fname);
        return -1;
      }
      if (out[found]) {
        raise(TypeError, "argument for %s() given by name ('%s') and position (%d)", fname,
              names[found], found + 1);
        return -1;
      }
      out[found] = args[nargs + k];
    }
  }
  for (int i = 0; i < nrequired; ++i)
    if (!out[i]) {
      if (i < npos_only || i >= int(nargs))
        raise(TypeError, "%s() missing required argument '%s' (pos %d)", fname, names[i],
              i + 1);
      return -1;
    }
  return 0;
}

// -- int(x), int(x, base) -------------------------------------------------------------------------

namespace {

// The result of __int__/__index__/__trunc__ checked to be an int, made exact.
Value checked_int_result(Value r, const char* what) {
  if (!r) return Value();
  if (is_exact_int(r)) return r;
  if (is_int(r)) {
    Value e = int_exact(r);
    decref(r);
    return e;
  }
  raise(TypeError, "%s returned non-int (type %s)", what, type_name(r));
  decref(r);
  return Value();
}

}  // namespace

Value int_from_object(Value x) {
  if (is_exact_int(x)) return newref(x);
  Type* t = type_of(x);
  if (t->nb_int) return checked_int_result(t->nb_int(x), "__int__");
  if (t->nb_index) return checked_int_result(t->nb_index(x), "__index__");
  Value trunc = lookup_special(x, STRATA_NAME(__trunc__));
  if (trunc) {
    Value r = call1(trunc, x);
    if (!r) return Value();
    if (is_int(r)) {
      Value e = int_exact(r);
      decref(r);
      return e;
    }
    Type* rt = type_of(r);
    if (!rt->nb_index) {
      raise(TypeError, "__trunc__ returned non-Integral (type %s)", type_name(r));
      decref(r);
      return Value();
    }
    Value e = checked_int_result(rt->nb_index(r), "__index__");
    decref(r);
    return e;
  }
  if (is_str(x) || is_bytes(x) || is_instance_of(x, &ByteArrayType)) return parse_int_object(x, 10);
  return raise(TypeError,
               "int() argument must be a string, a bytes-like object or a real number, not "
               "'%s'",
               type_name(x));
}

namespace {

// An instance of an int subclass holding the value of the exact int v (stolen).
Value int_subtype_new(Type* type, Value v) {
  if (!v) return Value();
  Object* o = alloc_object(type, type->basicsize);
  if (!o) {
    decref(v);
    return Value();
  }
  IntObject* io = reinterpret_cast<IntObject*>(o);
  MpzArg a(v);
  mpz_init_set(io->z, a.z);
  decref(v);
  if (has_flag(type, TF_HAVE_GC)) gc_track(o);
  return Value::from(o);
}

Value int_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"x", "base"};
  Value a[2];
  if (nargs + (kwnames ? size_t(tuple_size(kwnames)) : 0) > 2)
    return raise(TypeError, "int() takes at most 2 arguments (%zu given)",
                 nargs + (kwnames ? size_t(tuple_size(kwnames)) : 0));
  if (parse_args("int", args, nargs, kwnames, names, 2, 1, 2, 0, a) < 0) return Value();
  Value result;
  if (!a[0]) {
    if (a[1]) return raise(TypeError, "int() missing string argument");
    result = Value::small(0);
  } else if (!a[1]) {
    result = int_from_object(a[0]);
  } else {
    int64_t base = as_ssize(a[1], nullptr);
    if (base == -1 && error_occurred()) return Value();
    if (base != 0 && (base < 2 || base > 36))
      return raise(ValueError, "int() base must be >= 2 and <= 36, or 0");
    result = parse_int_object(a[0], int(base));
  }
  if (type == &IntType || !result) return result;
  return int_subtype_new(type, result);
}

Value bool_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) return raise(TypeError, "bool() takes no keyword arguments");
  if (nargs > 1) return raise(TypeError, "bool expected at most 1 argument, got %zu", nargs);
  if (nargs == 0) return False();
  int r = is_true(args[0]);
  if (r < 0) return Value();
  return Bool(r);
}

// -- Methods ----------------------------------------------------------------------------------

Value m_conjugate(Value self, const Value*, size_t, Value) { return int_exact(self); }

Value m_bit_length(Value self, const Value*, size_t, Value) {
  MpzArg a(self);
  return Value::small(bitlen(a.z));
}

Value m_bit_count(Value self, const Value*, size_t, Value) {
  int64_t x;
  if (small_of(self, &x)) return Value::small(__builtin_popcountll(uint64_t(x < 0 ? -x : x)));
  mpz_t t;
  mpz_init(t);
  mpz_abs(t, self.as<IntObject>()->z);
  int64_t c = int64_t(mpz_popcount(t));
  mpz_clear(t);
  return int_from_i64(c);
}

// byteorder argument: 1 little, 0 big, -1 error.
int parse_byteorder(Value v) {
  if (!v) return 0;
  if (!is_str(v))
    return raise(TypeError, "to_bytes() argument 'byteorder' must be str, not %s",
                 type_name(v)),
           -1;
  if (str_equal_ascii(v, "little")) return 1;
  if (str_equal_ascii(v, "big")) return 0;
  raise(ValueError, "byteorder must be either 'little' or 'big'");
  return -1;
}

Value m_to_bytes(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"length", "byteorder", "signed"};
  Value a[3];
  if (parse_args("to_bytes", args, nargs, kwnames, names, 3, 0, 2, 0, a) < 0) return Value();
  int64_t length = 1;
  if (a[0]) {
    length = as_ssize(a[0], OverflowError);
    if (length == -1 && error_occurred()) return Value();
    if (length < 0) return raise(ValueError, "length argument must be non-negative");
  }
  int little = parse_byteorder(a[1]);
  if (little < 0) return Value();
  bool is_signed = false;
  if (a[2]) {
    int t = is_true(a[2]);
    if (t < 0) return Value();
    is_signed = t;
  }
  MpzArg v(self);
  int sgn = mpz_sgn(v.z);
  if (sgn < 0 && !is_signed) return raise(OverflowError, "can't convert negative int to unsigned");
  if (length > (int64_t(1) << 32)) {
    // Fits or not, the bytes would not: CPython fails allocating them too.
    if (bitlen(v.z) > 8 * (int64_t(1) << 32)) return raise(OverflowError, "int too big to convert");
    return raise_no_memory();
  }
  // Two's complement of a negative value: 2**(8*length) + v.
  mpz_t t;
  mpz_init(t);
  bool fits;
  if (sgn < 0) {
    mpz_t lim;
    mpz_init(lim);
    mpz_setbit(lim, mp_bitcnt_t(8 * length));
    mpz_add(t, lim, v.z);
    // Fits when -2**(8*length-1) <= v: the complement keeps the top bit set.
    // (CPython lets -1 "fit" in zero bytes; so do we.)
    fits = length > 0 ? mpz_sgn(t) > 0 && mpz_tstbit(t, mp_bitcnt_t(8 * length - 1))
                      : mpz_cmp_si(v.z, -1) == 0;
    mpz_clear(lim);
  } else {
    mpz_set(t, v.z);
    int64_t bits = bitlen(v.z);
    fits = bits == 0 || (is_signed ? bits < 8 * length : bits <= 8 * length);
  }
  if (!fits) {
    mpz_clear(t);
    return raise(OverflowError, "int too big to convert");
  }
  std::string out(size_t(length), '\0');
  size_t count = 0;
  if (length > 0 && mpz_sgn(t) != 0) {
    std::string tmp((mpz_sizeinbase(t, 2) + 7) / 8, '\0');
    mpz_export(tmp.data(), &count, 1, 1, 1, 0, t);  // big-endian bytes
    std::memcpy(out.data() + (length - int64_t(count)), tmp.data(), count);
  }
  mpz_clear(t);
  if (little) std::reverse(out.begin(), out.end());
  return bytes_from(out);
}

Value m_from_bytes(Value cls, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"bytes", "byteorder", "signed"};
  Value a[3];
  if (parse_args("from_bytes", args, nargs, kwnames, names, 3, 0, 2, 1, a) < 0) return Value();
  int little = parse_byteorder(a[1]);
  if (little < 0) return Value();
  bool is_signed = false;
  if (a[2]) {
    int t = is_true(a[2]);
    if (t < 0) return Value();
    is_signed = t;
  }
  Ref owned;
  Value data = a[0];
  if (is_str(data)) return raise(TypeError, "cannot convert 'str' object to bytes");
  if (!is_bytes(data)) {
    owned.reset(call1(Value::from(&BytesType), data));
    if (!owned) return Value();
    data = owned.get();
  }
  int64_t n = bytes_size(data);
  const uint8_t* d = bytes_data(data);
  mpz_t r;
  mpz_init(r);
  if (n > 0) mpz_import(r, size_t(n), little ? -1 : 1, 1, 1, 0, d);
  if (is_signed && n > 0 && (little ? d[n - 1] : d[0]) & 0x80) {
    mpz_t lim;
    mpz_init(lim);
    mpz_setbit(lim, mp_bitcnt_t(8 * n));
    mpz_sub(r, r, lim);
    mpz_clear(lim);
  }
  Value v = take_mpz(r);
  if (!v) return Value();
  if (cls == Value::from(&IntType)) return v;
  Value res = call1(cls, v);
  decref(v);
  return res;
}

Value m_as_integer_ratio(Value self, const Value*, size_t, Value) {
  Value n = int_exact(self);
  if (!n) return Value();
  Value t = tuple_pack({n, Value::small(1)});
  decref(n);
  return t;
}

Value m_exact(Value self, const Value*, size_t, Value) { return int_exact(self); }

Value m_round(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (nargs > 1) return raise(TypeError, "__round__ expected at most 1 argument, got %zu", nargs);
  if (nargs == 0) return int_exact(self);
  Value nd = number_index(args[0]);
  if (!nd) return Value();
  Ref ndr(nd);
  if (int_sign(nd) >= 0) return int_exact(self);
  // Round to a multiple of 10**(-ndigits), half to even.
  MpzArg x(self), k(nd);
  mpz_t p, q, r, twice;
  // 10**k > 2*|x| when k exceeds x's digit count by one: the result is 0.
  if (!mpz_fits_slong_p(k.z) || -mpz_get_si(k.z) > int64_t(mpz_sizeinbase(x.z, 10)) + 1)
    return Value::small(0);
  mpz_init(p);
  mpz_ui_pow_ui(p, 10, uint64_t(-mpz_get_si(k.z)));
  mpz_init(q);
  mpz_init(r);
  mpz_init(twice);
  mpz_fdiv_qr(q, r, x.z, p);
  mpz_mul_2exp(twice, r, 1);
  int c = mpz_cmp(twice, p);
  if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
  mpz_mul(q, q, p);
  mpz_clear(p);
  mpz_clear(r);
  mpz_clear(twice);
  return take_mpz(q);
}

Value m_getnewargs(Value self, const Value*, size_t, Value) {
  Value n = int_exact(self);
  if (!n) return Value();
  Value t = tuple_pack({n});
  decref(n);
  return t;
}

Value m_sizeof(Value self, const Value*, size_t, Value) {
  // CPython 3.11's layout: a 24-byte header and 30-bit digits of 4 bytes, at least one.
  MpzArg a(self);
  int64_t digits = std::max<int64_t>((bitlen(a.z) + 29) / 30, 1);
  int64_t base = 24;
  if (!is_exact_int(self) && !is_bool(self)) base = int64_t(type_of(self)->basicsize) - int64_t(sizeof(IntObject)) + 24;
  return Value::small(base + 4 * digits);
}

Value m_divmod(Value self, const Value* args, size_t nargs, Value) {
  if (nargs != 1) return raise(TypeError, "expected 1 argument, got %zu", nargs);
  if (!is_int(args[0])) return NotImplemented();
  return int_divmod(self, args[0]);
}

Value m_rdivmod(Value self, const Value* args, size_t nargs, Value) {
  if (nargs != 1) return raise(TypeError, "expected 1 argument, got %zu", nargs);
  if (!is_int(args[0])) return NotImplemented();
  return int_divmod(args[0], self);
}

Value m_format(Value self, const Value* args, size_t nargs, Value);

// -- Getsets ------------------------------------------------------------------------------------

Value g_real(Value self) { return int_exact(self); }
Value g_imag(Value) { return Value::small(0); }
Value g_denominator(Value) { return Value::small(1); }

const MethodDef int_methods[] = {
    {"conjugate", m_conjugate, METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", m_bit_length, METH_NOARGS, "Number of bits necessary to represent self in binary."},
    {"bit_count", m_bit_count, METH_NOARGS, "Number of ones in the binary representation of the absolute value of self."},
    {"to_bytes", m_to_bytes, METH_FASTCALL | METH_KEYWORDS, "Return an array of bytes representing an integer."},
    {"from_bytes", m_from_bytes, METH_FASTCALL | METH_KEYWORDS | METH_CLASS, "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", m_as_integer_ratio, METH_NOARGS, "Return integer ratio."},
    {"__trunc__", m_exact, METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", m_exact, METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", m_exact, METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", m_round, METH_FASTCALL, "Rounding an Integral returns itself.\n\nRounding with an ndigits argument also returns an integer."},
    {"__getnewargs__", m_getnewargs, METH_NOARGS, nullptr},
    {"__format__", m_format, METH_O, "Convert to a string according to format_spec."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {"__divmod__", m_divmod, METH_O, "Return divmod(self, value)."},
    {"__rdivmod__", m_rdivmod, METH_O, "Return divmod(value, self)."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef int_getset[] = {
    {"real", g_real, nullptr, "the real part of a complex number"},
    {"imag", g_imag, nullptr, "the imaginary part of a complex number"},
    {"numerator", g_real, nullptr, "the numerator of a rational number in lowest terms"},
    {"denominator", g_denominator, nullptr, "the denominator of a rational number in lowest terms"},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

// -- The format-spec mini-language ------------------------------------------------------------

int parse_format_spec(Value spec, const char* tname, char default_type, FormatSpec* out) {
  *out = FormatSpec();
  int64_t n = str_length(spec);
  int64_t pos = 0;
  auto at = [&](int64_t i) -> uint32_t { return i < n ? str_char(spec, i) : 0; };
  auto is_align = [](uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
  bool fill_given = false, align_given = false;
  if (n >= 2 && is_align(at(1))) {
    out->fill = at(0);
    out->align = char(at(1));
    fill_given = align_given = true;
    pos = 2;
  } else if (n >= 1 && is_align(at(0))) {
    out->align = char(at(0));
    align_given = true;
    pos = 1;
  }
  if (pos < n && (at(pos) == '+' || at(pos) == '-' || at(pos) == ' ')) out->sign = char(at(pos++));
  if (pos < n && at(pos) == 'z') {
    out->no_neg_zero = true;
    ++pos;
  }
  if (pos < n && at(pos) == '#') {
    out->alternate = true;
    ++pos;
  }
  if (!fill_given && pos < n && at(pos) == '0') {
    out->fill = '0';
    out->zero_pad = true;
    if (!align_given) out->align = '=';
    ++pos;
  }
  auto read_number = [&](int64_t* v) -> int {
    int64_t start = pos, acc = 0;
    while (pos < n && at(pos) >= '0' && at(pos) <= '9') {
      if (acc > (INT64_MAX - 9) / 10 || acc > INT32_MAX) {
        raise(ValueError, "Too many decimal digits in format string");
        return -1;
      }
      acc = acc * 10 + (at(pos) - '0');
      ++pos;
    }
    if (pos == start) return 0;
    *v = acc;
    return 1;
  };
  if (read_number(&out->width) < 0) return -1;
  if (pos < n && at(pos) == ',') {
    out->thousands = ',';
    ++pos;
  }
  if (pos < n && at(pos) == '_') {
    if (out->thousands) {
      raise(ValueError, "Cannot specify both ',' and '_'.");
      return -1;
    }
    out->thousands = '_';
    ++pos;
  }
  if (pos < n && at(pos) == ',') {
    raise(ValueError, "Cannot specify both ',' and '_'.");
    return -1;
  }
  if (pos < n && at(pos) == '.') {
    ++pos;
    int r = read_number(&out->precision);
    if (r < 0) return -1;
    if (r == 0) {
      raise(ValueError, "Format specifier missing precision");
      return -1;
    }
  }
  if (n - pos > 1) {
    raise(ValueError, "Invalid format specifier '%U' for object of type '%s'", spec, tname);
    return -1;
  }
  if (n - pos == 1) {
    uint32_t t = at(pos);
    if (t > 127) {
      raise(ValueError, "Unknown format code '\\x%x' for object of type '%s'", unsigned(t), tname);
      return -1;
    }
    out->type = char(t);
  } else {
    out->type = default_type;
  }
  if (out->thousands) {
    char t = out->type;
    bool ok = t == 'd' || t == 'e' || t == 'f' || t == 'g' || t == 'E' || t == 'G' ||
              t == '%' || t == 'F' || t == 0;
    if (out->thousands == '_') ok = ok || t == 'b' || t == 'o' || t == 'x' || t == 'X';
    if (!ok) {
      if (t > 32 && t < 127)
        raise(ValueError, "Cannot specify '%c' with '%c'.", out->thousands, t);
      else
        raise(ValueError, "Cannot specify '%c' with '\\x%x'.", out->thousands, unsigned(t));
      return -1;
    }
  }
  return 0;
}

namespace {

void append_utf8(std::string* s, uint32_t cp) {
  if (cp < 0x80) {
    s->push_back(char(cp));
  } else if (cp < 0x800) {
    s->push_back(char(0xC0 | (cp >> 6)));
    s->push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    s->push_back(char(0xE0 | (cp >> 12)));
    s->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    s->push_back(char(0x80 | (cp & 0x3F)));
  } else {
    s->push_back(char(0xF0 | (cp >> 18)));
    s->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    s->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    s->push_back(char(0x80 | (cp & 0x3F)));
  }
}

void append_fill(std::string* s, uint32_t fill, int64_t count) {
  for (int64_t i = 0; i < count; ++i) append_utf8(s, fill);
}

// Groups `digits` from the right with `sep` every `group` digits, zero-padding on the left
// until the text is at least `min_width` long (never starting with a separator).
std::string group_digits(std::string_view digits, char sep, int group, int64_t min_width) {
  std::string rev;
  int64_t remaining = int64_t(digits.size());
  int64_t cur = 0;
  bool first = true;
  while (remaining > 0 || cur < min_width || first) {
    if (!first) {
      rev.push_back(sep);
      ++cur;
    }
    int64_t len = std::min<int64_t>(group, std::max<int64_t>(remaining, min_width - cur));
    if (len < 1) len = 1;
    for (int64_t i = 0; i < len; ++i) {
      if (remaining > 0)
        rev.push_back(digits[size_t(--remaining)]);
      else
        rev.push_back('0');
    }
    cur += len;
    first = false;
  }
  return std::string(rev.rbegin(), rev.rend());
}

}  // namespace

Value format_number_layout(const FormatSpec& spec, std::string_view sign,
                           std::string_view prefix, std::string_view digits,
                           std::string_view rest, int group) {
  char align = spec.align ? spec.align : '>';
  int64_t width = spec.width < 0 ? 0 : spec.width;
  std::string body_digits;
  bool zero_grouping = spec.thousands && spec.fill == '0' && align == '=';
  if (spec.thousands) {
    int64_t min_width = 0;
    if (zero_grouping)
      min_width = width - int64_t(sign.size() + prefix.size() + rest.size());
    body_digits = group_digits(digits, spec.thousands, group, min_width);
  } else {
    body_digits.assign(digits);
  }
  int64_t len = int64_t(sign.size() + prefix.size() + body_digits.size() + rest.size());
  int64_t pad = width > len ? width - len : 0;
  if (width > 100000000) return raise_no_memory();
  std::string out;
  out.reserve(size_t(len + pad * (spec.fill < 0x80 ? 1 : 4)));
  switch (align) {
    case '<':
      out.append(sign).append(prefix).append(body_digits).append(rest);
      append_fill(&out, spec.fill, pad);
      break;
    case '^':
      append_fill(&out, spec.fill, pad / 2);
      out.append(sign).append(prefix).append(body_digits).append(rest);
      append_fill(&out, spec.fill, pad - pad / 2);
      break;
    case '=':
      out.append(sign).append(prefix);
      append_fill(&out, spec.fill, pad);
      out.append(body_digits).append(rest);
      break;
    default:
      append_fill(&out, spec.fill, pad);
      out.append(sign).append(prefix).append(body_digits).append(rest);
      break;
  }
  return str_from_utf8(out);
}

namespace {

Value format_int(Value self, const FormatSpec& spec, const char* tname) {
  switch (spec.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n': break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
      bool failed;
      double d = int_as_double_checked(self, &failed);
      if (failed) return Value();
      return format_float_spec(d, spec, tname);
    }
    default:
      if (spec.type > 32 && spec.type < 127)
        return raise(ValueError, "Unknown format code '%c' for object of type '%s'", spec.type, tname);
      return raise(ValueError, "Unknown format code '\\x%x' for object of type '%s'",
                   unsigned(uint8_t(spec.type)), tname);
  }
  if (spec.precision >= 0) return raise(ValueError, "Precision not allowed in integer format specifier");
  if (spec.no_neg_zero)
    return raise(ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
  if (spec.type == 'c') {
    if (spec.sign) return raise(ValueError, "Sign not allowed with integer format specifier 'c'");
    if (spec.alternate)
      return raise(ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
    int64_t x;
    if (!int_to_i64(self, &x)) return raise(OverflowError, "Python int too large to convert to C long");
    if (x < 0 || x > 0x10FFFF) return raise(OverflowError, "%%c arg not in range(0x110000)");
    std::string ch;
    append_utf8(&ch, uint32_t(x));
    // The character counts as one column whatever its UTF-8 length.
    FormatSpec s = spec;
    std::string_view none;
    Value r;
    if (x < 0x80) {
      r = format_number_layout(s, none, none, ch, none, 3);
    } else {
      // Lay out a one-column placeholder, then substitute the character.
      Value t = format_number_layout(s, none, none, "\x01", none, 3);
      if (!t) return Value();
      std::string u(str_utf8(t));
      decref(t);
      size_t at = u.find('\x01');
      u.replace(at, 1, ch);
      r = str_from_utf8(u);
    }
    return r;
  }
  MpzArg a(self);
  bool neg = mpz_sgn(a.z) < 0;
  int base = 10;
  const char* prefix = "";
  switch (spec.type) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    default: break;
  }
  std::string digits;
  if (base == 10) {
    if (!decimal_text(self, &digits)) return Value();
    if (neg) digits.erase(0, 1);
  } else {
    digits.resize(mpz_sizeinbase(a.z, base) + 2);
    mpz_get_str(digits.data(), base, a.z);
    digits.resize(std::strlen(digits.c_str()));
    if (neg) digits.erase(0, 1);
    if (spec.type == 'X')
      for (char& c : digits) c = char(std::toupper(uint8_t(c)));
  }
  const char* sign = neg ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
  return format_number_layout(spec, sign, spec.alternate ? prefix : "", digits, "",
                              base == 10 ? 3 : 4);
}

Value m_format(Value self, const Value* args, size_t nargs, Value) {
  if (nargs != 1) return raise(TypeError, "__format__() takes exactly one argument (%zu given)", nargs);
  Value spec = args[0];
  if (!is_str(spec))
    return raise(TypeError, "__format__() argument must be str, not %s", type_name(spec));
  if (str_length(spec) == 0) return str(self);
  FormatSpec fs;
  const char* tname = type_name(self);
  if (parse_format_spec(spec, tname, 'd', &fs) < 0) return Value();
  return format_int(self, fs, tname);
}

Value int_index(Value v) { return int_exact(v); }

}  // namespace

// -- The types --------------------------------------------------------------------------------

#define INT_NB_SLOTS(AND, OR, XOR)                                                          \
  {                                                                                         \
    nb_add, AND, nb_floordiv, nb_lshift, nullptr, nb_mul, nb_mod, OR, nb_pow, nb_rshift,  \
        nb_sub, nb_truediv, XOR, nb_add, AND, nb_floordiv, nb_lshift, nullptr, nb_mul,    \
        nb_mod, OR, nb_pow, nb_rshift, nb_sub, nb_truediv, XOR                              \
  }

Type IntType = {
    .ob = {kImmortal, &TypeType},
    .name = "int",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_INT_SUBCLASS | TF_IMMUTABLE | TF_MATCH_SELF,
    .basicsize = sizeof(IntObject),
    .dealloc = int_dealloc,
    .repr = int_repr,
    .hash = int_hash_slot,
    .richcompare = int_richcompare,
    .getattr = generic_getattr,
    .new_ = int_new,
    .nb = INT_NB_SLOTS(nb_and, nb_or, nb_xor),
    .nb_power3 = nb_pow3,
    .nb_negative = nb_negative,
    .nb_positive = nb_positive,
    .nb_invert = nb_invert,
    .nb_absolute = nb_absolute,
    .nb_bool = nb_bool,
    .nb_index = int_index,
    .nb_int = int_index,
    .nb_float = nb_float,
    .methods = int_methods,
    .getset = int_getset,
    .doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
           "Convert a number or string to an integer, or return 0 if no arguments\n"
           "are given.  If x is a number, return x.__int__().  For floating point\n"
           "numbers, this truncates towards zero.\n\n"
           "If x is not a number or if base is given, then x must be a string,\n"
           "bytes, or bytearray instance representing an integer literal in the\n"
           "given base.  The literal can be preceded by '+' or '-' and be surrounded\n"
           "by whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.\n"
           "Base 0 means to interpret the base from the string as an integer literal.\n"
           ">>> int('0b100', base=0)\n4",
};

Type BoolType = {
    .ob = {kImmortal, &TypeType},
    .name = "bool",
    .base = &IntType,
    .flags = TF_INT_SUBCLASS | TF_IMMUTABLE | TF_MATCH_SELF,
    .basicsize = sizeof(IntObject),
    .dealloc = int_dealloc,
    .repr = bool_repr,
    .hash = int_hash_slot,
    .richcompare = int_richcompare,
    .getattr = generic_getattr,
    .new_ = bool_new,
    .nb = INT_NB_SLOTS(bool_and, bool_or, bool_xor),
    .nb_power3 = nb_pow3,
    .nb_negative = nb_negative,
    .nb_positive = nb_positive,
    .nb_invert = nb_invert,
    .nb_absolute = nb_absolute,
    .nb_bool = nb_bool,
    .nb_index = int_index,
    .nb_int = int_index,
    .nb_float = nb_float,
    .doc = "bool(x) -> bool\n\n"
           "Returns True when the argument x is true, False otherwise.\n"
           "The builtins True and False are the only two instances of the class bool.\n"
           "The class bool is a subclass of the class int, and cannot be subclassed.",
};

}  // namespace strata
