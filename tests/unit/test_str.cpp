// tests/unit/test_str.cpp — str, bytes and bytearray at the C++ level: layout (kinds),
// hashing against CPython 3.11 with PYTHONHASHSEED=0, repr, slots, methods by their
// method tables, %-formatting, str.format and the format-spec mini-language, codecs.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"

using namespace strata;
using strata::text::str_format_spec;

namespace {

Value S(const char* utf8) { return str_from_utf8(utf8); }
std::string U(Value s) { return std::string(str_utf8(s)); }

// "Type: message" of the pending exception (and clears it), or "" when none.
std::string err() {
  Value e = fetch_error();
  if (!e) return "";
  Value m = str(e);
  std::string r = std::string(type_of(e)->name) + ": " + (m ? U(m) : "?");
  return r;
}

// Calls a method through the type's method table, as a bound call would.
Value call_m(Value self, const char* name, std::initializer_list<Value> args,
             Value kwnames = Value()) {
  for (const MethodDef* d = type_of(self)->methods; d && d->name; d++)
    if (std::string(d->name) == name) {
      Value recv = (d->flags & METH_CLASS) ? Value::from(type_of(self)) : self;
      return d->fn(recv, args.begin(), args.size() - (kwnames ? tuple_size(kwnames) : 0),
                   kwnames);
    }
  FAIL("no method ", name);
  return Value();
}
// repr() of the result as UTF-8, or the error text.
std::string R(Value v) {
  if (!v) return err();
  Value r = repr(v);
  return r ? U(r) : err();
}

}  // namespace

TEST_CASE("str: layout picks the narrowest kind") {
  CHECK(S("abc").as<StrObject>()->kind == 1);
  CHECK(S("abc").as<StrObject>()->ascii == 1);
  CHECK(S("\xc3\xa9").as<StrObject>()->kind == 1);
  CHECK(S("\xc3\xa9").as<StrObject>()->ascii == 0);
  CHECK(S("\xe2\x82\xac").as<StrObject>()->kind == 2);
  CHECK(S("\xf0\x9f\x98\x80").as<StrObject>()->kind == 4);
  CHECK(str_length(S("a\xf0\x9f\x98\x80z")) == 3);
  CHECK(U(S("a\xe2\x82\xac\xf0\x9f\x98\x80")) == "a\xe2\x82\xac\xf0\x9f\x98\x80");
  Value sub = str_substring(S("\xe2\x82\xac" "ab"), 1, 3);
  CHECK(sub.as<StrObject>()->kind == 1);
  CHECK(str_equal_ascii(sub, "ab"));
}

TEST_CASE("str: hash equals CPython 3.11 with PYTHONHASHSEED=0") {
  CHECK(str_hash(S("abc")) == -4594863902769663758LL);
  CHECK(str_hash(S("")) == 0);
  CHECK(str_hash(S("\xc3\xa9")) == 6047309291227476195LL);
  CHECK(str_hash(S("\xe2\x82\xacuro")) == 7542247858446192590LL);
  CHECK(str_hash(S("\xf0\x9f\x98\x80x")) == -8926728262118538918LL);
  CHECK(str_hash(S("abcdefghijklmnop")) == -7712962755478248686LL);
  CHECK(hash(bytes_from("abc")) == -4594863902769663758LL);
}

TEST_CASE("str: intern") {
  Value a = intern("hello_name");
  Value b = intern("hello_name");
  CHECK(a == b);
  CHECK(a.obj()->refcnt >= kImmortal);
  Value c = str_intern(S("hello_name"));
  CHECK(c == a);
}

TEST_CASE("str: repr") {
  CHECK(U(str_repr(S("abc"))) == "'abc'");
  CHECK(U(str_repr(S("a'b"))) == "\"a'b\"");
  CHECK(U(str_repr(S("a'b\""))) == "'a\\'b\"'");
  CHECK(U(str_repr(S("\t\n\r\\\x01\x7f"))) == "'\\t\\n\\r\\\\\\x01\\x7f'");
  CHECK(U(str_repr(S("\xc3\xa9\xe2\x82\xac"))) == "'\xc3\xa9\xe2\x82\xac'");
  CHECK(U(str_repr(S("\xc2\xa0\xc2\xad"))) == "'\\xa0\\xad'");
  CHECK(U(str_repr(S("\xe2\x80\xa8"))) == "'\\u2028'");
  CHECK(U(str_repr(S("\xf3\xa0\x80\x81"))) == "'\\U000e0001'");
}

