// stdlib/math.cpp — the `math` module: the C library's functions on floats with CPython
// 3.11's error rules ("math domain error" / "math range error"), its own gamma/lgamma,
// atan2, remainder, log and pow wrappers, exact summation (fsum), vector norms
// (hypot/dist), and the integer functions (factorial, comb, perm, isqrt, gcd, lcm) on
// GMP through vm/int.h.
//
// Results must be bit-for-bit those of CPython on the same machine: where CPython calls
// the C library we call the same function; where it has its own algorithm (gamma,
// lgamma, the vector norm, fsum's final rounding, the int frexp behind log) we follow
// the same steps in the same order of floating-point operations.
#include <gmp.h>

#include <cerrno>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstring>

#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884197;
constexpr double kLogPi = 1.144729885849400174143427351353058711647;
constexpr double kE = 2.718281828459045235360287471352662498;
constexpr double kTau = 6.283185307179586476925286766559005768;

// -- Arguments ----------------------------------------------------------------------------------

// A float argument as PyFloat_AsDouble reads it, with the exact float and small int
// cases inline (they are nearly every call).
inline bool arg_double(Value v, double* out) {
  if (v.is_small()) {
    *out = double(v.small_value());
    return true;
  }
  if (v.obj()->type == &FloatType) {
    *out = float_value(v);
    return true;
  }
  double d = as_double(v);
  if (d == -1.0 && error_occurred()) return false;
  *out = d;
  return true;
}

Value domain_error() { return raise(ValueError, "math domain error"); }
Value range_error() { return raise(OverflowError, "math range error"); }

// CPython's is_error(): called with errno set after a libm call that returned r. Returns
// true with an exception set, or false when errno only reported an underflow.
bool is_error(double r) {
  if (errno == EDOM) {
    domain_error();
    return true;
  }
  if (errno == ERANGE) {
    // Underflow to (or towards) zero, or expm1's underflow towards -1, is not an error.
    if (std::fabs(r) < 1.5) return false;
    range_error();
    return true;
  }
  raise(ValueError, "%s", std::strerror(errno));
  return true;
}

// -- One- and two-argument wrappers --------------------------------------------------------------

using Fn1 = double (*)(double);
using Fn2 = double (*)(double, double);

// math_1: a NaN from a non-NaN is a domain error; an infinity from a finite argument is
// an overflow (can_overflow) or a singularity (domain error).
inline Value math_1(Value arg, Fn1 fn, bool can_overflow) {
  double x;
  if (!arg_double(arg, &x)) return Value();
  errno = 0;
  double r = fn(x);
  if (std::isnan(r) && !std::isnan(x)) return domain_error();
  if (std::isinf(r) && std::isfinite(x)) return can_overflow ? range_error() : domain_error();
  if (std::isfinite(r) && errno && is_error(r)) return Value();
  return float_new(r);
}

// math_1a: for functions that set errno themselves.
inline Value math_1a(Value arg, Fn1 fn) {
  double x;
  if (!arg_double(arg, &x)) return Value();
  errno = 0;
  double r = fn(x);
  if (errno && is_error(r)) return Value();
  return float_new(r);
}

inline Value math_2(const char* name, const Value* args, size_t nargs, Fn2 fn) {
  if (!check_positional(name, nargs, 2, 2)) return Value();
  double x, y;
  if (!arg_double(args[0], &x) || !arg_double(args[1], &y)) return Value();
  errno = 0;
  double r = fn(x, y);
  if (std::isnan(r)) {
    errno = (!std::isnan(x) && !std::isnan(y)) ? EDOM : 0;
  } else if (std::isinf(r)) {
    errno = (std::isfinite(x) && std::isfinite(y)) ? ERANGE : 0;
  }
  if (errno && is_error(r)) return Value();
  return float_new(r);
}

// -- CPython's own real functions ----------------------------------------------------------------

// sin(pi * x), exact at integers and half-integers (for the gamma reflection formula).
double m_sinpi(double x) {
  double y = std::fmod(std::fabs(x), 2.0);
  int n = int(std::round(2.0 * y));
  double r;
  switch (n) {
    case 0: r = std::sin(kPi * y); break;
    case 1: r = std::cos(kPi * (y - 0.5)); break;
    case 2: r = std::sin(kPi * (1.0 - y)); break;  // not -sin(pi*(y-1)): keeps +0.0 at y=1
    case 3: r = -std::cos(kPi * (y - 1.5)); break;
    default: r = std::sin(kPi * (y - 2.0)); break;
  }
  return std::copysign(1.0, x) * r;
}

// The Lanczos approximation (N = 13, g = 6.024680040776729583740234375) that CPython uses,
// as a rational function; these coefficients are the published values of that scheme.
constexpr int kLanczosN = 13;
constexpr double kLanczosG = 6.024680040776729583740234375;
constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
constexpr double kLanczosNum[kLanczosN] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
// x * (x+1) * ... * (x+11) expanded.
constexpr double kLanczosDen[kLanczosN] = {0.0,       39916800.0, 120543840.0, 150917976.0,
                                           105258076.0, 45995730.0, 13339535.0, 2637558.0,
                                           357423.0,  32670.0,    1925.0,      66.0,
                                           1.0};
constexpr int kGammaIntegral = 23;
constexpr double kGammaOfInt[kGammaIntegral] = {
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0,
    3628800.0, 39916800.0, 479001600.0, 6227020800.0, 87178291200.0,
    1307674368000.0, 20922789888000.0, 355687428096000.0,
    6402373705728000.0, 121645100408832000.0, 2432902008176640000.0,
    51090942171709440000.0, 1124000727777607680000.0};

double lanczos_sum(double x) {
  double num = 0.0, den = 0.0;
  // Horner in x below 5, in 1/x above (no overflow, better accuracy for large x).
  if (x < 5.0) {
    for (int i = kLanczosN; --i >= 0;) {
      num = num * x + kLanczosNum[i];
      den = den * x + kLanczosDen[i];
    }
  } else {
    for (int i = 0; i < kLanczosN; i++) {
      num = num / x + kLanczosNum[i];
      den = den / x + kLanczosDen[i];
    }
  }
  return num / den;
}

