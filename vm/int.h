// vm/int.h — int (small ints tagged in the Value, big ones as GMP integers) and bool.
// Implemented in vm/int.cpp.
//
// Invariant: an exact int whose value fits kSmallIntMin..kSmallIntMax is ALWAYS the tagged
// small form, never an IntObject; so `is` and == on small ints compare words, and a
// specialized fast path only ever sees tagged ints. True and False are IntObjects of type
// bool holding 1 and 0 (bool subclasses int, so int's operations must accept them).
#pragma once
#include <gmp.h>

#include <string>
#include <string_view>

#include "vm/object.h"

namespace strata {

struct IntObject {
  Object ob;
  mpz_t z;
};

// A Value for i: small when it fits, a new IntObject otherwise.
Value int_from_i64(int64_t i);
Value int_from_u64(uint64_t u);
Value int_from_double(double d);  // truncates; raises OverflowError/ValueError for inf/nan
// Takes the value of z (normalizing to a small int when it fits). z is left unchanged.
Value int_from_mpz(const mpz_t z);
// Parses like int(text, base): base 0 or 2..36, underscores, whitespace; raises
// ValueError "invalid literal for int() with base 10: 'x'" on bad text.
Value int_from_string(std::string_view text, int base);

// The value of an int (or bool, or int subclass) as int64_t; false on overflow.
bool int_to_i64(Value v, int64_t* out);
// The same, raising OverflowError "Python int too large to convert to C long" on overflow.
// Returns -1 with the error set (check error_occurred()).
int64_t int_as_i64(Value v);
double int_to_double(Value v, bool* overflow);  // correctly rounded
// Sets z to the value of an int, bool or int subclass.
void int_to_mpz(Value v, mpz_t z);
int int_sign(Value v);
// Decimal text, whatever its length (int_max_str_digits does not apply: callers that
// format for Python code, like '%d', call int_check_str_digits() first).
std::string int_to_decimal(Value v);
// 0, or -1 with CPython's ValueError when v has more decimal digits than
// int_max_str_digits allows.
int int_check_str_digits(Value v);
Value int_to_base(Value v, int base);  // bin()/oct()/hex() text with its prefix: a str

// Arithmetic on two ints (either may be small or big); never NotImplemented.
Value int_add(Value a, Value b);
Value int_sub(Value a, Value b);
Value int_mul(Value a, Value b);
Value int_floordiv(Value a, Value b);
Value int_mod(Value a, Value b);
Value int_truediv(Value a, Value b);
Value int_pow(Value a, Value b);
int int_compare(Value a, Value b);  // -1, 0, 1
int64_t int_hash(Value v);          // CPython's hash(int): modulo 2**61 - 1

// The bool singletons are TrueObject/FalseObject (vm/object.h).

// divmod(a, b) for any two objects, as the builtin does it: int and float pairs directly,
// otherwise __divmod__ / __rdivmod__ with CPython's operand order (a subclass of the
// left operand's type that overrides __rdivmod__ goes first).
Value number_divmod(Value a, Value b);
Value int_divmod(Value a, Value b);  // both ints: a (q, r) tuple

// sys.set_int_max_str_digits(): the most decimal digits int <-> str converts (0: no
// limit); CPython 3.11's default is 4300 and the smallest allowed non-zero value 640.
extern int64_t int_max_str_digits;
inline constexpr int64_t kIntMaxStrDigitsDefault = 4300;
inline constexpr int64_t kIntMaxStrDigitsThreshold = 640;

// An exact int with the value of an int, bool or int subclass (a new reference).
Value int_exact(Value v);

// -- Shared by int.cpp, float.cpp and complex.cpp (not for other areas) ---------------------

// A parsed format spec (the format-spec mini-language of format()).
struct FormatSpec {
  uint32_t fill = ' ';
  char align = 0;      // '<' '>' '=' '^' or 0
  char sign = 0;       // '+' '-' ' ' or 0
  bool no_neg_zero = false;  // 'z'
  bool alternate = false;    // '#'
  bool zero_pad = false;     // '0' before the width
  int64_t width = -1;
  char thousands = 0;  // ',' '_' or 0
  int64_t precision = -1;
  char type = 0;       // 0 when absent
};
// Parses `spec` (a str); raises ValueError as CPython words it; -1 on error. Numbers
// align right by default (align stays 0 in *out when absent).
// `tname` is the formatted object's type name for the error messages; `default_type`
// is what an absent type means ('d' for int, 0 for float).
int parse_format_spec(Value spec, const char* tname, char default_type, FormatSpec* out);
// Lays out a number's text: `sign` ("", "-", "+", " "), `prefix` ("0x"), `digits` (ASCII
// integer part, grouped here when spec.thousands, grouping every `group` digits), `rest`
// (fraction/exponent/suffix, ASCII) with fill, alignment and width. A new str.
Value format_number_layout(const FormatSpec& spec, std::string_view sign,
                           std::string_view prefix, std::string_view digits,
                           std::string_view rest, int group);
// Maps Unicode white space to ' ' and Unicode decimal digits to ASCII digits (as
// CPython's _PyUnicode_TransformDecimalAndSpaceToASCII does, for int() and float() of a
// str); other non-ASCII characters become '?' so that parsing fails.
std::string number_text_to_ascii(std::string_view utf8);
// Formats a double for float.__format__ (and int.__format__ with e/f/g/%): spec already
// parsed; a new str. Implemented in vm/float.cpp.
// `complex_part`: a part of a complex, where no type means repr's digits (or 'g' with a
// precision) without the ".0" a float gets.
Value format_float_spec(double d, const FormatSpec& spec, const char* tname,
                        bool complex_part = false);
// Parses the text of a float literal as float() accepts it (no surrounding whitespace,
// underscores between digits); false when the text is not one.
bool parse_float_text(std::string_view text, double* out);
// m * 2**e (m >= 0) correctly rounded to a double, half to even; `sticky`: the true
// value is a little above m * 2**e. *overflow when it does not fit.
double scaled_to_double(mpz_srcptr m, int64_t e, bool sticky, bool* overflow);
// Parses the arguments of a built-in method as Argument Clinic does: names[i] for slot i;
// the first `npos_only` are positional-only, those from `nmax_pos` on keyword-only, the
// first `nrequired` required. Fills out[] (borrowed, null if absent). -1 on error.
int parse_args(const char* fname, const Value* args, size_t nargs, Value kwnames,
               const char* const* names, int nnames, int npos_only, int nmax_pos,
               int nrequired, Value* out);
// int(x) for one argument, as the int constructor does it (__int__, __index__,
// __trunc__, str/bytes/bytearray); an exact int.
Value int_from_object(Value x);

}  // namespace strata