TEST_CASE("str: slots") {
  Type* t = &StrType;
  CHECK(R(t->getitem(S("abc"), Value::small(-1))) == "'c'");
  CHECK(R(t->getitem(S("abc"), Value::small(5))) == "IndexError: string index out of range");
  CHECK(R(t->nb[0](S("ab"), S("\xe2\x82\xac"))) == "'ab\xe2\x82\xac'");
  CHECK(R(t->nb[0](S("ab"), Value::small(1))) ==
        "TypeError: can only concatenate str (not \"int\") to str");
  CHECK(R(t->nb[5](S("ab"), Value::small(3))) == "'ababab'");
  CHECK(R(t->nb[5](Value::small(2), S("x"))) == "'xx'");
  CHECK(R(t->nb[5](S("ab"), Value::small(-3))) == "''");
  CHECK(t->contains(S("hello"), S("ll")) == 1);
  CHECK(t->contains(S("hello"), Value::small(1)) == -1);
  CHECK(err() == "TypeError: 'in <string>' requires string as left operand, not int");
  CHECK(str_compare(S("a"), S("b")) < 0);
  CHECK(str_compare(S("\xe2\x82\xac"), S("z")) > 0);
}

TEST_CASE("str: case and classes") {
  CHECK(R(call_m(S("stra\xc3\x9f" "e"), "upper", {})) == "'STRASSE'");
  CHECK(R(call_m(S("\xce\x9f\xce\x94\xce\x9f\xce\xa3"), "lower", {})) == "'\xce\xbf\xce\xb4\xce\xbf\xcf\x82'");
  CHECK(R(call_m(S("hello world"), "title", {})) == "'Hello World'");
  CHECK(R(call_m(S("\xc3\x9f" "a"), "title", {})) == "'Ssa'");
  CHECK(R(call_m(S("hELLO"), "capitalize", {})) == "'Hello'");
  CHECK(R(call_m(S("Hello"), "swapcase", {})) == "'hELLO'");
  CHECK(R(call_m(S("\xc3\x9f"), "casefold", {})) == "'ss'");
  CHECK(R(call_m(S("\xc5\x89"), "title", {})) == "'\xca\xbcN'");
  CHECK(R(call_m(S("\xef\xac\x81x"), "title", {})) == "'Fix'");
  CHECK(R(call_m(S("\xe1\xbe\xb3"), "upper", {})) == "'\xce\x91\xce\x99'");
  CHECK(R(call_m(S("\xe1\xbe\xb3"), "title", {})) == "'\xe1\xbe\xbc'");
  CHECK(R(call_m(S("\xc4\xb0"), "lower", {})) == "'i\xcc\x87'");
  CHECK(call_m(S("\xc7\x88" "a"), "istitle", {}) == True());
  CHECK(call_m(S("abc"), "isalpha", {}) == True());
  CHECK(call_m(S("\xd9\xa3"), "isdecimal", {}) == True());
  CHECK(call_m(S("\xc2\xb2"), "isdigit", {}) == True());
  CHECK(call_m(S("\xc2\xb2"), "isdecimal", {}) == False());
  CHECK(call_m(S("\xc2\xbd"), "isnumeric", {}) == True());
  CHECK(call_m(S("Hello World"), "istitle", {}) == True());
  CHECK(call_m(S("_a1"), "isidentifier", {}) == True());
  CHECK(call_m(S("1a"), "isidentifier", {}) == False());
  CHECK(call_m(S(" \t\xc2\x85"), "isspace", {}) == True());
}

