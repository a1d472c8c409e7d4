// stdlib/binascii.cpp — the `binascii` module: base64 (with 3.11's strict_mode), uuencode,
// hex with separators (hexlify/b2a_hex, unhexlify/a2b_hex), quoted-printable
// (a2b_qp/b2a_qp), crc32 and crc_hqx, and the binascii.Error / binascii.Incomplete
// exceptions, with CPython 3.11's messages.
#include <cstring>
#include <string>

#include "stdlib/builtins.h"
#include "stdlib/bytes_like.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

Value g_error;       // binascii.Error (ValueError)
Value g_incomplete;  // binascii.Incomplete (Exception)

Value binascii_error(const char* msg) { return raise(g_error.as<Type>(), "%s", msg); }

// -- Arguments -------------------------------------------------------------------------------------

// The input of the a2b_* functions: a bytes-like object or an ASCII-only str.
bool ascii_data(Value v, const uint8_t** data, int64_t* n) {
  if (is_str(v)) {
    if (!v.as<StrObject>()->ascii) {
      raise(ValueError, "string argument should contain only ASCII characters");
      return false;
    }
    *data = str_data(v);
    *n = str_length(v);
    return true;
  }
  BytesView view;
  int r = get_bytes_like(v, &view);
  if (r < 0) return false;
  if (r == 0) {
    raise(TypeError, "argument should be bytes, buffer or ASCII string, not '%s'", type_name(v));
    return false;
  }
  *data = view.data;
  *n = view.size;
  return true;
}

// The input of the b2a_* functions and crcs: a bytes-like object ("y*").
bool binary_data(Value v, BytesView* view) {
  int r = get_bytes_like(v, view);
  if (r > 0) return true;
  if (r == 0) raise(TypeError, "a bytes-like object is required, not '%s'", type_name(v));
  return false;
}

// A result built in a std::string-free buffer: exact-size bytes at the end.
Value bytes_of(const uint8_t* p, int64_t n) {
  return bytes_from(std::string_view(reinterpret_cast<const char*>(p), size_t(n)));
}

// -- base64 ----------------------------------------------------------------------------------------

constexpr char kB64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0..63 for the alphabet, 255 for every other byte ('=' is handled before the lookup).
struct B64Table {
  uint8_t v[256];
  constexpr B64Table() : v() {
    for (int i = 0; i < 256; i++) v[i] = 255;
    for (int i = 0; i < 64; i++) v[uint8_t(kB64Alphabet[i])] = uint8_t(i);
  }
};
constexpr B64Table kB64Decode;

Value bin_a2b_base64(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"", "strict_mode"};
  static const ArgSpec spec{"a2b_base64", names, 2, 1, 1, 1};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  const uint8_t* in;
  int64_t n;
  if (!ascii_data(a[0], &in, &n)) return Value();
  bool strict = false;
  if (a[1]) {
    int t = is_true(a[1]);
    if (t < 0) return Value();
    strict = t;
  }
  std::string buf;
  buf.resize(size_t((n + 3) / 4 * 3));
  char* const out_start = buf.data();
  char* o = out_start;
  // The decoded bytes so far, as a bytes object.
  auto result = [&]() { return bytes_from(std::string_view(out_start, size_t(o - out_start))); };
  if (strict && n > 0 && in[0] == '=') return binascii_error("Leading padding not allowed");
  int quad_pos = 0, pads = 0;
  uint8_t leftchar = 0;
  bool padding_started = false;
  for (int64_t i = 0; i < n; i++) {
    uint8_t ch = in[i];
    if (ch == '=') {
      padding_started = true;
      if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
        // A complete pad sequence ends the input.
        if (strict && i + 1 < n) return binascii_error("Excess data after padding");
        return result();
      }
      continue;
    }
    ch = kB64Decode.v[ch];
    if (ch >= 64) {
      if (strict) return binascii_error("Only base64 data is allowed");
      continue;
    }
    if (strict && padding_started) return binascii_error("Discontinuous padding not allowed");
    pads = 0;
    switch (quad_pos) {
      case 0:
        quad_pos = 1;
        leftchar = ch;
        break;
      case 1:
        quad_pos = 2;
        *o++ = char((leftchar << 2) | (ch >> 4));
        leftchar = ch & 0x0f;
        break;
      case 2:
        quad_pos = 3;
        *o++ = char((leftchar << 4) | (ch >> 2));
        leftchar = ch & 0x03;
        break;
      default:
        quad_pos = 0;
        *o++ = char((leftchar << 6) | ch);
        leftchar = 0;
        break;
    }
  }
  if (quad_pos == 1) {
    return raise(g_error.as<Type>(),
                 "Invalid base64-encoded string: number of data characters (%lld) cannot be 1 "
                 "more than a multiple of 4",
                 (long long)(int64_t(o - out_start) / 3 * 4 + 1));
  }
  if (quad_pos != 0) return binascii_error("Incorrect padding");
  return result();
}