double m_tgamma(double x) {
  if (!std::isfinite(x)) {
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
  }
  if (x == 0.0) {
    errno = EDOM;
    return std::copysign(HUGE_VAL, x);
  }
  if (x == std::floor(x)) {
    if (x < 0.0) {
      errno = EDOM;
      return NAN;
    }
    if (x <= kGammaIntegral) return kGammaOfInt[int(x) - 1];
  }
  double absx = std::fabs(x);
  if (absx < 1e-20) {
    double r = 1.0 / x;
    if (std::isinf(r)) errno = ERANGE;
    return r;
  }
  if (absx > 200.0) {
    if (x < 0.0) return 0.0 / m_sinpi(x);
    errno = ERANGE;
    return HUGE_VAL;
  }
  double y = absx + kLanczosGMinusHalf;
  // z: the rounding error of y, for the correction factor (1 + z*g/y).
  double z;
  if (absx > kLanczosGMinusHalf) {
    double q = y - absx;
    z = q - kLanczosGMinusHalf;
  } else {
    double q = y - kLanczosGMinusHalf;
    z = q - absx;
  }
  z = z * kLanczosG / y;
  double r;
  if (x < 0.0) {
    r = -kPi / m_sinpi(absx) / absx * std::exp(y) / lanczos_sum(absx);
    r -= z * r;
    if (absx < 140.0) {
      r /= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczos_sum(absx) / std::exp(y);
    r += z * r;
    if (absx < 140.0) {
      r *= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  if (std::isinf(r)) errno = ERANGE;
  return r;
}

double m_lgamma(double x) {
  if (!std::isfinite(x)) return std::isnan(x) ? x : HUGE_VAL;
  if (x == std::floor(x) && x <= 2.0) {
    if (x <= 0.0) {
      errno = EDOM;
      return HUGE_VAL;
    }
    return 0.0;
  }
  double absx = std::fabs(x);
  if (absx < 1e-20) return -std::log(absx);
  double r = std::log(lanczos_sum(absx)) - kLanczosG;
  r += (absx - 0.5) * (std::log(absx + kLanczosG - 0.5) - 1);
  if (x < 0.0) r = kLogPi - std::log(std::fabs(m_sinpi(absx))) - std::log(absx) - r;
  if (std::isinf(r)) errno = ERANGE;
  return r;
}

double m_atan2(double y, double x) {
  if (std::isnan(x) || std::isnan(y)) return NAN;
  if (std::isinf(y)) {
    if (std::isinf(x)) {
      return std::copysign(std::copysign(1., x) == 1. ? 0.25 * kPi : 0.75 * kPi, y);
    }
    return std::copysign(0.5 * kPi, y);
  }
  if (std::isinf(x) || y == 0.) {
    return std::copysign(std::copysign(1., x) == 1. ? 0. : kPi, y);
  }
  return std::atan2(y, x);
}

// IEEE 754 remainder (always exact): x - n*y for the nearest n, ties to even.
double m_remainder(double x, double y) {
  if (std::isfinite(x) && std::isfinite(y)) {
    if (y == 0.0) return NAN;
    double absx = std::fabs(x), absy = std::fabs(y);
    double m = std::fmod(absx, absy);
    // Compare m with absy - m rather than with 0.5*absy, which may not be representable.
    double c = absy - m, r;
    if (m < c) {
      r = m;
    } else if (m > c) {
      r = -c;
    } else {
      // A tie: m when the multiple below absx is even, -m when it is odd.
      r = m - 2.0 * std::fmod(0.5 * (absx - m), absy);
    }
    return std::copysign(1.0, x) * r;
  }
  if (std::isnan(x)) return x;
  if (std::isnan(y)) return y;
  if (std::isinf(x)) return NAN;
  return x;
}

double m_log(double x) {
  if (std::isfinite(x)) {
    if (x > 0.0) return std::log(x);
    errno = EDOM;
    return x == 0.0 ? -HUGE_VAL : NAN;
  }
  if (std::isnan(x) || x > 0.0) return x;
  errno = EDOM;
  return NAN;
}

double m_log2(double x) {
  if (!std::isfinite(x)) {
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
  }
  if (x > 0.0) return std::log2(x);
  errno = EDOM;
  return x == 0.0 ? -HUGE_VAL : NAN;
}

double m_log10(double x) {
  if (std::isfinite(x)) {
    if (x > 0.0) return std::log10(x);
    errno = EDOM;
    return x == 0.0 ? -HUGE_VAL : NAN;
  }
  if (std::isnan(x) || x > 0.0) return x;
  errno = EDOM;
  return NAN;
}

double m_log1p(double x) {
  if (x == 0.0) return x;  // keeps the sign of a zero
  return std::log1p(x);
}

// -- The float functions ---------------------------------------------------------------------------

#define STRATA_MATH_FUNC1(name, expr, can_overflow)                                \
  Value math_##name(Value, const Value* args, size_t, Value) {                     \
    return math_1(args[0], [](double x) -> double { return expr; }, can_overflow); \
  }
STRATA_MATH_FUNC1(acos, std::acos(x), false)
STRATA_MATH_FUNC1(acosh, std::acosh(x), false)
STRATA_MATH_FUNC1(asin, std::asin(x), false)
STRATA_MATH_FUNC1(asinh, std::asinh(x), false)
STRATA_MATH_FUNC1(atan, std::atan(x), false)
STRATA_MATH_FUNC1(atanh, std::atanh(x), false)
STRATA_MATH_FUNC1(cbrt, std::cbrt(x), false)
STRATA_MATH_FUNC1(cos, std::cos(x), false)
STRATA_MATH_FUNC1(cosh, std::cosh(x), true)
STRATA_MATH_FUNC1(exp, std::exp(x), true)
STRATA_MATH_FUNC1(exp2, std::exp2(x), true)
STRATA_MATH_FUNC1(expm1, std::expm1(x), true)
STRATA_MATH_FUNC1(fabs, std::fabs(x), false)
STRATA_MATH_FUNC1(log1p, m_log1p(x), false)
STRATA_MATH_FUNC1(sin, std::sin(x), false)
STRATA_MATH_FUNC1(sinh, std::sinh(x), true)
STRATA_MATH_FUNC1(sqrt, std::sqrt(x), false)
STRATA_MATH_FUNC1(tan, std::tan(x), false)
STRATA_MATH_FUNC1(tanh, std::tanh(x), false)
#undef STRATA_MATH_FUNC1

Value math_erf(Value, const Value* args, size_t, Value) {
  return math_1a(args[0], [](double x) -> double { return std::erf(x); });
}
Value math_erfc(Value, const Value* args, size_t, Value) {
  return math_1a(args[0], [](double x) -> double { return std::erfc(x); });
}
Value math_gamma(Value, const Value* args, size_t, Value) { return math_1a(args[0], m_tgamma); }
Value math_lgamma(Value, const Value* args, size_t, Value) { return math_1a(args[0], m_lgamma); }

Value math_atan2(Value, const Value* args, size_t nargs, Value) {
  return math_2("atan2", args, nargs, m_atan2);
}
Value math_copysign(Value, const Value* args, size_t nargs, Value) {
  return math_2("copysign", args, nargs, [](double x, double y) -> double {
    return std::copysign(x, y);
  });
}
Value math_remainder(Value, const Value* args, size_t nargs, Value) {
  return math_2("remainder", args, nargs, m_remainder);
}

// Two float arguments, positional only (Argument Clinic's "x: double, y: double, /").
bool two_doubles(const char* name, const Value* args, size_t nargs, double* x, double* y) {
  if (!check_positional(name, nargs, 2, 2)) return false;
  return arg_double(args[0], x) && arg_double(args[1], y);
}

Value math_fmod(Value, const Value* args, size_t nargs, Value) {
  double x, y;
  if (!two_doubles("fmod", args, nargs, &x, &y)) return Value();
  if (std::isinf(y) && std::isfinite(x)) return float_new(x);
  errno = 0;
  double r = std::fmod(x, y);
  if (std::isnan(r)) errno = (!std::isnan(x) && !std::isnan(y)) ? EDOM : 0;
  if (errno && is_error(r)) return Value();
  return float_new(r);
}

Value math_pow(Value, const Value* args, size_t nargs, Value) {
  double x, y;
  if (!two_doubles("pow", args, nargs, &x, &y)) return Value();
  double r;
  errno = 0;
  if (!std::isfinite(x) || !std::isfinite(y)) {
    // IEEE special values, handled here so that no platform difference shows.
    if (std::isnan(x)) {
      r = y == 0. ? 1. : x;
    } else if (std::isnan(y)) {
      r = x == 1. ? 1. : y;
    } else if (std::isinf(x)) {
      bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
      if (y > 0.) {
        r = odd_y ? x : std::fabs(x);
      } else if (y == 0.) {
        r = 1.;
      } else {
        r = odd_y ? std::copysign(0., x) : 0.;
      }
    } else {  // y is infinite, x finite
      if (std::fabs(x) == 1.0) {
        r = 1.;
      } else if (y > 0. && std::fabs(x) > 1.0) {
        r = y;
      } else if (y < 0. && std::fabs(x) < 1.0) {
        r = -y;
      } else {
        r = 0.;
      }
    }
  } else {
    r = std::pow(x, y);
    if (!std::isfinite(r)) {
      if (std::isnan(r)) {
        errno = EDOM;  // negative ** non-integer
      } else {
        errno = x == 0. ? EDOM : ERANGE;  // 0 ** negative, or overflow
      }
    }
  }
  if (errno && is_error(r)) return Value();
  return float_new(r);
}

Value math_nextafter(Value, const Value* args, size_t nargs, Value) {
  double x, y;
  if (!two_doubles("nextafter", args, nargs, &x, &y)) return Value();
  return float_new(std::nextafter(x, y));
}

Value math_ulp(Value, const Value* args, size_t, Value) {
  double x;
  if (!arg_double(args[0], &x)) return Value();
  if (std::isnan(x)) return float_new(x);
  x = std::fabs(x);
  if (std::isinf(x)) return float_new(x);
  double x2 = std::nextafter(x, HUGE_VAL);
  if (std::isinf(x2)) return float_new(x - std::nextafter(x, -HUGE_VAL));
  return float_new(x2 - x);
}

Value math_degrees(Value, const Value* args, size_t, Value) {
  double x;
  if (!arg_double(args[0], &x)) return Value();
  return float_new(x * (180.0 / kPi));
}
Value math_radians(Value, const Value* args, size_t, Value) {
  double x;
  if (!arg_double(args[0], &x)) return Value();
  return float_new(x * (kPi / 180.0));
}
Value math_isfinite(Value, const Value* args, size_t, Value) {
  double x;
  if (!arg_double(args[0], &x)) return Value();
  return Bool(std::isfinite(x));
}
Value math_isnan(Value, const Value* args, size_t, Value) {
  double x;
  if (!arg_double(args[0], &x)) return Value();
  return Bool(std::isnan(x));
}
Value math_isinf(Value, const Value* args, size_t, Value) {
  double x;
  if (!arg_double(args[0], &x)) return Value();
  return Bool(std::isinf(x));
}

Value math_isclose(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"a", "b", "rel_tol", "abs_tol"};
  static const ArgSpec spec{"isclose", names, 4, 0, 2, 2};
  Value a[4];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  double x, y, rel_tol = 1e-09, abs_tol = 0.0;
  if (!arg_double(a[0], &x) || !arg_double(a[1], &y)) return Value();
  if (a[2] && !arg_double(a[2], &rel_tol)) return Value();
  if (a[3] && !arg_double(a[3], &abs_tol)) return Value();
  if (rel_tol < 0.0 || abs_tol < 0.0) return raise(ValueError, "tolerances must be non-negative");
  if (x == y) return True();  // also two infinities of the same sign
  if (std::isinf(x) || std::isinf(y)) return False();
  double diff = std::fabs(y - x);
  return Bool(diff <= std::fabs(rel_tol * y) || diff <= std::fabs(rel_tol * x) || diff <= abs_tol);
}

Value math_frexp(Value, const Value* args, size_t, Value) {
  double x;
  if (!arg_double(args[0], &x)) return Value();
  int e = 0;
  if (!(std::isnan(x) || std::isinf(x) || x == 0.0)) x = std::frexp(x, &e);
  Ref m(float_new(x));
  if (!m) return Value();
  return tuple_pack({*m, Value::small(e)});
}

Value math_ldexp(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("ldexp", nargs, 2, 2)) return Value();
  double x;
  if (!arg_double(args[0], &x)) return Value();
  Value i = args[1];
  if (!is_int(i)) return raise(TypeError, "Expected an int as second argument to ldexp.");
  int64_t e;
  if (!int_to_i64(i, &e)) e = int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
  double r;
  errno = 0;
  if (x == 0. || !std::isfinite(x)) {
    r = x;
  } else if (e > INT_MAX) {
    r = std::copysign(HUGE_VAL, x);
    errno = ERANGE;
  } else if (e < INT_MIN) {
    r = std::copysign(0., x);
  } else {
    r = std::ldexp(x, int(e));
    if (std::isinf(r)) errno = ERANGE;
  }
  if (errno && is_error(r)) return Value();
  return float_new(r);
}