TEST_CASE("str: searching, splitting, padding") {
  CHECK(R(call_m(S("hello"), "find", {S("l")})) == "2");
  CHECK(R(call_m(S("hello"), "rfind", {S("l")})) == "3");
  CHECK(R(call_m(S("hello"), "index", {S("z")})) == "ValueError: substring not found");
  CHECK(R(call_m(S("aaa"), "count", {S("")})) == "4");
  CHECK(R(call_m(S("abc"), "count", {})) == "TypeError: count() takes at least 1 argument (0 given)");
  CHECK(R(call_m(S(" a  b "), "split", {})) == "['a', 'b']");
  CHECK(R(call_m(S("a,b,,c"), "split", {S(",")})) == "['a', 'b', '', 'c']");
  CHECK(R(call_m(S("a,b,c"), "rsplit", {S(","), Value::small(1)})) == "['a,b', 'c']");
  CHECK(R(call_m(S("a b c"), "rsplit", {Value(None()), Value::small(1)})) == "['a b', 'c']");
  CHECK(R(call_m(S("abc"), "split", {S("")})) == "ValueError: empty separator");
  CHECK(R(call_m(S("a\nb\r\nc"), "splitlines", {})) == "['a', 'b', 'c']");
  CHECK(R(call_m(S("abc"), "center", {Value::small(7), S("*")})) == "'**abc**'");
  CHECK(R(call_m(S("abc"), "center", {Value::small(6)})) == "' abc  '");
  CHECK(R(call_m(S("abc"), "center", {})) == "TypeError: center expected at least 1 argument, got 0");
  CHECK(R(call_m(S("-42"), "zfill", {Value::small(6)})) == "'-00042'");
  CHECK(R(call_m(S("a\tb"), "expandtabs", {})) == "'a       b'");
  CHECK(R(call_m(S("  x  "), "strip", {})) == "'x'");
  CHECK(R(call_m(S("xxaxx"), "rstrip", {S("x")})) == "'xxa'");
  CHECK(R(call_m(S("a.b.c"), "partition", {S(".")})) == "('a', '.', 'b.c')");
  CHECK(R(call_m(S("a.b.c"), "rpartition", {S(".")})) == "('a.b', '.', 'c')");
  CHECK(R(call_m(S("aaa"), "replace", {S("a"), S("bb"), Value::small(2)})) == "'bbbba'");
  CHECK(R(call_m(S("ab"), "replace", {S(""), S("-")})) == "'-a-b-'");
  CHECK(R(call_m(S("-"), "join", {tuple_pack({S("a"), S("\xe2\x82\xac")})})) == "'a-\xe2\x82\xac'");
  CHECK(R(call_m(S("-"), "join", {tuple_pack({S("a"), Value::small(1)})})) ==
        "TypeError: sequence item 1: expected str instance, int found");
  CHECK(R(call_m(S("hello"), "startswith", {tuple_pack({S("x"), S("he")})})) == "True");
  CHECK(R(call_m(S("hello"), "endswith", {S("lo"), Value::small(0), Value::small(4)})) == "False");
  CHECK(R(call_m(S("prefix_x"), "removeprefix", {S("prefix_")})) == "'x'");
}

TEST_CASE("str: % formatting") {
  CHECK(R(str_format_c("%s=%d %.5R|%-4x|%c %U %T %%", "k", 42, S("abcdef"), 255, 'Z', S("u"), S(""))) ==
        "\"k=42 'abcd|ff  |Z u str %\"");
  CHECK(R(binary_op(S("%s|%r|%5d|%-5d|%05.1f|%x|%#o|%c|%%"),
                    tuple_pack({S("a"), S("b"), Value::small(42), Value::small(-3), float_new(3.14159),
                                Value::small(255), Value::small(8), Value::small(65)}),
                    6)) == "\"a|'b'|   42|-3   |003.1|ff|0o10|A|%\"");
  CHECK(R(binary_op(S("%d %d"), tuple_pack({Value::small(1)}), 6)) ==
        "TypeError: not enough arguments for format string");
  CHECK(R(binary_op(S("%d"), tuple_pack({Value::small(1), Value::small(2)}), 6)) ==
        "TypeError: not all arguments converted during string formatting");
  CHECK(R(binary_op(S("%d"), S("a"), 6)) == "TypeError: %d format: a real number is required, not str");
  CHECK(R(binary_op(S("%z"), Value::small(1), 6)) ==
        "ValueError: unsupported format character 'z' (0x7a) at index 1");
  CHECK(R(binary_op(S("%.3d|%+d|% d"), tuple_pack({Value::small(5), Value::small(5), Value::small(5)}), 6)) ==
        "'005|+5| 5'");
  CHECK(R(binary_op(S("%*d|%-*d|"), tuple_pack({Value::small(4), Value::small(1), Value::small(3), Value::small(2)}), 6)) ==
        "'   1|2  |'");
}