Value bin_b2a_base64(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"", "newline"};
  static const ArgSpec spec{"b2a_base64", names, 2, 1, 1, 1};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  BytesView view;
  if (!binary_data(a[0], &view)) return Value();
  bool newline = true;
  if (a[1]) {
    int t = is_true(a[1]);
    if (t < 0) return Value();
    newline = t;
  }
  int64_t n = view.size;
  std::string out;
  out.resize(size_t((n + 2) / 3 * 4 + (newline ? 1 : 0)));
  char* o = out.data();
  const uint8_t* p = view.data;
  int64_t i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t(p[i]) << 16) | (uint32_t(p[i + 1]) << 8) | p[i + 2];
    *o++ = kB64Alphabet[v >> 18];
    *o++ = kB64Alphabet[(v >> 12) & 63];
    *o++ = kB64Alphabet[(v >> 6) & 63];
    *o++ = kB64Alphabet[v & 63];
  }
  if (n - i == 1) {
    *o++ = kB64Alphabet[p[i] >> 2];
    *o++ = kB64Alphabet[(p[i] & 3) << 4];
    *o++ = '=';
    *o++ = '=';
  } else if (n - i == 2) {
    *o++ = kB64Alphabet[p[i] >> 2];
    *o++ = kB64Alphabet[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
    *o++ = kB64Alphabet[(p[i + 1] & 15) << 2];
    *o++ = '=';
  }
  if (newline) *o++ = '\n';
  return bytes_from(out);
}

// -- uuencode --------------------------------------------------------------------------------------

Value bin_a2b_uu(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("a2b_uu", nargs, 1, 1)) return Value();
  const uint8_t* in;
  int64_t n;
  if (!ascii_data(args[0], &in, &n)) return Value();
  // The first character is the length; an empty line reads as its terminating NUL would.
  int64_t bin_len = ((n > 0 ? in[0] : 0) - ' ') & 077;
  const uint8_t* p = in + 1;
  int64_t left = n - 1;
  std::string out;
  out.reserve(size_t(bin_len));
  uint32_t leftchar = 0;
  int leftbits = 0;
  for (; bin_len > 0; left--, p++) {
    uint8_t ch = left > 0 ? *p : 0;
    if (ch == '\n' || ch == '\r' || left <= 0) {
      ch = 0;  // whitespace eaten at the end of the line
    } else {
      if (ch < ' ' || ch > ' ' + 64) return binascii_error("Illegal char");
      ch = (ch - ' ') & 077;
    }
    leftchar = (leftchar << 6) | ch;
    leftbits += 6;
    if (leftbits >= 8) {
      leftbits -= 8;
      out.push_back(char((leftchar >> leftbits) & 0xff));
      leftchar &= (1u << leftbits) - 1;
      bin_len--;
    }
  }
  while (left-- > 0) {
    uint8_t ch = *p++;
    if (ch != ' ' && ch != ' ' + 64 && ch != '\n' && ch != '\r') {
      return binascii_error("Trailing garbage");
    }
  }
  return bytes_from(out);
}