Value math_modf(Value, const Value* args, size_t, Value) {
  double x, ipart;
  if (!arg_double(args[0], &x)) return Value();
  double frac;
  if (std::isinf(x)) {
    frac = std::copysign(0., x);
    ipart = x;
  } else if (std::isnan(x)) {
    frac = ipart = x;
  } else {
    frac = std::modf(x, &ipart);
  }
  Ref a(float_new(frac)), b(float_new(ipart));
  if (!a || !b) return Value();
  return tuple_pack({*a, *b});
}

// -- floor, ceil, trunc --------------------------------------------------------------------------------

// Calls type(x).name(x) when the type defines it: 1 with *out set, 0 if absent, -1 on error.
int call_special(Value x, Value name, Value* out) {
  Value m = lookup_special(x, name);
  if (!m) return 0;
  Type* mt = type_of(m);
  if (mt->descr_get) {
    Ref bound(mt->descr_get(m, x, Value::from(type_of(x))));
    if (!bound) return -1;
    *out = call0(*bound);
  } else {
    *out = call0(m);
  }
  return *out ? 1 : -1;
}

Value math_floor(Value, const Value* args, size_t, Value) {
  Value v = args[0];
  if (v.is_small()) return v;
  double x;
  if (v.obj()->type == &FloatType) {
    x = float_value(v);
  } else {
    if (v.obj()->type == &IntType) return newref(v);
    Value r;
    int found = call_special(v, STRATA_NAME(__floor__), &r);
    if (found) return found > 0 ? r : Value();
    if (!arg_double(v, &x)) return Value();
  }
  return int_from_double(std::floor(x));
}