TEST_CASE("str: % formatting, numbers") {
  CHECK(R(binary_op(S("%#x|%.0e|%#.0f|%g|%G|%F"),
                    tuple_pack({Value::small(-255), float_new(12345.0), float_new(3.0),
                                float_new(1e16), float_new(1e-10), float_new(1.0 / 0.0)}),
                    6)) == "'-0xff|1e+04|3.|1e+16|1E-10|INF'");
  CHECK(R(binary_op(S("%05s|%-05d|%5c|"), tuple_pack({S("a"), Value::small(3), S("x")}), 6)) ==
        "'    a|3    |    x|'");
  CHECK(R(call_m(bytes_from("hello world"), "capitalize", {})) == "b'Hello world'");
  CHECK(R(call_m(bytes_from("aB1"), "swapcase", {})) == "b'Ab1'");
  CHECK(R(call_m(bytes_from("abc def"), "title", {})) == "b'Abc Def'");
}

// (The two str.format checks that format() a field need the full runtime: format() finds
// __format__ in the type's dict.)
TEST_CASE("str: format and __format__") {
  CHECK(R(str_format_spec(S("ab"), S(">5"))) == "'   ab'");
  CHECK(R(str_format_spec(S("ab"), S("*^6"))) == "'**ab**'");
  CHECK(R(str_format_spec(S("abcdef"), S(".2"))) == "'ab'");
  CHECK(R(str_format_spec(S("ab"), S("05"))) == "'ab000'");
  CHECK(R(str_format_spec(S("a"), S("d"))) == "ValueError: Unknown format code 'd' for object of type 'str'");
  CHECK(R(str_format_spec(S("a"), S("+"))) == "ValueError: Sign not allowed in string format specifier");
  CHECK(R(str_format_spec(S("a"), S(","))) == "ValueError: Cannot specify ',' with 's'.");
  CHECK(R(str_format_spec(S("a"), S("xx"))) ==
        "ValueError: Invalid format specifier 'xx' for object of type 'str'");
  CHECK(R(call_m(S("{}-{}"), "format", {S("a"), S("b")})) == "'a-b'");
  CHECK(R(call_m(S("{1}{0}{{}}"), "format", {S("a"), S("b")})) == "'ba{}'");
  CHECK(R(call_m(S("{0!r:>5}"), "format", {S("a")})) == "\"  'a'\"");
  CHECK(R(call_m(S("{:{}}|"), "format", {S("a"), S("3")})) == "'a  |'");
  CHECK(R(call_m(S("{x}"), "format", {S("v")}, tuple_pack({S("x")}))) == "'v'");
  CHECK(R(call_m(S("{0[1]}"), "format", {tuple_pack({S("a"), S("b")})})) == "'b'");
  CHECK(R(call_m(S("{"), "format", {})) == "ValueError: Single '{' encountered in format string");
  CHECK(R(call_m(S("}"), "format", {})) == "ValueError: Single '}' encountered in format string");
  CHECK(R(call_m(S("{0}{}"), "format", {S("a"), S("b")})) ==
        "ValueError: cannot switch from manual field specification to automatic field numbering");
  CHECK(R(call_m(S("{1}"), "format", {S("a")})) ==
        "IndexError: Replacement index 1 out of range for positional args tuple");
  CHECK(R(call_m(S("{!x}"), "format", {S("a")})) == "ValueError: Unknown conversion specifier x");
  CHECK(R(call_m(S("{!r"), "format", {S("a")})) == "ValueError: unmatched '{' in format spec");
  CHECK(R(call_m(S("{0[}"), "format", {S("a")})) == "ValueError: expected '}' before end of string");
  CHECK(R(call_m(S("{:{:{}}}"), "format", {S("a"), S("b"), S("c")})) ==
        "ValueError: Max string recursion exceeded");
}