Value bin_b2a_uu(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"", "backtick"};
  static const ArgSpec spec{"b2a_uu", names, 2, 1, 1, 1};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  BytesView view;
  if (!binary_data(a[0], &view)) return Value();
  bool backtick = false;
  if (a[1]) {
    int t = is_true(a[1]);
    if (t < 0) return Value();
    backtick = t;
  }
  int64_t n = view.size;
  if (n > 45) return binascii_error("At most 45 bytes at once");
  std::string out;
  out.push_back(backtick && n == 0 ? '`' : char(' ' + n));
  const uint8_t* p = view.data;
  uint32_t leftchar = 0;
  int leftbits = 0;
  for (; n > 0 || leftbits != 0; n--, p++) {
    leftchar = n > 0 ? (leftchar << 8) | *p : leftchar << 8;
    leftbits += 8;
    while (leftbits >= 6) {
      uint8_t ch = (leftchar >> (leftbits - 6)) & 0x3f;
      leftbits -= 6;
      out.push_back(backtick && ch == 0 ? '`' : char(ch + ' '));
    }
  }
  out.push_back('\n');
  return bytes_from(out);
}

// -- hex -------------------------------------------------------------------------------------------

// hexlify/b2a_hex(data, sep=<none>, bytes_per_sep=1) as bytes.hex() with a bytes result.
Value hexlify_impl(const char* fname, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"data", "sep", "bytes_per_sep"};
  ArgSpec spec{fname, names, 3, 0, 1, 3};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  BytesView view;
  if (!binary_data(a[0], &view)) return Value();
  int64_t per = 1;
  if (a[2]) {
    if (is_float(a[2])) return raise(TypeError, "'float' object cannot be interpreted as an integer");
    Ref idx(number_index(a[2]));
    if (!idx) return Value();
    per = int_as_i64(*idx);
    if (per == -1 && error_occurred()) return Value();
  }
  static const char digits[] = "0123456789abcdef";
  int64_t n = view.size;
  char sep = 0;
  if (a[1]) {
    int64_t seplen = length(a[1]);
    if (seplen < 0) return Value();
    if (seplen != 1) return raise(ValueError, "sep must be length 1.");
    if (is_str(a[1])) {
      uint32_t cp = str_char(a[1], 0);
      if (cp > 255) return raise(ValueError, "sep must be ASCII.");
      sep = char(cp);
    } else if (is_bytes(a[1])) {
      sep = char(bytes_data(a[1])[0]);
    } else {
      return raise(TypeError, "sep must be str or bytes.");
    }
  }
  if (n == 0) return bytes_from(std::string_view());
  const uint8_t* p = view.data;
  std::string out;
  if (!a[1] || per == 0) {
    out.resize(size_t(2 * n));
    for (int64_t i = 0; i < n; i++) {
      out[size_t(2 * i)] = digits[p[i] >> 4];
      out[size_t(2 * i + 1)] = digits[p[i] & 15];
    }
    return bytes_from(out);
  }
  int64_t abs_per = per < 0 ? -per : per;
  int64_t nseps = (n - 1) / abs_per;
  out.reserve(size_t(2 * n + nseps));
  // Groups of abs_per bytes counted from the right (per > 0) or from the left (per < 0).
  for (int64_t i = 0; i < n; i++) {
    if (i > 0) {
      int64_t pos = per > 0 ? n - i : i;
      if (pos % abs_per == 0) out.push_back(sep);
    }
    out.push_back(digits[p[i] >> 4]);
    out.push_back(digits[p[i] & 15]);
  }
  return bytes_from(out);
}

Value bin_hexlify(Value, const Value* args, size_t nargs, Value kwnames) {
  return hexlify_impl("hexlify", args, nargs, kwnames);
}
Value bin_b2a_hex(Value, const Value* args, size_t nargs, Value kwnames) {
  return hexlify_impl("b2a_hex", args, nargs, kwnames);
}

// 0..15 for hex digits, -1 for every other byte.
struct HexTable {
  int8_t v[256];
  constexpr HexTable() : v() {
    for (int i = 0; i < 256; i++) v[i] = -1;
    for (int i = 0; i < 10; i++) v['0' + i] = int8_t(i);
    for (int i = 0; i < 6; i++) v['a' + i] = v['A' + i] = int8_t(10 + i);
  }
};
constexpr HexTable kHexValue;
inline int hex_value(uint8_t c) { return kHexValue.v[c]; }