Value math_ceil(Value, const Value* args, size_t, Value) {
  Value v = args[0];
  if (v.is_small()) return v;
  if (v.obj()->type != &FloatType) {
    if (v.obj()->type == &IntType) return newref(v);
    Value r;
    int found = call_special(v, STRATA_NAME(__ceil__), &r);
    if (found) return found > 0 ? r : Value();
  }
  double x;
  if (!arg_double(v, &x)) return Value();
  return int_from_double(std::ceil(x));
}

Value math_trunc(Value, const Value* args, size_t, Value) {
  Value v = args[0];
  if (v.is_small()) return v;
  if (v.obj()->type == &FloatType) return int_from_double(float_value(v));
  if (v.obj()->type == &IntType) return newref(v);
  Value r;
  int found = call_special(v, STRATA_NAME(__trunc__), &r);
  if (found) return found > 0 ? r : Value();
  return raise(TypeError, "type %s doesn't define __trunc__ method", type_of(v)->name);
}

// -- Logarithms ------------------------------------------------------------------------------------------

// A positive int too large for a double as x * 2**e with 0.5 <= x < 1, x correctly rounded
// (half to even) to 53 bits, as CPython's _PyLong_Frexp.
double int_frexp(Value v, int64_t* e) {
  mpz_t z;
  mpz_init(z);
  int_to_mpz(v, z);
  mpz_abs(z, z);
  int64_t nbits = int64_t(mpz_sizeinbase(z, 2));
  double x;
  if (nbits <= DBL_MANT_DIG) {
    x = std::ldexp(mpz_get_d(z), int(-nbits));
  } else {
    // The top 55 bits, the lowest of them ORed with every bit below (sticky), then
    // rounded to 53 bits half to even.
    int64_t shift = nbits - (DBL_MANT_DIG + 2);
    bool sticky = int64_t(mpz_scan1(z, 0)) < shift;
    mpz_tdiv_q_2exp(z, z, mp_bitcnt_t(shift));
    uint64_t q = mpz_get_ui(z) | (sticky ? 1 : 0);
    uint64_t low = q & 3;
    q >>= 2;
    if ((low & 2) && ((low & 1) || (q & 1))) q++;
    x = std::ldexp(double(q), -DBL_MANT_DIG);  // q may have carried to 2**53: x == 1.0
    if (x == 1.0) {
      x = 0.5;
      nbits++;
    }
  }
  mpz_clear(z);
  *e = nbits;
  return x;
}

// log, log2, log10 of any real, with ints of any size handled here.
bool loghelper(Value arg, Fn1 fn, double* out) {
  if (is_int(arg)) {
    if (int_sign(arg) <= 0) {
      domain_error();
      return false;
    }
    bool overflow = false;
    double x = int_to_double(arg, &overflow);
    if (overflow) {
      int64_t e;
      x = int_frexp(arg, &e);
      *out = fn(x) + fn(2.0) * double(e);
    } else {
      *out = fn(x);
    }
    return true;
  }
  double x;
  if (!arg_double(arg, &x)) return false;
  errno = 0;
  double r = fn(x);
  if (std::isnan(r) && !std::isnan(x)) {
    domain_error();
    return false;
  }
  if (std::isinf(r) && std::isfinite(x)) {
    domain_error();
    return false;
  }
  if (std::isfinite(r) && errno && is_error(r)) return false;
  *out = r;
  return true;
}

