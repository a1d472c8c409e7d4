// vm/float.h — float and complex. Implemented in vm/float.cpp and vm/complex.cpp.
#pragma once
#include <string>

#include "vm/object.h"

namespace strata {

struct FloatObject {
  Object ob;
  double value;
};

struct ComplexObject {
  Object ob;
  double real, imag;
};

Value float_new(double d);
inline double float_value(Value v) { return v.as<FloatObject>()->value; }  // v is a float
// float(v) as a C double for any real number (float, int, __float__, __index__);
// -1.0 with an exception set on error (check error_occurred()).
double as_double(Value v);
// repr(float): the shortest text that round-trips, in CPython's format ("1e+16", "inf").
std::string float_repr(double d);
int64_t float_hash(double d);  // CPython's hash(float)
Value complex_new(double real, double imag);
// v ** w for two doubles with CPython's special cases (a negative base to a fractional
// power gives a complex; 0.0 to a negative power raises ZeroDivisionError).
Value float_power(double v, double w);
// float(x) for one argument as the float constructor does it (__float__, __index__,
// str/bytes/bytearray); an exact float.
Value float_from_object(Value x);
// repr()'s text for a double ('r' mode: shortest round-trip digits, exponent when the
// decimal exponent is < -4 or >= 16); add_dot_0 appends ".0" to an integral fixed form
// (float's repr does, complex's parts do not).
std::string float_repr_style(double d, bool add_dot_0);
// (ar + ai j) ** (br + bi j) as complex ** does it (vm/complex.cpp).
Value complex_power(double ar, double ai, double br, double bi);
// The value of a float or float subclass instance.
inline double float_of(Value v) { return v.as<FloatObject>()->value; }

}  // namespace strata