Value unhexlify_impl(const char* fname, const Value* args, size_t nargs) {
  if (!check_positional(fname, nargs, 1, 1)) return Value();
  const uint8_t* in;
  int64_t n;
  if (!ascii_data(args[0], &in, &n)) return Value();
  if (n % 2) return binascii_error("Odd-length string");
  std::string out;
  out.resize(size_t(n / 2));
  char* o = out.data();
  for (int64_t i = 0; i < n; i += 2) {
    int hi = hex_value(in[i]), lo = hex_value(in[i + 1]);
    if ((hi | lo) < 0) return binascii_error("Non-hexadecimal digit found");
    *o++ = char((hi << 4) | lo);
  }
  return bytes_from(out);
}

Value bin_unhexlify(Value, const Value* args, size_t nargs, Value) {
  return unhexlify_impl("unhexlify", args, nargs);
}
Value bin_a2b_hex(Value, const Value* args, size_t nargs, Value) {
  return unhexlify_impl("a2b_hex", args, nargs);
}

// -- quoted-printable ------------------------------------------------------------------------------

// A `bool(accept={int})` argument: an int read as a C int.
bool int_flag(Value v, bool* out) {
  if (!v) return true;
  if (is_float(v)) {
    raise(TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  Ref idx(number_index(v));
  if (!idx) return false;
  *out = int_sign(*idx) != 0;
  return true;
}

bool is_hex_digit(uint8_t c) { return hex_value(c) >= 0; }

Value bin_a2b_qp(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"data", "header"};
  static const ArgSpec spec{"a2b_qp", names, 2, 0, 1, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  const uint8_t* in;
  int64_t n;
  if (!ascii_data(a[0], &in, &n)) return Value();
  bool header = false;
  if (!int_flag(a[1], &header)) return Value();
  std::string out;
  out.reserve(size_t(n));
  int64_t i = 0;
  while (i < n) {
    if (in[i] == '=') {
      i++;
      if (i >= n) break;
      if (in[i] == '\n' || in[i] == '\r') {
        // A soft line break: skip to the end of the line.
        if (in[i] != '\n') {
          while (i < n && in[i] != '\n') i++;
        }
        if (i < n) i++;
      } else if (in[i] == '=') {
        out.push_back('=');  // "==" from broken encoders
        i++;
      } else if (i + 1 < n && is_hex_digit(in[i]) && is_hex_digit(in[i + 1])) {
        out.push_back(char((hex_value(in[i]) << 4) | hex_value(in[i + 1])));
        i += 2;
      } else {
        out.push_back('=');
      }
    } else if (header && in[i] == '_') {
      out.push_back(' ');
      i++;
    } else {
      out.push_back(char(in[i++]));
    }
  }
  return bytes_from(out);
}

Value bin_b2a_qp(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"data", "quotetabs", "istext", "header"};
  static const ArgSpec spec{"b2a_qp", names, 4, 0, 1, 4};
  Value a[4];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  BytesView view;
  if (!binary_data(a[0], &view)) return Value();
  bool quotetabs = false, istext = true, header = false;
  if (!int_flag(a[1], &quotetabs) || !int_flag(a[2], &istext) || !int_flag(a[3], &header)) {
    return Value();
  }
  constexpr int kMaxLineSize = 76;
  static const char digits[] = "0123456789ABCDEF";
  const uint8_t* d = view.data;
  int64_t n = view.size;
  // The line ends of the output follow the first line end of the input.
  const void* nl = n ? std::memchr(d, '\n', size_t(n)) : nullptr;
  bool crlf = nl && nl > static_cast<const void*>(d) &&
              static_cast<const uint8_t*>(nl)[-1] == '\r';
  std::string out;
  out.reserve(size_t(n + n / 2 + 8));
  auto soft_break = [&]() {
    out.push_back('=');
    if (crlf) out.push_back('\r');
    out.push_back('\n');
  };
  int64_t i = 0, linelen = 0;
  while (i < n) {
    uint8_t c = d[i];
    bool quote = c > 126 || c == '=' || (header && c == '_') ||
                 (c == '.' && linelen == 0 &&
                  (i + 1 == n || d[i + 1] == '\n' || d[i + 1] == '\r' || d[i + 1] == 0)) ||
                 (!istext && (c == '\r' || c == '\n')) ||
                 ((c == '\t' || c == ' ') && i + 1 == n) ||
                 (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
    if (quote) {
      if (linelen + 3 >= kMaxLineSize) {
        soft_break();
        linelen = 0;
      }
      out.push_back('=');
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 15]);
      i++;
      linelen += 3;
    } else if (istext && (c == '\n' || (i + 1 < n && c == '\r' && d[i + 1] == '\n'))) {
      linelen = 0;
      // Whitespace at the end of a line is quoted.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        uint8_t ws = uint8_t(out.back());
        out.back() = '=';
        out.push_back(digits[ws >> 4]);
        out.push_back(digits[ws & 15]);
      }
      if (crlf) out.push_back('\r');
      out.push_back('\n');
      i += c == '\r' ? 2 : 1;
    } else {
      if (i + 1 != n && d[i + 1] != '\n' && linelen + 1 >= kMaxLineSize) {
        soft_break();
        linelen = 0;
      }
      linelen++;
      out.push_back(header && c == ' ' ? '_' : char(c));
      i++;
    }
  }
  return bytes_from(out);
}

