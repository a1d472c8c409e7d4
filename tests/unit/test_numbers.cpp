// tests/unit/test_numbers.cpp — what Python code cannot see directly of int, float and
// complex: the small-int normalization invariant, correct rounding of the conversions, the
// hash scheme shared by int and float, and the text entry points other areas call.
// Behaviour visible from Python is tested against CPython by .py tests.
#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>

#include "vm/abstract.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/opcodes.h"
#include "vm/str.h"

namespace strata {

namespace {
Value big(const char* decimal) { return int_from_string(decimal, 10); }
}  // namespace

TEST_CASE("numbers: exact ints in the small range are always tagged") {
  Value p = big("4611686018427387904");  // 2**62
  REQUIRE(p);
  CHECK(!p.is_small());
  Value q = int_floordiv(p, Value::small(4));
  CHECK(q.is_small());
  CHECK(q.small_value() == (int64_t(1) << 60));
  Value r = int_sub(p, p);
  CHECK(r == Value::small(0));
  Value m = int_mul(p, Value::small(0));
  CHECK(m == Value::small(0));
  Value n = int_from_double(-2305843009213693952.0);  // -2**61 == kSmallIntMin
  CHECK(n.is_small());
  Value o = int_from_double(2305843009213693952.0);  // 2**61: one past kSmallIntMax
  CHECK(!o.is_small());
  CHECK(int_from_i64(kSmallIntMax).is_small());
  CHECK(!int_from_i64(kSmallIntMax + 1).is_small());
  decref(p);
  decref(o);
}

TEST_CASE("numbers: True and False are ints holding 1 and 0") {
  int64_t v = -1;
  CHECK(int_to_i64(True(), &v));
  CHECK(v == 1);
  CHECK(int_to_i64(False(), &v));
  CHECK(v == 0);
  CHECK(is_int(True()));
  CHECK(!is_exact_int(True()));
  Value two = int_add(True(), True());
  CHECK(two == Value::small(2));
  CHECK(int_hash(True()) == 1);
}

TEST_CASE("numbers: int to double rounds half to even") {
  bool of = true;
  Value a = big("9007199254740993");  // 2**53 + 1: a tie, rounds down to even
  CHECK(int_to_double(a, &of) == 9007199254740992.0);
  CHECK(!of);
  Value b = big("9007199254740995");  // 2**53 + 3: a tie, rounds up to even
  CHECK(int_to_double(b, &of) == 9007199254740996.0);
  Value c = big("36028797018963971");  // 2**55 + 3: below half, rounds down
  CHECK(int_to_double(c, &of) == 36028797018963968.0);
  // 2**1024 - 2**970 rounds up to 2**1024: overflow; one less stays finite.
  Value top = int_sub(int_pow(Value::small(2), Value::small(1024)),
                      int_pow(Value::small(2), Value::small(970)));
  int_to_double(top, &of);
  CHECK(of);
  Value below = int_sub(top, Value::small(1));
  CHECK(int_to_double(below, &of) == DBL_MAX);
  CHECK(!of);
  for (Value v : {a, b, c, top, below}) decref(v);
}

TEST_CASE("numbers: true division of big ints is correctly rounded") {
  Value one = Value::small(1);
  Value d = int_pow(Value::small(2), Value::small(1075));  // 1 / 2**1075: half the minimum
  Value q = int_truediv(one, d);
  REQUIRE(q);
  CHECK(float_value(q) == 0.0);  // a tie, to even (zero)
  decref(q);
  Value d3 = int_sub(d, Value::small(1));  // slightly more than half: rounds up
  q = int_truediv(one, d3);
  REQUIRE(q);
  CHECK(float_value(q) == 4.9406564584124654e-324);
  decref(q);
  decref(d);
  decref(d3);
}

TEST_CASE("numbers: float repr is the shortest round trip in CPython's layout") {
  CHECK(float_repr(1e16) == "1e+16");
  CHECK(float_repr(1e15) == "1000000000000000.0");
  CHECK(float_repr(0.0001) == "0.0001");
  CHECK(float_repr(1e-5) == "1e-05");
  CHECK(float_repr(-0.0) == "-0.0");
  CHECK(float_repr(0.1 + 0.2) == "0.30000000000000004");
  CHECK(float_repr(HUGE_VAL) == "inf");
  CHECK(float_repr(-HUGE_VAL) == "-inf");
  CHECK(float_repr(NAN) == "nan");
  CHECK(float_repr(5e-324) == "5e-324");
  CHECK(float_repr(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(float_repr_style(2.0, false) == "2");
}

TEST_CASE("numbers: hash(float) equals hash(int) for integral values") {
  CHECK(float_hash(1.0) == 1);
  CHECK(float_hash(-1.0) == -2);
  CHECK(int_hash(Value::small(-1)) == -2);
  CHECK(float_hash(0.5) == (int64_t(1) << 60));
  Value p = int_pow(Value::small(2), Value::small(100));
  CHECK(float_hash(std::ldexp(1.0, 100)) == int_hash(p));
  decref(p);
  Value m = big("-10000000000000000000000");  // -1e22 is exact in binary
  CHECK(float_hash(-1e22) == int_hash(m));
  decref(m);
  CHECK(float_hash(HUGE_VAL) == 314159);
}

TEST_CASE("numbers: float text as float() accepts it") {
  double d = 0;
  CHECK(parse_float_text("1_000.5", &d));
  CHECK(d == 1000.5);
  CHECK(parse_float_text("-InFinity", &d));
  CHECK(d == -HUGE_VAL);
  CHECK(parse_float_text("1e400", &d));
  CHECK(d == HUGE_VAL);
  CHECK(parse_float_text("1e-400", &d));
  CHECK(d == 0.0);
  CHECK(parse_float_text(".5e1_0", &d));
  CHECK(d == 5e9);
  CHECK(!parse_float_text("1__0", &d));
  CHECK(!parse_float_text("1_", &d));
  CHECK(!parse_float_text("0x10", &d));
  CHECK(!parse_float_text("nan(1)", &d));
  CHECK(!parse_float_text(".", &d));
  CHECK(!parse_float_text("", &d));
}

TEST_CASE("numbers: int text and its errors") {
  Value v = int_from_string("  -0x_ff  ", 0);
  REQUIRE(v);
  CHECK(v == Value::small(-255));
  CHECK(!int_from_string("012", 0));
  CHECK(error_matches(ValueError));
  clear_error();
  CHECK(!int_from_string("1__2", 10));
  clear_error();
  Value u = int_from_string("\xd9\xa3", 10);  // ARABIC-INDIC DIGIT THREE
  CHECK(u == Value::small(3));
  std::string digits(5000, '7');
  CHECK(!int_from_string(digits, 10));  // above the 4300-digit limit
  CHECK(error_matches(ValueError));
  clear_error();
  Value hex = int_from_string(std::string(5000, 'f'), 16);  // no limit for powers of two
  CHECK(hex);
  xdecref(hex);
}

TEST_CASE("numbers: int text out") {
  Value p = int_pow(Value::small(10), Value::small(30));
  CHECK(int_to_decimal(p) == "1000000000000000000000000000000");
  Value h = int_to_base(Value::small(-255), 16);
  REQUIRE(h);
  CHECK(str_equal_ascii(h, "-0xff"));
  decref(h);
  decref(p);
  Value huge = int_pow(Value::small(10), Value::small(5000));
  CHECK(int_check_str_digits(huge) == -1);
  CHECK(error_matches(ValueError));
  clear_error();
  CHECK(int_check_str_digits(Value::small(5)) == 0);
  decref(huge);
}

TEST_CASE("numbers: absurd sizes raise instead of allocating") {
  Value big_shift = int_pow(Value::small(2), Value::small(100));
  CHECK(!binary_op(Value::small(1), big_shift, NB_LSHIFT));
  CHECK(error_matches(OverflowError));
  clear_error();
  Value shift = int_pow(Value::small(2), Value::small(40));
  CHECK(!binary_op(Value::small(1), shift, NB_LSHIFT));
  CHECK(error_matches(MemoryError));
  clear_error();
  CHECK(!int_pow(Value::small(3), shift));
  CHECK(error_matches(MemoryError));
  clear_error();
  decref(big_shift);
  decref(shift);
}

}  // namespace strata