Value math_log(Value, const Value* args, size_t nargs, Value) {
  if (nargs < 1 || nargs > 2) return raise(TypeError, "math.log requires 1 to 2 arguments");
  double num;
  if (!loghelper(args[0], m_log, &num)) return Value();
  if (nargs == 1) return float_new(num);
  double den;
  if (!loghelper(args[1], m_log, &den)) return Value();
  if (den == 0.0) return raise(ZeroDivisionError, "float division by zero");
  return float_new(num / den);
}

Value math_log2(Value, const Value* args, size_t, Value) {
  double r;
  if (!loghelper(args[0], m_log2, &r)) return Value();
  return float_new(r);
}
Value math_log10(Value, const Value* args, size_t, Value) {
  double r;
  if (!loghelper(args[0], m_log10, &r)) return Value();
  return float_new(r);
}

// -- Sums, products and norms ------------------------------------------------------------------------

// Exact summation (Shewchuk): `partials` holds non-overlapping doubles, increasing in
// magnitude, whose exact sum is the exact sum of the items so far.
Value math_fsum(Value, const Value* args, size_t, Value) {
  Ref it(get_iter(args[0]));
  if (!it) return Value();
  constexpr int kStack = 32;
  double stack[kStack];
  double* p = stack;
  int64_t n = 0, cap = kStack;
  double special_sum = 0.0, inf_sum = 0.0;
  Value result;
  for (;;) {
    Value item = iter_next(*it);
    if (!item) {
      if (error_occurred()) goto done;
      break;
    }
    double x;
    bool ok = arg_double(item, &x);
    decref(item);
    if (!ok) goto done;
    double xsave = x;
    int64_t i = 0;
    for (int64_t j = 0; j < n; j++) {
      double y = p[j];
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double yr = hi - x;
      double lo = y - yr;
      if (lo != 0.0) p[i++] = lo;
      x = hi;
    }
    n = i;
    if (x != 0.0) {
      if (!std::isfinite(x)) {
        // From an inf or nan among the items, or an intermediate overflow.
        if (std::isfinite(xsave)) {
          raise(OverflowError, "intermediate overflow in fsum");
          goto done;
        }
        if (std::isinf(xsave)) inf_sum += xsave;
        special_sum += xsave;
        n = 0;
      } else {
        if (n >= cap) {
          int64_t ncap = cap * 2;
          double* np = static_cast<double*>(p == stack ? mem_alloc(sizeof(double) * ncap)
                                                       : mem_realloc(p, sizeof(double) * ncap));
          if (!np) {
            raise(MemoryError, "math.fsum partials");
            goto done;
          }
          if (p == stack) std::memcpy(np, stack, sizeof stack);
          p = np;
          cap = ncap;
        }
        p[n++] = x;
      }
    }
  }
  if (special_sum != 0.0) {
    if (std::isnan(inf_sum)) {
      raise(ValueError, "-inf + inf in fsum");
    } else {
      result = float_new(special_sum);
    }
    goto done;
  }
  {
    double hi = 0.0;
    if (n > 0) {
      hi = p[--n];
      double lo = 0.0;
      // Add the partials from the top while the sum stays exact.
      while (n > 0) {
        double x = hi;
        double y = p[--n];
        hi = x + y;
        double yr = hi - x;
        lo = y - yr;
        if (lo != 0.0) break;
      }
      // Half-even rounding across partials: when the next partial has the sign of the
      // rounding error, the true sum is past the halfway point.
      if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
        double y = lo * 2.0;
        double x = hi + y;
        double yr = x - hi;
        if (y == yr) hi = x;
      }
    }
    result = float_new(hi);
  }
done:
  if (p != stack) mem_free(p);
  return result;
}

// sqrt(sum(x*x for x in vec)) as CPython 3.11 computes it: scaled by a power of two,
// squares split exactly (Veltkamp-Dekker), compensated sums, and one differential
// correction of the square root. vec holds absolute values; max is the largest.
double vector_norm(int64_t n, const double* vec, double max, bool found_nan) {
  constexpr double T27 = 134217729.0;  // 2**27 + 1
  if (std::isinf(max)) return max;
  if (found_nan) return NAN;
  if (max == 0.0 || n <= 1) return max;
  int max_e;
  std::frexp(max, &max_e);
  double csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0;
  if (max_e >= -1023) {
    double scale = std::ldexp(1.0, -max_e);
    for (int64_t i = 0; i < n; i++) {
      double x = vec[i] * scale;
      double t = x * T27;
      double hi = t - (t - x);
      double lo = x - hi;
      x = hi * hi;
      double oldcsum = csum;
      csum += x;
      frac1 += (oldcsum - csum) + x;
      x = 2.0 * hi * lo;
      oldcsum = csum;
      csum += x;
      frac2 += (oldcsum - csum) + x;
      frac3 += lo * lo;
    }
    double h = std::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
    double x = h;
    double t = x * T27;
    double hi = t - (t - x);
    double lo = x - hi;
    x = -hi * hi;
    double oldcsum = csum;
    csum += x;
    frac1 += (oldcsum - csum) + x;
    x = -2.0 * hi * lo;
    oldcsum = csum;
    csum += x;
    frac2 += (oldcsum - csum) + x;
    x = -lo * lo;
    oldcsum = csum;
    csum += x;
    frac3 += (oldcsum - csum) + x;
    x = csum - 1.0 + (frac1 + frac2 + frac3);
    return (h + x / (2.0 * h)) / scale;
  }
  // max is subnormal: 2**-max_e would overflow, so divide by max instead.
  for (int64_t i = 0; i < n; i++) {
    double x = vec[i] / max;
    x = x * x;
    double oldcsum = csum;
    csum += x;
    frac1 += (oldcsum - csum) + x;
  }
  return max * std::sqrt(csum - 1.0 + frac1);
}