// -- CRCs ------------------------------------------------------------------------------------------

// CRC-32 (reflected polynomial 0xEDB88320, as zlib) and CRC-CCITT (polynomial 0x1021, as
// binhex), table-driven; the tables are computed on first use.
uint32_t g_crc32_table[8][256];  // slicing by 8: table[k][b] = CRC of b followed by k zeros
uint16_t g_crc_hqx_table[256];
bool g_crc_ready = false;

void init_crc_tables() {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    g_crc32_table[0][i] = c;
    uint32_t h = i << 8;
    for (int k = 0; k < 8; k++) h = (h & 0x8000) ? ((h << 1) ^ 0x1021) : (h << 1);
    g_crc_hqx_table[i] = uint16_t(h);
  }
  for (uint32_t i = 0; i < 256; i++) {
    for (int k = 1; k < 8; k++) {
      uint32_t prev = g_crc32_table[k - 1][i];
      g_crc32_table[k][i] = (prev >> 8) ^ g_crc32_table[0][prev & 0xff];
    }
  }
  g_crc_ready = true;
}

// An "unsigned int, bitwise" argument: any int, masked to 32 bits.
bool crc_arg(Value v, uint32_t* out) {
  if (v.is_small()) {
    *out = uint32_t(uint64_t(v.small_value()));
    return true;
  }
  if (!is_int(v)) {
    if (is_float(v)) {
      raise(TypeError, "'float' object cannot be interpreted as an integer");
      return false;
    }
    Ref idx(number_index(v));
    if (!idx) return false;
    return crc_arg(*idx, out);
  }
  mpz_t z;
  mpz_init(z);
  int_to_mpz(v, z);
  // Two's complement low word, whatever the sign.
  mpz_t m;
  mpz_init_set_ui(m, 1);
  mpz_mul_2exp(m, m, 32);
  mpz_fdiv_r(z, z, m);
  *out = uint32_t(mpz_get_ui(z));
  mpz_clear(m);
  mpz_clear(z);
  return true;
}

Value bin_crc32(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("crc32", nargs, 1, 2)) return Value();
  BytesView view;
  if (!binary_data(args[0], &view)) return Value();
  uint32_t crc = 0;
  if (nargs > 1 && !crc_arg(args[1], &crc)) return Value();
  if (!g_crc_ready) init_crc_tables();
  crc = ~crc;
  const uint8_t* p = view.data;
  int64_t n = view.size;
  for (; n >= 8; n -= 8, p += 8) {
    uint32_t lo = (uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 |
                   uint32_t(p[3]) << 24) ^ crc;
    uint32_t hi = uint32_t(p[4]) | uint32_t(p[5]) << 8 | uint32_t(p[6]) << 16 |
                  uint32_t(p[7]) << 24;
    crc = g_crc32_table[7][lo & 0xff] ^ g_crc32_table[6][(lo >> 8) & 0xff] ^
          g_crc32_table[5][(lo >> 16) & 0xff] ^ g_crc32_table[4][lo >> 24] ^
          g_crc32_table[3][hi & 0xff] ^ g_crc32_table[2][(hi >> 8) & 0xff] ^
          g_crc32_table[1][(hi >> 16) & 0xff] ^ g_crc32_table[0][hi >> 24];
  }
  for (; n > 0; n--, p++) crc = g_crc32_table[0][(crc ^ *p) & 0xff] ^ (crc >> 8);
  return int_from_u64(uint32_t(~crc));
}