TEST_CASE("codecs") {
  CHECK(R(call_m(S("h\xc3\xa9\xe2\x82\xac"), "encode", {})) == "b'h\\xc3\\xa9\\xe2\\x82\\xac'");
  CHECK(R(call_m(S("h\xc3\xa9"), "encode", {S("latin-1")})) == "b'h\\xe9'");
  CHECK(R(call_m(S("h\xc3\xa9"), "encode", {S("ascii")})) ==
        "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)");
  CHECK(R(call_m(S("h\xc3\xa9\xc3\xa9"), "encode", {S("ascii"), S("replace")})) == "b'h??'");
  CHECK(R(call_m(S("h\xc3\xa9"), "encode", {S("ascii"), S("backslashreplace")})) == "b'h\\\\xe9'");
  CHECK(R(call_m(S("h\xc3\xa9"), "encode", {S("ascii"), S("xmlcharrefreplace")})) == "b'h&#233;'");
  CHECK(R(call_m(S("x"), "encode", {S("foo")})) == "LookupError: unknown encoding: foo");
  CHECK(R(call_m(bytes_from("\xff"), "decode", {})) ==
        "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  CHECK(R(call_m(bytes_from("a\xff"), "decode", {S("utf-8"), S("replace")})) == "'a\xef\xbf\xbd'");
  CHECK(R(call_m(bytes_from("a\xff"), "decode", {S("utf-8"), S("surrogateescape")})) == "'a\\udcff'");
  CHECK(R(call_m(bytes_from("\xed\xa0\x80"), "decode", {})) ==
        "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
  CHECK(R(call_m(bytes_from("\xff"), "decode", {S("utf-8"), S("foo")})) ==
        "LookupError: unknown error handler name 'foo'");
  CHECK(R(call_m(S("\xc3\xa9"), "encode", {S("utf-16")})) == "b'\\xff\\xfe\\xe9\\x00'");
}

TEST_CASE("bytes and bytearray") {
  CHECK(R(bytes_from(std::string_view("a'\x00\xff", 4))) == "b\"a'\\x00\\xff\"");
  CHECK(R(bytes_from("'\"")) == "b'\\'\"'");
  CHECK(R(bytearray_from("x'")) == "bytearray(b\"x\\'\")");
  Value b = bytes_from("hello");
  CHECK(R(BytesType.getitem(b, Value::small(1))) == "101");
  CHECK(R(BytesType.getitem(b, Value::small(9))) == "IndexError: index out of range");
  CHECK(BytesType.contains(b, Value::small('e')) == 1);
  CHECK(BytesType.contains(b, bytes_from("ll")) == 1);
  CHECK(R(BytesType.nb[0](b, S("x"))) == "TypeError: can't concat str to bytes");
  CHECK(R(BytesType.nb[5](b, Value::small(2))) == "b'hellohello'");
  CHECK(R(call_m(b, "split", {bytes_from("l")})) == "[b'he', b'', b'o']");
  CHECK(R(call_m(b, "upper", {})) == "b'HELLO'");
  CHECK(R(call_m(b, "hex", {})) == "'68656c6c6f'");
  CHECK(R(call_m(bytes_from("abc"), "hex", {S(":"), Value::small(2)})) == "'61:6263'");
  CHECK(R(call_m(b, "find", {S("a")})) ==
        "TypeError: argument should be integer or bytes-like object, not 'str'");
  CHECK(R(call_m(b, "fromhex", {S("de ad")})) == "b'\\xde\\xad'");
  CHECK(R(call_m(b, "fromhex", {S("zz")})) ==
        "ValueError: non-hexadecimal number found in fromhex() arg at position 0");
  CHECK(R(binary_op(bytes_from("%5.2f|%-4d|%x|%c|%r|%s"),
                    tuple_pack({float_new(1.5), Value::small(3), Value::small(255), Value::small(65),
                                S("s"), bytes_from("b")}),
                    6)) == "b\" 1.50|3   |ff|A|'s'|b\"");
  Value ba = bytearray_from("abc");
  CHECK(R(call_m(ba, "append", {Value::small('d')})) == "None");
  CHECK(R(call_m(ba, "append", {Value::small(256)})) == "ValueError: byte must be in range(0, 256)");
  CHECK(R(call_m(ba, "pop", {})) == "100");
  CHECK(R(call_m(ba, "insert", {Value::small(0), Value::small('z')})) == "None");
  CHECK(R(ba) == "bytearray(b'zabc')");
  CHECK(ByteArrayType.setitem(ba, slice_new(Value::small(1), Value::small(3), Value()), bytes_from("XYZ")) == 0);
  CHECK(R(ba) == "bytearray(b'zXYZc')");
  CHECK(R(ByteArrayType.nb[13](ba, bytes_from("!"))) == "bytearray(b'zXYZc!')");
  CHECK(R(ba) == "bytearray(b'zXYZc!')");
  CHECK(R(ByteArrayType.getitem(ba, slice_new(Value(), Value(), Value::small(-1)))) ==
        "bytearray(b'!cZYXz')");
}