// A buffer of doubles on the stack for up to 16 coordinates, on the heap beyond.
class DoubleBuf {
 public:
  bool init(int64_t n) {
    if (n > kStack) {
      p_ = static_cast<double*>(mem_alloc(sizeof(double) * size_t(n)));
      if (!p_) {
        raise_no_memory();
        return false;
      }
    }
    return true;
  }
  ~DoubleBuf() {
    if (p_ != stack_) mem_free(p_);
  }
  double& operator[](int64_t i) { return p_[i]; }
  const double* data() const { return p_; }

 private:
  static constexpr int64_t kStack = 16;
  double stack_[kStack];
  double* p_ = stack_;
};

Value math_hypot(Value, const Value* args, size_t nargs, Value) {
  DoubleBuf coords;
  if (!coords.init(int64_t(nargs))) return Value();
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < nargs; i++) {
    double x;
    if (!arg_double(args[i], &x)) return Value();
    x = std::fabs(x);
    coords[int64_t(i)] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return float_new(vector_norm(int64_t(nargs), coords.data(), max, found_nan));
}

Value math_dist(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("dist", nargs, 2, 2)) return Value();
  Ref p(is_tuple(args[0]) ? newref(args[0]) : sequence_tuple(args[0]));
  if (!p) return Value();
  Ref q(is_tuple(args[1]) ? newref(args[1]) : sequence_tuple(args[1]));
  if (!q) return Value();
  int64_t n = tuple_size(*p);
  if (n != tuple_size(*q)) {
    return raise(ValueError, "both points must have the same number of dimensions");
  }
  DoubleBuf diffs;
  if (!diffs.init(n)) return Value();
  double max = 0.0;
  bool found_nan = false;
  for (int64_t i = 0; i < n; i++) {
    double px, qx;
    if (!arg_double(tuple_item(*p, i), &px) || !arg_double(tuple_item(*q, i), &qx)) {
      return Value();
    }
    double x = std::fabs(px - qx);
    diffs[i] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return float_new(vector_norm(n, diffs.data(), max, found_nan));
}

Value math_prod(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"", "start"};
  static const ArgSpec spec{"prod", names, 2, 1, 1, 1};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Ref it(get_iter(a[0]));
  if (!it) return Value();
  Ref result(newref(a[1] ? a[1] : Value::small(1)));
  // Fast paths (the same results as the generic multiplications): a product of small
  // ints while it fits, then a product of floats while the items are floats or ints
  // that fit a machine word.
  if (result.get().is_small()) {
    int64_t acc = result.get().small_value();
    for (;;) {
      Value item = iter_next(*it);
      if (!item) return error_occurred() ? Value() : int_from_i64(acc);
      int64_t prod;
      if (item.is_small() && !__builtin_mul_overflow(acc, item.small_value(), &prod)) {
        acc = prod;
        continue;
      }
      Ref boxed(int_from_i64(acc));
      Ref item_ref(item);
      if (!boxed) return Value();
      result.reset(binary_op(*boxed, item, NB_MULTIPLY));
      if (!result) return Value();
      break;
    }
  }
  if (is_exact_float(result.get())) {
    double acc = float_value(result.get());
    for (;;) {
      Value item = iter_next(*it);
      if (!item) return error_occurred() ? Value() : float_new(acc);
      if (is_exact_float(item)) {
        acc *= float_value(item);
        decref(item);
        continue;
      }
      int64_t iv;
      if (is_exact_int(item) && int_to_i64(item, &iv)) {
        acc *= double(iv);
        decref(item);
        continue;
      }
      Ref item_ref(item);
      Ref boxed(float_new(acc));
      if (!boxed) return Value();
      result.reset(binary_op(*boxed, item, NB_MULTIPLY));
      if (!result) return Value();
      break;
    }
  }
  for (;;) {
    Value item = iter_next(*it);
    if (!item) return error_occurred() ? Value() : result.release();
    Ref item_ref(item);
    result.reset(binary_op(*result, item, NB_MULTIPLY));
    if (!result) return Value();
  }
}

// -- Integer functions ----------------------------------------------------------------------------------

