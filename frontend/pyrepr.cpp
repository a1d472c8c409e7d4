// frontend/pyrepr.cpp — Python's repr() of literal values (str, bytes, float, complex,
// int), character for character as CPython 3.11 writes them.
#include "frontend/pyrepr.h"

#include <unicode/uchar.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace strata {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex(std::string& out, char prefix, uint32_t v, int digits) {
  out += '\\';
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xf];
}

// One code point from UTF-8 at [p, end); lone surrogates (ED A0..BF xx) decode like
// any other 3-byte sequence. A byte that starts no valid sequence decodes as itself
// with length 1 (our own strings are valid UTF-8, so this only guards against misuse).
uint32_t decode_utf8(const unsigned char* p, const unsigned char* end, int& len) {
  unsigned char c = p[0];
  auto cont = [&](int i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
  if (c < 0x80) { len = 1; return c; }
  if (c >= 0xC2 && c < 0xE0 && cont(1)) { len = 2; return ((c & 0x1Fu) << 6) | (p[1] & 0x3F); }
  if (c >= 0xE0 && c < 0xF0 && cont(1) && cont(2)) {
    uint32_t cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3F);
    if (cp >= 0x800) { len = 3; return cp; }
  }
  if (c >= 0xF0 && c < 0xF5 && cont(1) && cont(2) && cont(3)) {
    uint32_t cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
                  (p[3] & 0x3F);
    if (cp >= 0x10000 && cp <= 0x10FFFF) { len = 4; return cp; }
  }
  len = 1;
  return c;
}

// Python 3.11's unicodedata is Unicode 14.0; ICU may know a newer version. A code
// point assigned after 14.0 is unassigned (Cn) to Python, hence not printable.
bool assigned_in_python311(uint32_t cp) {
  UVersionInfo age;
  u_charAge(static_cast<UChar32>(cp), age);
  return age[0] < 14 || (age[0] == 14 && age[1] == 0);
}

// str.isprintable for one code point: false for Cc Cf Cs Co Cn Zl Zp Zs, except ' '.
bool python_isprintable(uint32_t cp) {
  if (cp == ' ') return true;
  if (cp < 0x80) return cp > 0x20 && cp < 0x7f;
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_SURROGATE: case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
    case U_SPACE_SEPARATOR:
      return false;
    default:
      return assigned_in_python311(cp);
  }
}

}  // namespace

void append_repr_str(std::string& out, std::string_view utf8) {
  // The quote: ' unless the text has a ' and no ".
  bool has_single = utf8.find('\'') != std::string_view::npos;
  bool has_double = utf8.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  out.reserve(out.size() + utf8.size() + 2);
  out += quote;
  auto p = reinterpret_cast<const unsigned char*>(utf8.data());
  auto end = p + utf8.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      if (c == quote || c == '\\') { out += '\\'; out += static_cast<char>(c); }
      else if (c == '\t') out += "\\t";
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c < ' ' || c == 0x7f) append_hex(out, 'x', c, 2);
      else out += static_cast<char>(c);
      continue;
    }
    int len;
    uint32_t cp = decode_utf8(p, end, len);
    if (len == 1) {  // not UTF-8: show the byte as a code point of its value
      append_hex(out, 'x', c, 2);
    } else if (python_isprintable(cp)) {
      out.append(reinterpret_cast<const char*>(p), len);
    } else if (cp <= 0xff) {
      append_hex(out, 'x', cp, 2);
    } else if (cp <= 0xffff) {
      append_hex(out, 'u', cp, 4);
    } else {
      append_hex(out, 'U', cp, 8);
    }
    p += len;
  }
  out += quote;
}

void append_repr_bytes(std::string& out, std::string_view bytes) {
  bool has_single = bytes.find('\'') != std::string_view::npos;
  bool has_double = bytes.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  out += 'b';
  out += quote;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c == static_cast<unsigned char>(quote) || c == '\\') { out += '\\'; out += ch; }
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < ' ' || c >= 0x7f) append_hex(out, 'x', c, 2);
    else out += ch;
  }
  out += quote;
}

namespace {

// float.__repr__ (format code 'r'): the shortest digits that round-trip, written
// positionally when the decimal exponent is in [-4, 16), else as d[.ddd]e±XX.
// `add_dot_0`: append ".0" to an integral positional result (float does, the
// imaginary part of a complex does not).
void append_double(std::string& out, double value, bool add_dot_0) {
  if (std::isnan(value)) { out += "nan"; return; }
  if (std::isinf(value)) { out += value < 0 ? "-inf" : "inf"; return; }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  // buf holds [-]d[.ddd]e±XX
  const char* p = buf;
  const char* end = r.ptr;
  if (*p == '-') { out += '-'; ++p; }
  char digits[32];
  int ndigits = 0;
  while (p < end && *p != 'e') {
    if (*p != '.') digits[ndigits++] = *p;
    ++p;
  }
  int exp10 = 0;
  std::from_chars(p + 1 + (p[1] == '+'), end, exp10);
  if (ndigits == 1 && digits[0] == '0') exp10 = 0;  // zero is "0.0", not "0e+00"
  if (exp10 < -4 || exp10 >= 16) {
    out += digits[0];
    if (ndigits > 1) {
      out += '.';
      out.append(digits + 1, ndigits - 1);
    }
    out += 'e';
    out += exp10 < 0 ? '-' : '+';
    int a = exp10 < 0 ? -exp10 : exp10;
    if (a < 10) out += '0';
    char eb[8];
    auto er = std::to_chars(eb, eb + sizeof eb, a);
    out.append(eb, er.ptr);
    return;
  }
  if (exp10 < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exp10 - 1), '0');
    out.append(digits, ndigits);
    return;
  }
  int int_digits = exp10 + 1;  // digits before the point
  if (ndigits <= int_digits) {
    out.append(digits, ndigits);
    out.append(static_cast<size_t>(int_digits - ndigits), '0');
    if (add_dot_0) out += ".0";
  } else {
    out.append(digits, int_digits);
    out += '.';
    out.append(digits + int_digits, ndigits - int_digits);
  }
}

}  // namespace

void append_repr_float(std::string& out, double value) { append_double(out, value, true); }

// An imaginary literal is complex(0.0, imag) with a positive zero real part, which
// complex.__repr__ leaves out: just the imaginary part and "j".
void append_repr_complex(std::string& out, double imag) {
  append_double(out, imag, false);
  out += 'j';
}

void append_repr_int_text(std::string& out, std::string_view decimal_digits) {
  out += decimal_digits;
}

}  // namespace strata