Value bin_crc_hqx(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("crc_hqx", nargs, 2, 2)) return Value();
  BytesView view;
  if (!binary_data(args[0], &view)) return Value();
  uint32_t crc32v;
  if (!crc_arg(args[1], &crc32v)) return Value();
  if (!g_crc_ready) init_crc_tables();
  uint32_t crc = crc32v & 0xffff;
  const uint8_t* p = view.data;
  for (int64_t i = 0; i < view.size; i++) {
    crc = ((crc << 8) & 0xff00) ^ g_crc_hqx_table[(crc >> 8) ^ p[i]];
  }
  return Value::small(crc);
}

// -- The module -------------------------------------------------------------------------------------

const MethodDef kBinasciiMethods[] = {
    {"a2b_base64", bin_a2b_base64, METH_FASTCALL | METH_KEYWORDS, "Decode a line of base64 data."},
    {"a2b_hex", bin_a2b_hex, METH_FASTCALL,
     "Binary data of hexadecimal representation.\n\nhexstr must contain an even number of hex "
     "digits (upper or lower case).\nThis function is also available as \"unhexlify()\"."},
    {"a2b_qp", bin_a2b_qp, METH_FASTCALL | METH_KEYWORDS, "Decode a string of qp-encoded data."},
    {"a2b_uu", bin_a2b_uu, METH_FASTCALL, "Decode a line of uuencoded data."},
    {"b2a_base64", bin_b2a_base64, METH_FASTCALL | METH_KEYWORDS, "Base64-code line of data."},
    {"b2a_hex", bin_b2a_hex, METH_FASTCALL | METH_KEYWORDS,
     "Hexadecimal representation of binary data."},
    {"b2a_qp", bin_b2a_qp, METH_FASTCALL | METH_KEYWORDS,
     "Encode a string using quoted-printable encoding.\n\nOn encoding, when istext is set, "
     "newlines are not encoded, and white\nspace at end of lines is.  When istext is not set, "
     "\\r and \\n (CR/LF)\nare both encoded.  When quotetabs is set, space and tabs are "
     "encoded."},
    {"b2a_uu", bin_b2a_uu, METH_FASTCALL | METH_KEYWORDS, "Uuencode line of data."},
    {"crc32", bin_crc32, METH_FASTCALL, "Compute CRC-32 incrementally."},
    {"crc_hqx", bin_crc_hqx, METH_FASTCALL, "Compute CRC-CCITT incrementally."},
    {"hexlify", bin_hexlify, METH_FASTCALL | METH_KEYWORDS,
     "Hexadecimal representation of binary data."},
    {"unhexlify", bin_unhexlify, METH_FASTCALL,
     "Binary data of hexadecimal representation.\n\nhexstr must contain an even number of hex "
     "digits (upper or lower case)."},
    {nullptr, nullptr, 0, nullptr},
};

// A new exception class `binascii.<name>` deriving from base.
Value new_exception(const char* name, Type* base) {
  Ref n(str_from_ascii(name));
  Ref bases(tuple_pack({Value::from(base)}));
  Ref ns(dict_new());
  Ref modname(str_from_ascii("binascii"));
  if (!n || !bases || !ns || !modname || dict_set_cstr(*ns, "__module__", *modname) < 0) {
    return Value();
  }
  return type_new(&TypeType, *n, *bases, *ns, Value());
}

int binascii_init(Value module) {
  if (!g_error) {
    g_error = new_exception("Error", ValueError);
    if (!g_error) return -1;
    g_incomplete = new_exception("Incomplete", Exception);
    if (!g_incomplete) return -1;
  }
  Value d = module_dict(module);
  if (dict_set_cstr(d, "Error", g_error) < 0 || dict_set_cstr(d, "Incomplete", g_incomplete) < 0)
    return -1;
  return 0;
}

}  // namespace

extern const BuiltinModuleDef binascii_module_def;
const BuiltinModuleDef binascii_module_def = {"binascii", binascii_init, kBinasciiMethods,
                                              "Conversion between binary data and ASCII"};

}  // namespace strata