// An owned mpz_t for the cold integer paths.
struct Mpz {
  mpz_t z;
  Mpz() { mpz_init(z); }
  explicit Mpz(Value v) {
    mpz_init(z);
    int_to_mpz(v, z);
  }
  ~Mpz() { mpz_clear(z); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  Value value() const { return int_from_mpz(z); }
};

Value math_gcd(Value, const Value* args, size_t nargs, Value) {
  if (nargs == 0) return Value::small(0);
  Ref first(number_index(args[0]));
  if (!first) return Value();
  if (nargs == 1) return absolute(*first);
  if (first.get().is_small() && args[1].is_small() && nargs == 2) {
    // The common two-small-ints case without GMP.
    uint64_t a = uint64_t(std::llabs(first.get().small_value()));
    uint64_t b = uint64_t(std::llabs(args[1].small_value()));
    while (b) {
      uint64_t t = a % b;
      a = b;
      b = t;
    }
    return int_from_u64(a);
  }
  Mpz g(*first);
  for (size_t i = 1; i < nargs; i++) {
    Ref x(number_index(args[i]));
    if (!x) return Value();
    if (mpz_cmp_ui(g.z, 1) == 0) continue;  // only check the remaining arguments
    Mpz xz(*x);
    mpz_gcd(g.z, g.z, xz.z);
  }
  mpz_abs(g.z, g.z);
  return g.value();
}

Value math_lcm(Value, const Value* args, size_t nargs, Value) {
  if (nargs == 0) return Value::small(1);
  Ref first(number_index(args[0]));
  if (!first) return Value();
  if (nargs == 1) return absolute(*first);
  Mpz l(*first);
  for (size_t i = 1; i < nargs; i++) {
    Ref x(number_index(args[i]));
    if (!x) return Value();
    if (mpz_sgn(l.z) == 0) continue;
    Mpz xz(*x);
    mpz_lcm(l.z, l.z, xz.z);
  }
  mpz_abs(l.z, l.z);
  return l.value();
}

Value math_isqrt(Value, const Value* args, size_t, Value) {
  Ref n(number_index(args[0]));
  if (!n) return Value();
  if (int_sign(*n) < 0) return raise(ValueError, "isqrt() argument must be nonnegative");
  if (n.get().is_small()) {
    uint64_t m = uint64_t(n.get().small_value());
    uint64_t r = uint64_t(std::sqrt(double(m)));
    // Correct the float estimate to the exact floor.
    while (r * r > m) r--;
    while ((r + 1) * (r + 1) <= m) r++;
    return int_from_u64(r);
  }
  Mpz z(*n);
  mpz_sqrt(z.z, z.z);
  return z.value();
}

Value math_factorial(Value, const Value* args, size_t, Value) {
  Ref n(number_index(args[0]));
  if (!n) return Value();
  int64_t x;
  if (!int_to_i64(*n, &x)) {
    if (int_sign(*n) > 0) {
      return raise(OverflowError, "factorial() argument should not exceed %lld",
                   (long long)INT64_MAX);
    }
    x = -1;
  }
  if (x < 0) return raise(ValueError, "factorial() not defined for negative values");
  if (x <= 20) {
    uint64_t r = 1;
    for (int64_t i = 2; i <= x; i++) r *= uint64_t(i);
    return int_from_u64(r);
  }
  Mpz r;
  mpz_fac_ui(r.z, (unsigned long)x);
  return r.value();
}

// perm(n, k) and comb(n, k) after CPython's checks: n >= k >= 0, k fits int64.
Value perm_comb(Value n, int64_t k, bool comb) {
  Mpz r(n);
  if (comb) {
    mpz_bin_ui(r.z, r.z, (unsigned long)k);
  } else {
    // n! / (n-k)! = comb(n, k) * k!
    Mpz f;
    mpz_bin_ui(r.z, r.z, (unsigned long)k);
    mpz_fac_ui(f.z, (unsigned long)k);
    mpz_mul(r.z, r.z, f.z);
  }
  return r.value();
}

Value math_comb(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("comb", nargs, 2, 2)) return Value();
  Ref n(number_index(args[0]));
  if (!n) return Value();
  Ref k(number_index(args[1]));
  if (!k) return Value();
  if (int_sign(*n) < 0) return raise(ValueError, "n must be a non-negative integer");
  if (int_sign(*k) < 0) return raise(ValueError, "k must be a non-negative integer");
  int64_t ni, ki;
  if (int_to_i64(*n, &ni)) {
    if (!int_to_i64(*k, &ki) || ki > ni) return Value::small(0);
    if (ni - ki < ki) ki = ni - ki;
    if (ki == 0) return Value::small(1);
    if (ki == 1) return newref(*n);
    if (ni <= 67) {
      unsigned __int128 r = 1;
      // Exact at every step: r is C(ni - ki + i, i) after step i (< 2**64 for n <= 67).
      for (int64_t i = 1; i <= ki; i++) r = r * uint64_t(ni - ki + i) / uint64_t(i);
      return int_from_u64(uint64_t(r));
    }
    return perm_comb(*n, ki, true);
  }
  Ref diff(int_sub(*n, *k));
  if (!diff) return Value();
  if (int_sign(*diff) < 0) return Value::small(0);
  if (int_compare(*diff, *k) < 0) k.reset(diff.release());
  if (!int_to_i64(*k, &ki)) {
    return raise(OverflowError, "min(n - k, k) must not exceed %lld", (long long)INT64_MAX);
  }
  if (ki == 0) return Value::small(1);
  if (ki == 1) return newref(*n);
  return perm_comb(*n, ki, true);
}

Value math_perm(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("perm", nargs, 1, 2)) return Value();
  if (nargs == 1 || is_none(args[1])) return math_factorial(self, args, 1, Value());
  Ref n(number_index(args[0]));
  if (!n) return Value();
  Ref k(number_index(args[1]));
  if (!k) return Value();
  if (int_sign(*n) < 0) return raise(ValueError, "n must be a non-negative integer");
  if (int_sign(*k) < 0) return raise(ValueError, "k must be a non-negative integer");
  if (int_compare(*n, *k) < 0) return Value::small(0);
  int64_t ki;
  if (!int_to_i64(*k, &ki)) {
    return raise(OverflowError, "k must not exceed %lld", (long long)INT64_MAX);
  }
  if (ki == 0) return Value::small(1);
  if (ki == 1) return newref(*n);
  int64_t ni;
  if (int_to_i64(*n, &ni) && ni <= 20) {
    uint64_t r = 1;
    for (int64_t i = ni - ki + 1; i <= ni; i++) r *= uint64_t(i);
    return int_from_u64(r);
  }
  return perm_comb(*n, ki, false);
}

// -- The module ----------------------------------------------------------------------------------------

const MethodDef kMathMethods[] = {
    {"acos", math_acos, METH_O, "Return the arc cosine (measured in radians) of x.\n\nThe result is between 0 and pi."},
    {"acosh", math_acosh, METH_O, "Return the inverse hyperbolic cosine of x."},
    {"asin", math_asin, METH_O, "Return the arc sine (measured in radians) of x.\n\nThe result is between -pi/2 and pi/2."},
    {"asinh", math_asinh, METH_O, "Return the inverse hyperbolic sine of x."},
    {"atan", math_atan, METH_O, "Return the arc tangent (measured in radians) of x.\n\nThe result is between -pi/2 and pi/2."},
    {"atan2", math_atan2, METH_FASTCALL, "Return the arc tangent (measured in radians) of y/x.\n\nUnlike atan(y/x), the signs of both x and y are considered."},
    {"atanh", math_atanh, METH_O, "Return the inverse hyperbolic tangent of x."},
    {"cbrt", math_cbrt, METH_O, "Return the cube root of x."},
    {"ceil", math_ceil, METH_O, "Return the ceiling of x as an Integral.\n\nThis is the smallest integer >= x."},
    {"comb", math_comb, METH_FASTCALL, "Number of ways to choose k items from n items without repetition and without order."},
    {"copysign", math_copysign, METH_FASTCALL, "Return a float with the magnitude (absolute value) of x but the sign of y.\n\nOn platforms that support signed zeros, copysign(1.0, -0.0)\nreturns -1.0.\n"},
    {"cos", math_cos, METH_O, "Return the cosine of x (measured in radians)."},
    {"cosh", math_cosh, METH_O, "Return the hyperbolic cosine of x."},
    {"degrees", math_degrees, METH_O, "Convert angle x from radians to degrees."},
    {"dist", math_dist, METH_FASTCALL, "Return the Euclidean distance between two points p and q."},
    {"erf", math_erf, METH_O, "Error function at x."},
    {"erfc", math_erfc, METH_O, "Complementary error function at x."},
    {"exp", math_exp, METH_O, "Return e raised to the power of x."},
    {"exp2", math_exp2, METH_O, "Return 2 raised to the power of x."},
    {"expm1", math_expm1, METH_O, "Return exp(x)-1.\n\nThis function avoids the loss of precision involved in the direct evaluation of exp(x)-1 for small x."},
    {"fabs", math_fabs, METH_O, "Return the absolute value of the float x."},
    {"factorial", math_factorial, METH_O, "Find x!.\n\nRaise a ValueError if x is negative or non-integral."},
    {"floor", math_floor, METH_O, "Return the floor of x as an Integral.\n\nThis is the largest integer <= x."},
    {"fmod", math_fmod, METH_FASTCALL, "Return fmod(x, y), according to platform C.\n\nx % y may differ."},
    {"frexp", math_frexp, METH_O, "Return the mantissa and exponent of x, as pair (m, e).\n\nm is a float and e is an int, such that x = m * 2.**e.\nIf x is 0, m and e are both 0.  Else 0.5 <= abs(m) < 1.0."},
    {"fsum", math_fsum, METH_O, "Return an accurate floating point sum of values in the iterable seq.\n\nAssumes IEEE-754 floating point arithmetic."},
    {"gamma", math_gamma, METH_O, "Gamma function at x."},
    {"gcd", math_gcd, METH_FASTCALL, "Greatest Common Divisor."},
    {"hypot", math_hypot, METH_FASTCALL, "hypot(*coordinates) -> value\n\nMultidimensional Euclidean distance from the origin to a point.\n\nRoughly equivalent to:\n    sqrt(sum(x**2 for x in coordinates))\n\nFor a two dimensional point (x, y), gives the hypotenuse\nusing the Pythagorean theorem:  sqrt(x*x + y*y).\n\nFor example, the hypotenuse of a 3/4/5 right triangle is:\n\n    >>> hypot(3.0, 4.0)\n    5.0\n"},
    {"isclose", math_isclose, METH_FASTCALL | METH_KEYWORDS, "Determine whether two floating point numbers are close in value."},
    {"isfinite", math_isfinite, METH_O, "Return True if x is neither an infinity nor a NaN, and False otherwise."},
    {"isinf", math_isinf, METH_O, "Return True if x is a positive or negative infinity, and False otherwise."},
    {"isnan", math_isnan, METH_O, "Return True if x is a NaN (not a number), and False otherwise."},
    {"isqrt", math_isqrt, METH_O, "Return the integer part of the square root of the input."},
    {"lcm", math_lcm, METH_FASTCALL, "Least Common Multiple."},
    {"ldexp", math_ldexp, METH_FASTCALL, "Return x * (2**i).\n\nThis is essentially the inverse of frexp()."},
    {"lgamma", math_lgamma, METH_O, "Natural logarithm of absolute value of Gamma function at x."},
    {"log", math_log, METH_FASTCALL, "log(x, [base=math.e])\nReturn the logarithm of x to the given base.\n\nIf the base not specified, returns the natural logarithm (base e) of x."},
    {"log10", math_log10, METH_O, "Return the base 10 logarithm of x."},
    {"log1p", math_log1p, METH_O, "Return the natural logarithm of 1+x (base e).\n\nThe result is computed in a way which is accurate for x near zero."},
    {"log2", math_log2, METH_O, "Return the base 2 logarithm of x."},
    {"modf", math_modf, METH_O, "Return the fractional and integer parts of x.\n\nBoth results carry the sign of x and are floats."},
    {"nextafter", math_nextafter, METH_FASTCALL, "Return the next floating-point value after x towards y."},
    {"perm", math_perm, METH_FASTCALL, "Number of ways to choose k items from n items without repetition and with order."},
    {"pow", math_pow, METH_FASTCALL, "Return x**y (x to the power of y)."},
    {"prod", math_prod, METH_FASTCALL | METH_KEYWORDS, "Calculate the product of all the elements in the input iterable."},
    {"radians", math_radians, METH_O, "Convert angle x from degrees to radians."},
    {"remainder", math_remainder, METH_FASTCALL, "Difference between x and the closest integer multiple of y."},
    {"sin", math_sin, METH_O, "Return the sine of x (measured in radians)."},
    {"sinh", math_sinh, METH_O, "Return the hyperbolic sine of x."},
    {"sqrt", math_sqrt, METH_O, "Return the square root of x."},
    {"tan", math_tan, METH_O, "Return the tangent of x (measured in radians)."},
    {"tanh", math_tanh, METH_O, "Return the hyperbolic tangent of x."},
    {"trunc", math_trunc, METH_O, "Truncates the Real x to the nearest Integral toward 0.\n\nUses the __trunc__ magic method."},
    {"ulp", math_ulp, METH_O, "Return the value of the least significant bit of the float x."},
    {nullptr, nullptr, 0, nullptr},
};

int math_init(Value module) {
  Value d = module_dict(module);
  struct {
    const char* name;
    double value;
  } consts[] = {{"pi", kPi}, {"e", kE}, {"tau", kTau}, {"inf", HUGE_VAL}, {"nan", NAN}};
  for (const auto& c : consts) {
    Ref f(float_new(c.value));
    if (!f || dict_set_cstr(d, c.name, *f) < 0) return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef math_module_def;
const BuiltinModuleDef math_module_def = {
    "math", math_init, kMathMethods,
    "This module provides access to the mathematical functions\n"
    "defined by the C standard."};

}  // namespace strata
