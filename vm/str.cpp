// vm/str.cpp — the str type: PEP 393 storage (kind 1/2/4, data inline after the header,
// zero-terminated), creation and interning, hashing (CPython's SipHash-1-3), repr,
// comparison, the sequence slots, the str iterator, every method of 3.11's str except the
// formatting ones (vm/str_format.cpp), and the codecs shared with bytes.decode.
//
// Invariants: a str's kind is the narrowest that holds its widest code point (so two
// equal strs have equal kinds and equal data bytes, which hashing and equality rely on);
// `ascii` is set exactly when every code point is < 128; the empty str and the strs of one
// Latin-1 character are shared immortal objects.
#include "vm/str.h"

#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>

#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

// Type objects name only the slots they fill.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata {

using namespace text;

static inline int kind_for(uint32_t maxchar) {
  return maxchar < 256 ? 1 : maxchar < 65536 ? 2 : 4;
}
static inline StrObject* S(Value v) { return v.as<StrObject>(); }
static inline int str_kind(Value s) { return S(s)->kind; }

// -- Allocation ---------------------------------------------------------------------------

static Value g_empty;                 // the empty str
static Value g_latin1[256];           // one-character strs < 256

static Value alloc_str_of_type(Type* type, int64_t length, int kind, bool ascii) {
  // Refuse sizes whose byte count would overflow before asking the allocator.
  if (length < 0 || length > (INT64_MAX / 4) - 64) return raise_no_memory();
  // A subclass keeps its own fields (__dict__...) after the characters (vm/typeobject.h).
  size_t size = type == &StrType
                    ? sizeof(StrObject) + size_t(length + 1) * kind
                    : (type->basicsize + size_t(length + 1) * kind + 7) & ~size_t(7);
  Object* o = alloc_object(type, size);
  if (!o) return Value();
  StrObject* so = reinterpret_cast<StrObject*>(o);
  so->length = length;
  so->hash = -1;
  so->kind = uint8_t(kind);
  so->ascii = ascii;
  so->interned = 0;
  so->utf8 = nullptr;
  so->utf8_length = 0;
  // alloc_object zero-fills, so the terminator is already there.
  return Value::from(o);
}

static Value empty_str() {
  if (!g_empty) {
    g_empty = alloc_str_of_type(&StrType, 0, 1, true);
    if (!g_empty) return Value();
    make_immortal(g_empty.obj());
  }
  return g_empty;
}

Value text::str_alloc(int64_t length, uint32_t maxchar) {
  if (length == 0) return newref(empty_str());
  return alloc_str_of_type(&StrType, length, kind_for(maxchar), maxchar < 128);
}

Value str_from_char(uint32_t cp) {
  if (cp < 256) {
    Value& c = g_latin1[cp];
    if (!c) {
      Value s = alloc_str_of_type(&StrType, 1, 1, cp < 128);
      if (!s) return Value();
      str_data(s)[0] = uint8_t(cp);
      make_immortal(s.obj());
      c = s;
    }
    return c;
  }
  Value s = text::str_alloc(1, cp);
  if (!s) return s;
  if (cp < 65536)
    reinterpret_cast<uint16_t*>(str_data(s))[0] = uint16_t(cp);
  else
    reinterpret_cast<uint32_t*>(str_data(s))[0] = cp;
  return s;
}

template <class Src>
static uint32_t max_of(const Src* p, int64_t n) {
  uint32_t m = 0;
  for (int64_t i = 0; i < n; i++) m = std::max<uint32_t>(m, p[i]);
  return m;
}

template <class Dst, class Src>
static void convert(Dst* d, const Src* s, int64_t n) {
  for (int64_t i = 0; i < n; i++) d[i] = Dst(s[i]);
}

static void copy_chars(uint8_t* dst, int dkind, const uint8_t* src, int skind, int64_t n) {
  if (dkind == skind) {
    memcpy(dst, src, size_t(n) * dkind);
    return;
  }
  auto s1 = src;
  auto s2 = reinterpret_cast<const uint16_t*>(src);
  auto s4 = reinterpret_cast<const uint32_t*>(src);
  switch (dkind * 8 + skind) {
    case 1 * 8 + 2: convert(dst, s2, n); break;
    case 1 * 8 + 4: convert(dst, s4, n); break;
    case 2 * 8 + 1: convert(reinterpret_cast<uint16_t*>(dst), s1, n); break;
    case 2 * 8 + 4: convert(reinterpret_cast<uint16_t*>(dst), s4, n); break;
    case 4 * 8 + 1: convert(reinterpret_cast<uint32_t*>(dst), s1, n); break;
    case 4 * 8 + 2: convert(reinterpret_cast<uint32_t*>(dst), s2, n); break;
  }
}

static uint32_t max_char_of(int kind, const void* data, int64_t n) {
  switch (kind) {
    case 1: return max_of(static_cast<const uint8_t*>(data), n);
    case 2: return max_of(static_cast<const uint16_t*>(data), n);
    default: return max_of(static_cast<const uint32_t*>(data), n);
  }
}

Value text::str_from_kind_data(int kind, const void* data, int64_t n) {
  if (n == 0) return newref(empty_str());
  uint32_t m = max_char_of(kind, data, n);
  if (n == 1) return str_from_char(m);
  Value s = text::str_alloc(n, m);
  if (!s) return s;
  copy_chars(str_data(s), str_kind(s), static_cast<const uint8_t*>(data), kind, n);
  return s;
}

Value str_from_codepoints(const uint32_t* cps, int64_t n) {
  return text::str_from_kind_data(4, cps, n);
}

Value str_from_ascii(std::string_view ascii) {
  if (ascii.size() == 1) return str_from_char(uint8_t(ascii[0]));
  Value s = text::str_alloc(int64_t(ascii.size()), 0);
  if (!s || ascii.empty()) return s;
  memcpy(str_data(s), ascii.data(), ascii.size());
  return s;
}

// Decodes one UTF-8 sequence at p (< end) leniently: surrogates allowed. Returns the
// sequence's length, or 0 when invalid (and then *why is the CPython reason).
static int utf8_next(const uint8_t* p, const uint8_t* end, uint32_t* cp, bool allow_surr,
                     const char** why, int* bad_len) {
  uint8_t c = p[0];
  *why = "invalid start byte";
  *bad_len = 1;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int n;
  uint32_t v;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; v = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; v = c & 0x07; }
  else return 0;
  for (int i = 1; i < n; i++) {
    if (p + i >= end) {
      *why = "unexpected end of data";
      *bad_len = i;
      // A truncated sequence whose bytes so far are invalid is reported as such.
      if (i >= 2 || p + 1 >= end) {
        return 0;
      }
      return 0;
    }
    uint8_t b = p[i];
    bool ok = (b & 0xC0) == 0x80;
    if (ok && i == 1) {
      if (c == 0xE0 && b < 0xA0) ok = false;
      if (c == 0xED && b >= 0xA0 && !allow_surr) ok = false;
      if (c == 0xF0 && b < 0x90) ok = false;
      if (c == 0xF4 && b >= 0x90) ok = false;
    }
    if (!ok) {
      *why = "invalid continuation byte";
      *bad_len = i;
      return 0;
    }
    v = (v << 6) | (b & 0x3F);
  }
  *cp = v;
  return n;
}

Value str_from_utf8(std::string_view utf8) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const uint8_t* end = p + utf8.size();
  // First pass: validate, count, find the widest character.
  int64_t n = 0;
  uint32_t maxc = 0;
  bool all_ascii = true;
  for (const uint8_t* q = p; q < end; q++)
    if (*q >= 0x80) {
      all_ascii = false;
      break;
    }
  if (all_ascii) {
    if (utf8.size() == 1) return str_from_char(p[0]);
    Value s = text::str_alloc(int64_t(utf8.size()), 0);
    if (s && !utf8.empty()) memcpy(str_data(s), p, utf8.size());
    return s;
  }
  for (const uint8_t* q = p; q < end;) {
    uint32_t cp;
    const char* why;
    int bad;
    int k = utf8_next(q, end, &cp, true, &why, &bad);
    if (k == 0) return text::decode(utf8.data(), int64_t(utf8.size()), "utf-8", "strict");
    q += k;
    n++;
    maxc = std::max(maxc, cp);
  }
  if (n == 1) {
    uint32_t cp;
    const char* why;
    int bad;
    utf8_next(p, end, &cp, true, &why, &bad);
    return str_from_char(cp);
  }
  Value s = text::str_alloc(n, maxc);
  if (!s) return s;
  int kind = str_kind(s);
  uint8_t* d = str_data(s);
  int64_t i = 0;
  for (const uint8_t* q = p; q < end; i++) {
    uint32_t cp;
    const char* why;
    int bad;
    q += utf8_next(q, end, &cp, true, &why, &bad);
    if (kind == 1) d[i] = uint8_t(cp);
    else if (kind == 2) reinterpret_cast<uint16_t*>(d)[i] = uint16_t(cp);
    else reinterpret_cast<uint32_t*>(d)[i] = cp;
  }
  return s;
}

static size_t put_utf8(char* out, uint32_t cp) {
  if (cp < 0x80) {
    out[0] = char(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = char(0xC0 | (cp >> 6));
    out[1] = char(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = char(0xE0 | (cp >> 12));
    out[1] = char(0x80 | ((cp >> 6) & 0x3F));
    out[2] = char(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = char(0xF0 | (cp >> 18));
  out[1] = char(0x80 | ((cp >> 12) & 0x3F));
  out[2] = char(0x80 | ((cp >> 6) & 0x3F));
  out[3] = char(0x80 | (cp & 0x3F));
  return 4;
}

std::string_view str_utf8(Value s) {
  StrObject* o = S(s);
  if (o->ascii) return std::string_view(reinterpret_cast<char*>(o + 1), size_t(o->length));
  if (!o->utf8) {
    int64_t n = o->length;
    char* buf = static_cast<char*>(mem_alloc(size_t(n) * 4 + 1));
    if (!buf) return std::string_view();
    size_t k = 0;
    for (int64_t i = 0; i < n; i++) k += put_utf8(buf + k, str_char(s, i));
    buf[k] = 0;
    o->utf8 = buf;
    o->utf8_length = int64_t(k);
  }
  return std::string_view(o->utf8, size_t(o->utf8_length));
}

bool str_has_surrogates(Value s) {
  StrObject* o = S(s);
  if (o->kind == 1) return false;
  for (int64_t i = 0; i < o->length; i++) {
    uint32_t c = str_char(s, i);
    if (c >= 0xD800 && c <= 0xDFFF) return true;
  }
  return false;
}

// -- The builder ---------------------------------------------------------------------------

StrBuilder::~StrBuilder() { mem_free(buf_); }

bool StrBuilder::grow(int64_t need) {
  if (failed_) return false;
  if (len_ + need <= cap_) return true;
  if (need > INT64_MAX / 8 - len_) {
    failed_ = true;
    return false;
  }
  int64_t cap = std::max<int64_t>({16, cap_ * 2, len_ + need});
  uint8_t* nb = static_cast<uint8_t*>(mem_realloc(buf_, size_t(cap) * kind_));
  if (!nb) {
    failed_ = true;
    return false;
  }
  buf_ = nb;
  cap_ = cap;
  return true;
}

void StrBuilder::reserve(int64_t n) { grow(n); }

void StrBuilder::widen(int kind) {
  if (failed_) return;
  uint8_t* nb = static_cast<uint8_t*>(mem_alloc(size_t(std::max<int64_t>(cap_, 16)) * kind));
  if (!nb) {
    failed_ = true;
    return;
  }
  copy_chars(nb, kind, buf_, kind_, len_);
  mem_free(buf_);
  buf_ = nb;
  cap_ = std::max<int64_t>(cap_, 16);
  kind_ = kind;
}

void StrBuilder::append(uint32_t cp) {
  if (cp > maxchar_) {
    maxchar_ = cp;
    int k = kind_for(cp);
    if (k > kind_) widen(k);
  }
  if (!grow(1)) return;
  if (kind_ == 1) buf_[len_] = uint8_t(cp);
  else if (kind_ == 2) reinterpret_cast<uint16_t*>(buf_)[len_] = uint16_t(cp);
  else reinterpret_cast<uint32_t*>(buf_)[len_] = cp;
  len_++;
}

void StrBuilder::append_repeat(uint32_t cp, int64_t n) {
  if (n <= 0) return;
  append(cp);
  if (!grow(n - 1)) return;
  for (int64_t i = 1; i < n; i++) {
    if (kind_ == 1) buf_[len_] = uint8_t(cp);
    else if (kind_ == 2) reinterpret_cast<uint16_t*>(buf_)[len_] = uint16_t(cp);
    else reinterpret_cast<uint32_t*>(buf_)[len_] = cp;
    len_++;
  }
}

void StrBuilder::append_ascii(std::string_view a) {
  if (!grow(int64_t(a.size()))) return;
  if (kind_ == 1) {
    memcpy(buf_ + len_, a.data(), a.size());
    for (unsigned char c : a) maxchar_ = std::max<uint32_t>(maxchar_, c);
  } else {
    copy_chars(buf_ + len_ * kind_, kind_, reinterpret_cast<const uint8_t*>(a.data()), 1,
               int64_t(a.size()));
  }
  len_ += int64_t(a.size());
}

void StrBuilder::append_utf8(std::string_view u) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(u.data());
  const uint8_t* end = p + u.size();
  while (p < end) {
    uint32_t cp;
    const char* why;
    int bad;
    int k = utf8_next(p, end, &cp, true, &why, &bad);
    if (k == 0) {  // not expected (callers pass valid text): keep the byte as U+FFFD
      cp = 0xFFFD;
      k = 1;
    }
    append(cp);
    p += k;
  }
}

void StrBuilder::append_substr(Value s, int64_t start, int64_t end) {
  if (end <= start) return;
  StrObject* o = S(s);
  int64_t n = end - start;
  const uint8_t* src = str_data(s) + start * o->kind;
  // An ASCII source needs no scan: 127 bounds it and keeps the ascii flag right.
  uint32_t m = o->ascii ? 0x7F : max_char_of(o->kind, src, n);
  if (m > maxchar_) {
    maxchar_ = m;
    if (kind_for(m) > kind_) widen(kind_for(m));
  }
  if (!grow(n)) return;
  copy_chars(buf_ + len_ * kind_, kind_, src, o->kind, n);
  len_ += n;
}

uint32_t StrBuilder::at(int64_t i) const {
  return kind_ == 1 ? buf_[i]
         : kind_ == 2 ? reinterpret_cast<const uint16_t*>(buf_)[i]
                      : reinterpret_cast<const uint32_t*>(buf_)[i];
}

Value StrBuilder::finish() {
  if (failed_) return raise_no_memory();
  if (len_ == 0) return newref(empty_str());
  if (len_ == 1) return str_from_char(at(0));
  // The builder's kind only widened for a character that needed it, so it is already
  // the narrowest for maxchar_.
  Value s = alloc_str_of_type(&StrType, len_, kind_, maxchar_ < 128);
  if (!s) return s;
  memcpy(str_data(s), buf_, size_t(len_) * kind_);
  return s;
}

// -- Hashing -------------------------------------------------------------------------------

// SipHash-1-3 (one compression round, three finalization rounds) with a zero key, as
// CPython 3.11 computes _Py_HashBytes when PYTHONHASHSEED=0.
static inline uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

static inline void sip_round(uint64_t& v0, uint64_t& v1, uint64_t& v2, uint64_t& v3) {
  v0 += v1;
  v1 = rotl(v1, 13);
  v1 ^= v0;
  v0 = rotl(v0, 32);
  v2 += v3;
  v3 = rotl(v3, 16);
  v3 ^= v2;
  v0 += v3;
  v3 = rotl(v3, 21);
  v3 ^= v0;
  v2 += v1;
  v1 = rotl(v1, 17);
  v1 ^= v2;
  v2 = rotl(v2, 32);
}

int64_t text::hash_bytes(const void* data, size_t n) {
  if (n == 0) return 0;
  const uint8_t* in = static_cast<const uint8_t*>(data);
  const uint64_t k0 = 0, k1 = 0;
  uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
  uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
  uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
  uint64_t v3 = k1 ^ 0x7465646279746573ULL;
  size_t left = n;
  while (left >= 8) {
    uint64_t m;
    memcpy(&m, in, 8);  // little-endian host (x86-64, AArch64)
    v3 ^= m;
    sip_round(v0, v1, v2, v3);
    v0 ^= m;
    in += 8;
    left -= 8;
  }
  uint64_t last = uint64_t(n) << 56;
  for (size_t i = 0; i < left; i++) last |= uint64_t(in[i]) << (8 * i);
  v3 ^= last;
  sip_round(v0, v1, v2, v3);
  v0 ^= last;
  v2 ^= 0xff;
  sip_round(v0, v1, v2, v3);
  sip_round(v0, v1, v2, v3);
  sip_round(v0, v1, v2, v3);
  int64_t h = int64_t(v0 ^ v1 ^ v2 ^ v3);
  return h == -1 ? -2 : h;
}

int64_t str_hash(Value s) {
  StrObject* o = S(s);
  if (o->hash != -1) return o->hash;
  o->hash = hash_bytes(o + 1, size_t(o->length) * o->kind);
  return o->hash;
}

// -- Equality and order ----------------------------------------------------------------------

bool str_equal(Value a, Value b) {
  if (a == b) return true;
  StrObject *x = S(a), *y = S(b);
  if (x->length != y->length || x->kind != y->kind) return false;
  if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return false;
  return memcmp(x + 1, y + 1, size_t(x->length) * x->kind) == 0;
}

bool str_equal_ascii(Value s, std::string_view ascii) {
  StrObject* o = S(s);
  return o->ascii && size_t(o->length) == ascii.size() &&
         memcmp(o + 1, ascii.data(), ascii.size()) == 0;
}

int str_compare(Value a, Value b) {
  if (a == b) return 0;
  StrObject *x = S(a), *y = S(b);
  int64_t n = std::min(x->length, y->length);
  if (x->kind == 1 && y->kind == 1) {
    int c = memcmp(x + 1, y + 1, size_t(n));
    if (c) return c < 0 ? -1 : 1;
  } else {
    for (int64_t i = 0; i < n; i++) {
      uint32_t p = str_char(a, i), q = str_char(b, i);
      if (p != q) return p < q ? -1 : 1;
    }
  }
  return x->length < y->length ? -1 : x->length > y->length ? 1 : 0;
}

// -- Interning -------------------------------------------------------------------------------

// Open addressing over StrObject pointers, power-of-two capacity, at most half full.
// Entries are never removed: interned strs are immortal.
static Value* g_itab = nullptr;
static size_t g_icap = 0, g_iused = 0;

static bool intern_grow() {
  size_t ncap = g_icap ? g_icap * 2 : 1024;
  Value* nt = static_cast<Value*>(mem_alloc(ncap * sizeof(Value)));
  if (!nt) return false;
  memset(static_cast<void*>(nt), 0, ncap * sizeof(Value));
  for (size_t i = 0; i < g_icap; i++) {
    Value v = g_itab[i];
    if (!v) continue;
    size_t j = size_t(str_hash(v)) & (ncap - 1);
    while (nt[j]) j = (j + 1) & (ncap - 1);
    nt[j] = v;
  }
  mem_free(g_itab);
  g_itab = nt;
  g_icap = ncap;
  return true;
}

// Finds the slot of an equal str, or the empty slot where it would go.
static Value* intern_slot(Value s) {
  size_t j = size_t(str_hash(s)) & (g_icap - 1);
  while (g_itab[j] && !str_equal(g_itab[j], s)) j = (j + 1) & (g_icap - 1);
  return &g_itab[j];
}

Value str_intern(Value s) {
  if (!is_exact_str(s) || S(s)->interned) return s;
  if ((g_iused + 1) * 2 > g_icap && !intern_grow()) return s;
  Value* slot = intern_slot(s);
  if (*slot) {
    Value found = *slot;
    decref(s);
    return found;
  }
  *slot = s;
  g_iused++;
  S(s)->interned = 1;
  make_immortal(s.obj());
  return s;
}

Value intern(std::string_view text) {
  // Look an ASCII name up without building a str first (the common case: STRATA_NAME).
  bool ascii = true;
  for (unsigned char c : text)
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii && g_icap) {
    int64_t h = hash_bytes(text.data(), text.size());
    size_t j = size_t(h) & (g_icap - 1);
    while (Value v = g_itab[j]) {
      if (str_equal_ascii(v, text)) return v;
      j = (j + 1) & (g_icap - 1);
    }
  }
  Value s = ascii ? str_from_ascii(text) : str_from_utf8(text);
  if (!s) return s;
  if (S(s)->length <= 1 && s.obj()->refcnt >= kImmortal) {
    // A cached single character: intern that very object.
    if (S(s)->interned) return s;
  }
  return str_intern(s);
}

// -- Character classes ----------------------------------------------------------------------
// Python's definitions, with ICU's Unicode data (ICU may be a Unicode version ahead of
// 3.11's 14.0; the properties of characters assigned in both agree).

bool text::is_space(uint32_t c) {
  // CPython's _PyUnicode_IsWhitespace: bidirectional class WS, B or S, or category Zs.
  if (c < 128) return (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x20);
  switch (c) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000:
      return true;
  }
  return c >= 0x2000 && c <= 0x200A;
}

bool text::is_printable(uint32_t c) {
  if (c < 128) return c >= 0x20 && c < 0x7F;
  switch (u_charType(UChar32(c))) {
    case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_SURROGATE: case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
    case U_SPACE_SEPARATOR:
      return false;
    default:
      return true;
  }
}

static bool is_alpha(uint32_t c) {
  if (c < 128) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  switch (u_charType(UChar32(c))) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
      return true;
    default:
      return false;
  }
}
static int numeric_type(uint32_t c) {
  return u_getIntPropertyValue(UChar32(c), UCHAR_NUMERIC_TYPE);
}
static bool is_decimal(uint32_t c) {
  if (c < 128) return c >= '0' && c <= '9';
  return numeric_type(c) == U_NT_DECIMAL;
}
static bool is_digit(uint32_t c) {
  if (c < 128) return c >= '0' && c <= '9';
  int t = numeric_type(c);
  return t == U_NT_DECIMAL || t == U_NT_DIGIT;
}
static bool is_numeric(uint32_t c) {
  if (c < 128) return c >= '0' && c <= '9';
  return numeric_type(c) != U_NT_NONE;
}
static bool is_alnum(uint32_t c) { return is_alpha(c) || is_numeric(c); }
static bool is_lower(uint32_t c) {
  if (c < 128) return c >= 'a' && c <= 'z';
  return u_hasBinaryProperty(UChar32(c), UCHAR_LOWERCASE);
}
static bool is_upper(uint32_t c) {
  if (c < 128) return c >= 'A' && c <= 'Z';
  return u_hasBinaryProperty(UChar32(c), UCHAR_UPPERCASE);
}
static bool is_title(uint32_t c) {
  return c >= 128 && u_charType(UChar32(c)) == U_TITLECASE_LETTER;
}
static bool is_cased(uint32_t c) {
  if (c < 128) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return u_hasBinaryProperty(UChar32(c), UCHAR_CASED);
}
static bool is_case_ignorable(uint32_t c) {
  return u_hasBinaryProperty(UChar32(c), UCHAR_CASE_IGNORABLE);
}
static bool is_linebreak(uint32_t c) {
  // str.splitlines' boundaries.
  switch (c) {
    case '\n': case '\r': case 0x0B: case 0x0C: case 0x1C: case 0x1D: case 0x1E:
    case 0x85: case 0x2028: case 0x2029:
      return true;
  }
  return false;
}

// Full case mappings (SpecialCasing.txt's unconditional ones) of one code point, through
// ICU's root-locale string functions. Returns the number of code points written (<= 3).
enum CaseOp { CASE_LOWER, CASE_UPPER, CASE_TITLE, CASE_FOLD };
static int full_case(uint32_t c, CaseOp op, uint32_t out[3]) {
  if (c < 128) {
    if (op == CASE_UPPER || op == CASE_TITLE)
      out[0] = (c >= 'a' && c <= 'z') ? c - 32 : c;
    else
      out[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return 1;
  }
  UChar src[2], dst[8];
  int32_t sn = 0;
  U16_APPEND_UNSAFE(src, sn, UChar32(c));
  UErrorCode err = U_ZERO_ERROR;
  int32_t dn;
  switch (op) {
    case CASE_LOWER: dn = u_strToLower(dst, 8, src, sn, "", &err); break;
    case CASE_UPPER: dn = u_strToUpper(dst, 8, src, sn, "", &err); break;
    case CASE_FOLD: dn = u_strFoldCase(dst, 8, src, sn, U_FOLD_CASE_DEFAULT, &err); break;
    default: {
      // One character is one "word": the whole-string option needs no break iterator.
      static UCaseMap* title_map = [] {
        UErrorCode e = U_ZERO_ERROR;
        return ucasemap_open("", U_TITLECASE_WHOLE_STRING | U_TITLECASE_NO_BREAK_ADJUSTMENT, &e);
      }();
      if (!title_map) {
        out[0] = uint32_t(u_totitle(UChar32(c)));
        return 1;
      }
      dn = ucasemap_toTitle(title_map, dst, 8, src, sn, &err);
      break;
    }
  }
  if (U_FAILURE(err)) {
    out[0] = c;
    return 1;
  }
  int n = 0;
  for (int32_t i = 0; i < dn && n < 3;) {
    UChar32 cp;
    U16_NEXT(dst, i, dn, cp);
    out[n++] = uint32_t(cp);
  }
  return n;
}

// -- Codecs ------------------------------------------------------------------------------------

enum Codec { C_UNKNOWN, C_UTF8, C_ASCII, C_LATIN1, C_UTF16, C_UTF16LE, C_UTF16BE, C_UTF32,
             C_UTF32LE, C_UTF32BE };

// Other encodings go through the codec registry (stdlib/codecs.cpp).
namespace codecs {
Value registry_encode(Value s, const char* encoding, const char* errors);
Value registry_decode(const char* data, int64_t n, const char* encoding, const char* errors);
}  // namespace codecs

static Codec lookup_codec(const char* name, const char** canonical) {
  std::string n;
  for (const char* p = name; *p; p++) {
    char c = *p;
    if (c >= 'A' && c <= 'Z') c = char(c + 32);
    if (c == '_' || c == ' ') c = '-';
    n += c;
  }
  struct Alias { const char* name; Codec c; const char* canon; };
  static const Alias aliases[] = {
      {"utf-8", C_UTF8, "utf-8"}, {"utf8", C_UTF8, "utf-8"}, {"u8", C_UTF8, "utf-8"},
      {"utf", C_UTF8, "utf-8"}, {"cp65001", C_UTF8, "utf-8"},
      {"ascii", C_ASCII, "ascii"}, {"us-ascii", C_ASCII, "ascii"}, {"646", C_ASCII, "ascii"},
      {"us", C_ASCII, "ascii"}, {"ansi-x3.4-1968", C_ASCII, "ascii"},
      {"latin-1", C_LATIN1, "latin-1"}, {"latin1", C_LATIN1, "latin-1"},
      {"latin", C_LATIN1, "latin-1"}, {"l1", C_LATIN1, "latin-1"},
      {"iso-8859-1", C_LATIN1, "latin-1"}, {"iso8859-1", C_LATIN1, "latin-1"},
      {"8859", C_LATIN1, "latin-1"}, {"cp819", C_LATIN1, "latin-1"},
      {"iso-ir-100", C_LATIN1, "latin-1"},
      {"utf-16", C_UTF16, "utf-16"}, {"utf16", C_UTF16, "utf-16"},
      {"utf-16-le", C_UTF16LE, "utf-16-le"}, {"utf-16le", C_UTF16LE, "utf-16-le"},
      {"utf-16-be", C_UTF16BE, "utf-16-be"}, {"utf-16be", C_UTF16BE, "utf-16-be"},
      {"utf-32", C_UTF32, "utf-32"}, {"utf32", C_UTF32, "utf-32"},
      {"utf-32-le", C_UTF32LE, "utf-32-le"}, {"utf-32le", C_UTF32LE, "utf-32-le"},
      {"utf-32-be", C_UTF32BE, "utf-32-be"}, {"utf-32be", C_UTF32BE, "utf-32-be"},
  };
  for (const Alias& a : aliases)
    if (n == a.name) {
      *canonical = a.canon;
      return a.c;
    }
  return C_UNKNOWN;
}

enum Handler { H_STRICT, H_IGNORE, H_REPLACE, H_BACKSLASH, H_SURROGATEESCAPE,
               H_SURROGATEPASS, H_XMLCHARREF, H_NAMEREPLACE, H_UNKNOWN };
static Handler lookup_handler(const char* errors) {
  if (!errors || !strcmp(errors, "strict")) return H_STRICT;
  if (!strcmp(errors, "ignore")) return H_IGNORE;
  if (!strcmp(errors, "replace")) return H_REPLACE;
  if (!strcmp(errors, "backslashreplace")) return H_BACKSLASH;
  if (!strcmp(errors, "surrogateescape")) return H_SURROGATEESCAPE;
  if (!strcmp(errors, "surrogatepass")) return H_SURROGATEPASS;
  if (!strcmp(errors, "xmlcharrefreplace")) return H_XMLCHARREF;
  if (!strcmp(errors, "namereplace")) return H_NAMEREPLACE;
  return H_UNKNOWN;
}

static Value raise_unicode_error(Type* type, const char* encoding, Value object,
                                 int64_t start, int64_t end, const char* reason) {
  Ref enc(str_from_ascii(encoding));
  Ref st(int_from_i64(start)), en(int_from_i64(end));
  Ref why(str_from_utf8(reason));
  if (!enc || !st || !en || !why) return Value();
  Value args[5] = {*enc, object, *st, *en, *why};
  Ref exc(exception_new(type, args, 5));
  if (!exc) return Value();
  return raise_object(*exc);
}

static Value decode_error(const char* encoding, const char* data, int64_t n, int64_t start,
                          int64_t end, const char* reason) {
  Ref obj(bytes_from(std::string_view(data, size_t(n))));
  if (!obj) return Value();
  return raise_unicode_error(UnicodeDecodeError, encoding, *obj, start, end, reason);
}

static Value unknown_handler(const char* errors) {
  return raise(LookupError, "unknown error handler name '%s'", errors);
}

// Applies a decode error handler to bytes [start, end); false when it raised.
static bool decode_handle(StrBuilder& b, Handler h, const char* errors, const char* encoding,
                          const char* data, int64_t n, int64_t start, int64_t end,
                          const char* reason) {
  switch (h) {
    case H_IGNORE: return true;
    case H_REPLACE: b.append(0xFFFD); return true;
    case H_BACKSLASH:
      for (int64_t i = start; i < end; i++) {
        char buf[8];
        snprintf(buf, sizeof buf, "\\x%02x", uint8_t(data[i]));
        b.append_ascii(buf);
      }
      return true;
    case H_SURROGATEESCAPE: {
      for (int64_t i = start; i < end; i++)
        if (uint8_t(data[i]) < 128) {
          decode_error(encoding, data, n, start, end, reason);
          return false;
        }
      for (int64_t i = start; i < end; i++) b.append(0xDC00 + uint8_t(data[i]));
      return true;
    }
    case H_UNKNOWN: unknown_handler(errors); return false;
    default: decode_error(encoding, data, n, start, end, reason); return false;
  }
}

Value text::decode(const char* data, int64_t n, const char* encoding, const char* errors) {
  const char* canon = "utf-8";
  Codec codec = encoding ? lookup_codec(encoding, &canon) : C_UTF8;
  if (codec == C_UNKNOWN) return codecs::registry_decode(data, n, encoding, errors);
  Handler h = lookup_handler(errors);
  const uint8_t* p = reinterpret_cast<const uint8_t*>(data);
  if (codec == C_LATIN1) return text::str_from_kind_data(1, data, n);
  StrBuilder b;
  b.reserve(n);
  if (codec == C_ASCII) {
    for (int64_t i = 0; i < n; i++) {
      if (p[i] < 128) {
        b.append(p[i]);
        continue;
      }
      if (!decode_handle(b, h, errors, canon, data, n, i, i + 1, "ordinal not in range(128)"))
        return Value();
    }
    return b.finish();
  }
  if (codec == C_UTF8) {
    const uint8_t* end = p + n;
    for (int64_t i = 0; i < n;) {
      if (p[i] < 0x80) {
        b.append(p[i++]);
        continue;
      }
      uint32_t cp;
      const char* why;
      int bad;
      int k = utf8_next(p + i, end, &cp, h == H_SURROGATEPASS, &why, &bad);
      if (k) {
        b.append(cp);
        i += k;
        continue;
      }
      if (!decode_handle(b, h, errors, canon, data, n, i, i + bad, why)) return Value();
      i += bad;
    }
    return b.finish();
  }
  // UTF-16 / UTF-32: a BOM selects the byte order for the plain forms (little-endian
  // without one, as CPython on a little-endian machine).
  bool u32 = codec >= C_UTF32;
  int unit = u32 ? 4 : 2;
  bool big = codec == C_UTF16BE || codec == C_UTF32BE;
  int64_t i = 0;
  if (codec == C_UTF16 && n >= 2) {
    if (p[0] == 0xFF && p[1] == 0xFE) i = 2;
    else if (p[0] == 0xFE && p[1] == 0xFF) { i = 2; big = true; }
  } else if (codec == C_UTF32 && n >= 4) {
    if (p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) i = 4;
    else if (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) { i = 4; big = true; }
  }
  auto read = [&](int64_t at) -> uint32_t {
    uint32_t v = 0;
    for (int k = 0; k < unit; k++) {
      uint32_t byte = p[at + (big ? k : unit - 1 - k)];
      v = (v << 8) | byte;
    }
    return v;
  };
  while (i < n) {
    if (n - i < unit) {
      if (!decode_handle(b, h, errors, canon, data, n, i, n, "truncated data")) return Value();
      break;
    }
    uint32_t v = read(i);
    if (u32) {
      if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF && h != H_SURROGATEPASS)) {
        const char* why = v > 0x10FFFF ? "code point not in range(0x110000)"
                                       : "code point in surrogate code point range(0xd800, 0xe000)";
        if (!decode_handle(b, h, errors, canon, data, n, i, i + 4, why)) return Value();
      } else {
        b.append(v);
      }
      i += 4;
      continue;
    }
    if (v < 0xD800 || v > 0xDFFF) {
      b.append(v);
      i += 2;
      continue;
    }
    if (v >= 0xDC00) {
      if (!decode_handle(b, h, errors, canon, data, n, i, i + 2, "illegal encoding"))
        return Value();
      i += 2;
      continue;
    }
    if (n - i < 4) {
      if (!decode_handle(b, h, errors, canon, data, n, i, n, "unexpected end of data"))
        return Value();
      break;
    }
    uint32_t lo = read(i + 2);
    if (lo < 0xDC00 || lo > 0xDFFF) {
      if (!decode_handle(b, h, errors, canon, data, n, i, i + 2, "illegal UTF-16 surrogate"))
        return Value();
      i += 2;
      continue;
    }
    b.append(0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00));
    i += 4;
  }
  return b.finish();
}

// Writes code point cp in an encoder's output.
struct ByteOut {
  std::string s;
  void put(uint32_t v, int unit, bool big) {
    for (int k = 0; k < unit; k++) {
      int shift = 8 * (big ? unit - 1 - k : k);
      s += char((v >> shift) & 0xFF);
    }
  }
};

Value text::encode(Value str_v, const char* encoding, const char* errors) {
  const char* canon = "utf-8";
  Codec codec = encoding ? lookup_codec(encoding, &canon) : C_UTF8;
  if (codec == C_UNKNOWN) return codecs::registry_encode(str_v, encoding, errors);
  StrObject* o = S(str_v);
  if (o->ascii && (codec == C_UTF8 || codec == C_ASCII || codec == C_LATIN1))
    return bytes_from(std::string_view(reinterpret_cast<char*>(o + 1), size_t(o->length)));
  Handler h = lookup_handler(errors);
  int64_t n = o->length;
  ByteOut out;
  out.s.reserve(size_t(n));
  bool u16 = codec == C_UTF16 || codec == C_UTF16LE || codec == C_UTF16BE;
  bool u32 = codec == C_UTF32 || codec == C_UTF32LE || codec == C_UTF32BE;
  bool big = codec == C_UTF16BE || codec == C_UTF32BE;
  if (codec == C_UTF16) out.put(0xFEFF, 2, false);
  if (codec == C_UTF32) out.put(0xFEFF, 4, false);
  uint32_t limit = codec == C_ASCII ? 128 : codec == C_LATIN1 ? 256 : 0x110000;
  const char* reason = codec == C_ASCII    ? "ordinal not in range(128)"
                       : codec == C_LATIN1 ? "ordinal not in range(256)"
                                           : "surrogates not allowed";
  for (int64_t i = 0; i < n;) {
    uint32_t c = str_char(str_v, i);
    bool bad = c >= limit || (c >= 0xD800 && c <= 0xDFFF && limit == 0x110000);
    if (!bad) {
      if (codec == C_UTF8) {
        char buf[4];
        out.s.append(buf, put_utf8(buf, c));
      } else if (u16) {
        if (c >= 0x10000) {
          out.put(0xD800 + ((c - 0x10000) >> 10), 2, big);
          out.put(0xDC00 + ((c - 0x10000) & 0x3FF), 2, big);
        } else {
          out.put(c, 2, big);
        }
      } else if (u32) {
        out.put(c, 4, big);
      } else {
        out.s += char(c);
      }
      i++;
      continue;
    }
    // The run of characters this encoder cannot take goes to the handler in one piece.
    int64_t j = i + 1;
    while (j < n) {
      uint32_t d = str_char(str_v, j);
      if (!(d >= limit || (d >= 0xD800 && d <= 0xDFFF && limit == 0x110000))) break;
      j++;
    }
    switch (h) {
      case H_IGNORE: break;
      case H_REPLACE:
        for (int64_t k = i; k < j; k++) {
          if (u16) out.put('?', 2, big);
          else if (u32) out.put('?', 4, big);
          else out.s += '?';
        }
        break;
      case H_BACKSLASH:
      case H_XMLCHARREF:
      case H_NAMEREPLACE:
        for (int64_t k = i; k < j; k++) {
          uint32_t d = str_char(str_v, k);
          char buf[128];
          if (h == H_XMLCHARREF) {
            snprintf(buf, sizeof buf, "&#%u;", d);
          } else {
            buf[0] = 0;
            if (h == H_NAMEREPLACE) {
              char name[100];
              UErrorCode err = U_ZERO_ERROR;
              int32_t len = u_charName(UChar32(d), U_UNICODE_CHAR_NAME, name, sizeof name, &err);
              if (U_SUCCESS(err) && len > 0) snprintf(buf, sizeof buf, "\\N{%s}", name);
            }
            if (!buf[0]) {
              if (d < 0x100) snprintf(buf, sizeof buf, "\\x%02x", d);
              else if (d < 0x10000) snprintf(buf, sizeof buf, "\\u%04x", d);
              else snprintf(buf, sizeof buf, "\\U%08x", d);
            }
          }
          for (char* q = buf; *q; q++) {
            if (u16) out.put(uint8_t(*q), 2, big);
            else if (u32) out.put(uint8_t(*q), 4, big);
            else out.s += *q;
          }
        }
        break;
      case H_SURROGATEESCAPE:
      case H_SURROGATEPASS: {
        bool ok = true;
        for (int64_t k = i; k < j && ok; k++) {
          uint32_t d = str_char(str_v, k);
          if (h == H_SURROGATEESCAPE) {
            if (d >= 0xDC80 && d <= 0xDCFF) out.s += char(d - 0xDC00);
            else ok = false;
          } else {
            if (d >= 0xD800 && d <= 0xDFFF && limit == 0x110000) {
              if (codec == C_UTF8) {
                char buf[4];
                out.s.append(buf, put_utf8(buf, d));
              } else {
                out.put(d, u16 ? 2 : 4, big);
              }
            } else {
              ok = false;
            }
          }
        }
        if (!ok) {
          raise_unicode_error(UnicodeEncodeError, canon, str_v, i, j, reason);
          return Value();
        }
        break;
      }
      case H_UNKNOWN: return unknown_handler(errors);
      default:
        raise_unicode_error(UnicodeEncodeError, canon, str_v, i, j, reason);
        return Value();
    }
    i = j;
  }
  return bytes_from(out.s);
}

// -- repr ------------------------------------------------------------------------------------

void text::append_escaped(StrBuilder& b, uint32_t c, bool ascii_only) {
  static const char hex[] = "0123456789abcdef";
  if (c == '\\') { b.append_ascii("\\\\"); return; }
  if (c == '\t') { b.append_ascii("\\t"); return; }
  if (c == '\n') { b.append_ascii("\\n"); return; }
  if (c == '\r') { b.append_ascii("\\r"); return; }
  if (c >= 0x20 && c < 0x7F) { b.append(c); return; }
  if (c >= 0x80 && !ascii_only && text::is_printable(c)) { b.append(c); return; }
  char buf[12];
  if (c < 0x100) {
    buf[0] = '\\'; buf[1] = 'x'; buf[2] = hex[c >> 4]; buf[3] = hex[c & 15];
    b.append_ascii(std::string_view(buf, 4));
  } else if (c < 0x10000) {
    buf[0] = '\\'; buf[1] = 'u';
    for (int k = 0; k < 4; k++) buf[2 + k] = hex[(c >> (12 - 4 * k)) & 15];
    b.append_ascii(std::string_view(buf, 6));
  } else {
    buf[0] = '\\'; buf[1] = 'U';
    for (int k = 0; k < 8; k++) buf[2 + k] = hex[(c >> (28 - 4 * k)) & 15];
    b.append_ascii(std::string_view(buf, 10));
  }
}

Value str_repr(Value s) {
  int64_t n = str_length(s);
  bool has_sq = false, has_dq = false;
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(s, i);
    if (c == '\'') has_sq = true;
    else if (c == '"') has_dq = true;
  }
  uint32_t quote = has_sq && !has_dq ? '"' : '\'';
  StrBuilder b;
  b.reserve(n + 2);
  b.append(quote);
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(s, i);
    if (c == quote) {
      b.append('\\');
      b.append(c);
    } else {
      append_escaped(b, c, false);
    }
  }
  b.append(quote);
  return b.finish();
}

// -- Argument parsing ------------------------------------------------------------------------

static const char* plural(int64_t n) { return n == 1 ? "" : "s"; }

bool text::parse_args(ArgStyle style, const char* fname, const char* qualname,
                      const Value* args, size_t nargs, Value kwnames, const char* const* names,
                      int nnames, int min_required, Value* out) {
  for (int i = 0; i < nnames; i++) out[i] = Value();
  int64_t nkw = kwnames ? tuple_size(kwnames) : 0;
  if (style != KEYWORDS && nkw > 0) {
    raise(TypeError, "%s() takes no keyword arguments", qualname);
    return false;
  }
  int64_t given = int64_t(nargs);
  if (given > nnames || (style == KEYWORDS && given + nkw > nnames && given <= nnames &&
                         false)) {
    if (style == CHECK_POSITIONAL) {
      if (min_required == nnames)
        raise(TypeError, "%s expected %d argument%s, got %zd", fname, nnames, plural(nnames),
              given);
      else
        raise(TypeError, "%s expected at most %d argument%s, got %zd", fname, nnames,
              plural(nnames), given);
    } else if (min_required == nnames) {
      raise(TypeError, "%s() takes exactly %d argument%s (%zd given)", fname, nnames,
            plural(nnames), given);
    } else {
      raise(TypeError, "%s() takes at most %d argument%s (%zd given)", fname, nnames,
            plural(nnames), given + nkw);
    }
    return false;
  }
  for (size_t i = 0; i < nargs; i++) out[i] = args[i];
  for (int64_t k = 0; k < nkw; k++) {
    Value key = tuple_item(kwnames, k);
    int found = -1;
    for (int i = 0; i < nnames; i++)
      if (str_equal_ascii(key, names[i])) {
        found = i;
        break;
      }
    if (found < 0) {
      raise(TypeError, "'%U' is an invalid keyword argument for %s()", key, fname);
      return false;
    }
    if (found < int(nargs)) {
      raise(TypeError, "argument for %s() given by name ('%s') and position (%d)", fname,
            names[found], found + 1);
      return false;
    }
    out[found] = args[nargs + k];
  }
  for (int i = 0; i < min_required; i++) {
    if (out[i]) continue;
    if (style == CHECK_POSITIONAL) {
      if (min_required == nnames)
        raise(TypeError, "%s expected %d argument%s, got %zd", fname, nnames, plural(nnames),
              given);
      else
        raise(TypeError, "%s expected at least %d argument%s, got %zd", fname, min_required,
              plural(min_required), given);
    } else if (style == PARSE_TUPLE) {
      if (min_required == nnames)
        raise(TypeError, "%s() takes exactly %d argument%s (%zd given)", fname, nnames,
              plural(nnames), given);
      else
        raise(TypeError, "%s() takes at least %d argument%s (%zd given)", fname, min_required,
              plural(min_required), given);
    } else {
      raise(TypeError, "%s() missing required argument '%s' (pos %d)", fname, names[i], i + 1);
    }
    return false;
  }
  return true;
}

bool text::slice_bound_arg(Value v, int64_t* out) {
  if (!v || is_none(v)) return true;
  if (!has_index(v)) {
    raise(TypeError, "slice indices must be integers or None or have an __index__ method");
    return false;
  }
  int64_t i = as_ssize(v, nullptr);
  if (i == -1 && error_occurred()) return false;
  *out = i;
  return true;
}

void text::adjust_indices(int64_t* start, int64_t* end, int64_t len) {
  if (*end > len) *end = len;
  else if (*end < 0) {
    *end += len;
    if (*end < 0) *end = 0;
  }
  if (*start < 0) {
    *start += len;
    if (*start < 0) *start = 0;
  }
}

// An int argument converted as PyLong_AsSsize_t after __index__ (width, count, tabsize...).
static bool ssize_arg(Value v, int64_t* out) {
  Ref idx(number_index(v));
  if (!idx) return false;
  if (!int_to_i64(*idx, out)) {
    raise(OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

// -- Core operations -----------------------------------------------------------------------------

// s itself when it is an exact str, else an exact copy (what methods return unchanged).
static Value exact_copy(Value s) {
  if (is_exact_str(s)) return newref(s);
  return text::str_from_kind_data(str_kind(s), str_data(s), str_length(s));
}

Value str_substring(Value s, int64_t start, int64_t end) {
  int64_t len = str_length(s);
  if (start < 0) start = 0;
  if (end > len) end = len;
  if (start == 0 && end == len) return exact_copy(s);
  if (end <= start) return newref(empty_str());
  int kind = str_kind(s);
  if (S(s)->ascii) {
    if (end - start == 1) return str_from_char(str_data(s)[start]);
    Value r = alloc_str_of_type(&StrType, end - start, 1, true);
    if (r) memcpy(str_data(r), str_data(s) + start, size_t(end - start));
    return r;
  }
  return text::str_from_kind_data(kind, str_data(s) + start * kind, end - start);
}

Value str_concat(Value a, Value b) {
  int64_t la = str_length(a), lb = str_length(b);
  if (la == 0) return exact_copy(b);
  if (lb == 0) return exact_copy(a);
  if (la > INT64_MAX / 4 - lb) return raise(OverflowError, "strings are too large to concat");
  int ka = str_kind(a), kb = str_kind(b);
  // Both kinds are the narrowest for their strings, so the wider one is the result's.
  int kind = std::max(ka, kb);
  Value r = alloc_str_of_type(&StrType, la + lb, kind, S(a)->ascii && S(b)->ascii);
  if (!r) return r;
  copy_chars(str_data(r), kind, str_data(a), ka, la);
  copy_chars(str_data(r) + la * kind, kind, str_data(b), kb, lb);
  return r;
}

Value str_join(Value sep, Value iterable) {
  Ref seq;
  if (is_list(iterable) || is_tuple(iterable)) {
    seq.reset(newref(iterable));
  } else {
    Ref it(get_iter(iterable));
    if (!it) {
      if (error_matches(TypeError)) {
        clear_error();
        raise(TypeError, "can only join an iterable");
      }
      return Value();
    }
    seq.reset(sequence_list(*it));
    if (!seq) return Value();
  }
  int64_t n = is_list(*seq) ? list_size(*seq) : tuple_size(*seq);
  Value* items = is_list(*seq) ? list_items(*seq) : tuple_items(*seq);
  if (n == 0) return newref(empty_str());
  if (n == 1 && is_exact_str(items[0])) return newref(items[0]);
  int64_t seplen = str_length(sep);
  int64_t total = 0;
  int kind = str_kind(sep);
  bool ascii = S(sep)->ascii;
  for (int64_t i = 0; i < n; i++) {
    Value it = items[i];
    if (!is_str(it))
      return raise(TypeError, "sequence item %zd: expected str instance, %T found", i, it);
    int64_t l = str_length(it);
    if (total > INT64_MAX / 8 - l - seplen)
      return raise(OverflowError, "join() result is too long for a Python string");
    total += l + (i ? seplen : 0);
    kind = std::max<int>(kind, str_kind(it));
    ascii = ascii && S(it)->ascii;
  }
  // The separator only counts when it is actually used (n >= 2 here).
  Value r = alloc_str_of_type(&StrType, total, kind, ascii);
  if (!r) return r;
  uint8_t* d = str_data(r);
  int64_t pos = 0;
  // A list may be mutated by nothing here (no Python code runs), so items stay valid.
  for (int64_t i = 0; i < n; i++) {
    if (i && seplen) {
      copy_chars(d + pos * kind, kind, str_data(sep), str_kind(sep), seplen);
      pos += seplen;
    }
    Value it = items[i];
    int64_t l = str_length(it);
    copy_chars(d + pos * kind, kind, str_data(it), str_kind(it), l);
    pos += l;
  }
  // A wide separator never used cannot happen for n >= 2, but a wide item can make the
  // kind wider than necessary only if it was counted: all items are present, so fine.
  return r;
}

// -- Searching --------------------------------------------------------------------------------

// Index of the first (dir > 0) or last (dir < 0) occurrence of sub in s[start:end), or -1.
static int64_t find_sub(Value s, int64_t start, int64_t end, Value sub, int dir) {
  int64_t len = str_length(s), n = str_length(sub);
  adjust_indices(&start, &end, len);
  if (end - start < n) return -1;
  if (n == 0) return dir > 0 ? start : end;
  if (str_kind(sub) > str_kind(s)) return -1;  // sub holds a character s cannot
  int ks = str_kind(s), kn = str_kind(sub);
  const uint8_t* hs = str_data(s);
  const uint8_t* nd = str_data(sub);
  if (ks == 1 && kn == 1) {
    if (dir > 0) {
      const void* p = memmem(hs + start, size_t(end - start), nd, size_t(n));
      return p ? static_cast<const uint8_t*>(p) - hs : -1;
    }
    for (int64_t i = end - n; i >= start; i--)
      if (hs[i] == nd[0] && memcmp(hs + i, nd, size_t(n)) == 0) return i;
    return -1;
  }
  uint32_t first = str_char(sub, 0);
  auto match_at = [&](int64_t i) {
    if (ks == kn) return memcmp(hs + i * ks, nd, size_t(n) * ks) == 0;
    for (int64_t k = 0; k < n; k++)
      if (str_char(s, i + k) != str_char(sub, k)) return false;
    return true;
  };
  if (dir > 0) {
    for (int64_t i = start; i <= end - n; i++)
      if (str_char(s, i) == first && match_at(i)) return i;
  } else {
    for (int64_t i = end - n; i >= start; i--)
      if (str_char(s, i) == first && match_at(i)) return i;
  }
  return -1;
}

static int64_t count_sub(Value s, int64_t start, int64_t end, Value sub, int64_t maxcount) {
  int64_t len = str_length(s), n = str_length(sub);
  adjust_indices(&start, &end, len);
  if (end < start) return 0;
  if (n == 0) return std::min(end - start + 1, maxcount);
  int64_t count = 0;
  while (count < maxcount) {
    int64_t i = find_sub(s, start, end, sub, 1);
    if (i < 0) break;
    count++;
    start = i + n;
  }
  return count;
}

// -- Slots ------------------------------------------------------------------------------------

static void str_dealloc(Object* o) {
  StrObject* so = reinterpret_cast<StrObject*>(o);
  if (so->utf8 && !so->ascii) mem_free(so->utf8);
  free_object(o);
}

static Value str_repr_slot(Value s) { return str_repr(s); }
static Value str_str_slot(Value s) { return exact_copy(s); }
static int64_t str_hash_slot(Value s) { return str_hash(s); }

static Value str_richcompare(Value a, Value b, int op) {
  if (!is_str(a) || !is_str(b)) return NotImplemented();
  bool r;
  if (op == CMP_EQ || op == CMP_NE) {
    r = str_equal(a, b) == (op == CMP_EQ);
  } else {
    int c = str_compare(a, b);
    switch (op) {
      case CMP_LT: r = c < 0; break;
      case CMP_LE: r = c <= 0; break;
      case CMP_GT: r = c > 0; break;
      default: r = c >= 0; break;
    }
  }
  return Bool(r);
}

static int64_t str_len_slot(Value s) { return str_length(s); }

static Value str_getitem(Value s, Value key) {
  if (has_index(key)) {
    int64_t i = as_ssize(key, IndexError);
    if (i == -1 && error_occurred()) return Value();
    int64_t len = str_length(s);
    if (i < 0) i += len;
    if (i < 0 || i >= len) return raise(IndexError, "string index out of range");
    return str_from_char(str_char(s, i));
  }
  if (type_of(key) == &SliceType) {
    int64_t start, stop, step;
    int64_t n = slice_indices(key, str_length(s), &start, &stop, &step);
    if (n < 0) return Value();
    if (step == 1) return str_substring(s, start, start + n);
    if (n == 0) return newref(empty_str());
    StrBuilder b;
    b.reserve(n);
    for (int64_t i = 0, j = start; i < n; i++, j += step) b.append(str_char(s, j));
    return b.finish();
  }
  return raise(TypeError, "string indices must be integers, not '%T'", key);
}

static int str_contains(Value s, Value item) {
  if (!is_str(item)) {
    raise(TypeError, "'in <string>' requires string as left operand, not %T", item);
    return -1;
  }
  return find_sub(s, 0, str_length(s), item, 1) >= 0;
}

static Value str_repeat(Value s, int64_t n) {
  int64_t len = str_length(s);
  if (n <= 0 || len == 0) return newref(empty_str());
  if (n == 1) return exact_copy(s);
  if (len > INT64_MAX / n) return raise(OverflowError, "repeated string is too long");
  int kind = str_kind(s);
  Value r = alloc_str_of_type(&StrType, len * n, kind, S(s)->ascii);
  if (!r) return r;
  uint8_t* d = str_data(r);
  size_t bytes = size_t(len) * kind;
  if (len == 1 && kind == 1) {
    memset(d, str_data(s)[0], size_t(n));
  } else {
    // Doubling copies: log2(n) memcpys.
    memcpy(d, str_data(s), bytes);
    size_t done = bytes, total = bytes * size_t(n);
    while (done < total) {
      size_t k = std::min(done, total - done);
      memcpy(d + done, d, k);
      done += k;
    }
  }
  return r;
}

// Calls the other operand's own slot first, as CPython tries the number protocol before
// the sequence one: its reflected method may accept a str.
static Value try_other_slot(Value a, Value b, Value other, int op, BinaryFn self_fn) {
  BinaryFn f = type_of(other)->nb[op];
  if (!f || f == self_fn) return NotImplemented();
  return f(a, b);
}

static Value str_add(Value a, Value b) {
  if (is_str(a) && is_str(b)) return str_concat(a, b);
  if (!is_str(a)) return NotImplemented();
  Value r = try_other_slot(a, b, b, NB_ADD, str_add);
  if (r != NotImplemented()) return r;
  return raise(TypeError, "can only concatenate str (not \"%T\") to str", b);
}

static Value str_mul(Value a, Value b) {
  Value s = is_str(a) ? a : b;
  Value n = is_str(a) ? b : a;
  if (!is_exact_int(n)) {
    Value r = try_other_slot(a, b, n, NB_MULTIPLY, str_mul);
    if (r != NotImplemented()) return r;
  }
  if (!has_index(n))
    return raise(TypeError, "can't multiply sequence by non-int of type '%T'", n);
  int64_t k = as_ssize(n, OverflowError);
  if (k == -1 && error_occurred()) return Value();
  return str_repeat(s, k);
}

static Value str_mod_slot(Value a, Value b) {
  if (!is_str(a)) return NotImplemented();
  return str_mod(a, b);
}

static Value str_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"object", "encoding", "errors"};
  Value a[3];
  if (!parse_args(KEYWORDS, "str", "str", args, nargs, kwnames, names, 3, 0, a)) return Value();
  Ref r;
  if (!a[0]) {
    r.reset(newref(empty_str()));
  } else if (!a[1] && !a[2]) {
    r.reset(str(a[0]));
  } else {
    for (int i = 1; i < 3; i++)
      if (a[i] && !is_str(a[i]))
        return raise(TypeError, "str() argument '%s' must be str, not %T", names[i], a[i]);
    const char* enc = a[1] ? str_utf8(a[1]).data() : "utf-8";
    const char* err = a[2] ? str_utf8(a[2]).data() : "strict";
    Value o = a[0];
    if (is_bytes(o)) {
      r.reset(text::decode(reinterpret_cast<char*>(bytes_data(o)), bytes_size(o), enc, err));
    } else if (is_instance_of(o, &ByteArrayType)) {
      ByteArrayObject* ba = o.as<ByteArrayObject>();
      r.reset(text::decode(reinterpret_cast<char*>(ba->data), ba->size, enc, err));
    } else if (is_str(o)) {
      return raise(TypeError, "decoding str is not supported");
    } else {
      return raise(TypeError, "decoding to str: need a bytes-like object, %T found", o);
    }
  }
  if (!r) return Value();
  if (type == &StrType) return r.release();
  // A subclass instance: the same text in an object of the subclass.
  Value s = *r;
  Value o = alloc_str_of_type(type, str_length(s), str_kind(s), S(s)->ascii);
  if (!o) return o;
  memcpy(str_data(o), str_data(s), size_t(str_length(s)) * str_kind(s));
  return o;
}

// -- The iterator -----------------------------------------------------------------------------

struct StrIterObject {
  Object ob;
  Value str;     // owned; null once exhausted
  int64_t index;
};

static void striter_dealloc(Object* o) {
  xdecref(reinterpret_cast<StrIterObject*>(o)->str);
  free_object(o);
}
static Value striter_next(Value it) {
  StrIterObject* o = it.as<StrIterObject>();
  if (!o->str) return Value();
  if (o->index < str_length(o->str)) return str_from_char(str_char(o->str, o->index++));
  clear_ref(&o->str);
  return Value();
}
static Value striter_length_hint(Value self, const Value*, size_t, Value) {
  StrIterObject* o = self.as<StrIterObject>();
  return int_from_i64(o->str ? str_length(o->str) - o->index : 0);
}
static const MethodDef striter_methods[] = {
    {"__length_hint__", striter_length_hint, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Type StrIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "str_iterator",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE,
    .basicsize = sizeof(StrIterObject),
    .dealloc = striter_dealloc,
    .getattr = generic_getattr,
    .iter = iter_self,
    .iternext = striter_next,
    .methods = striter_methods,
};
Type StrAsciiIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "str_ascii_iterator",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE,
    .basicsize = sizeof(StrIterObject),
    .dealloc = striter_dealloc,
    .getattr = generic_getattr,
    .iter = iter_self,
    .iternext = striter_next,
    .methods = striter_methods,
};

static Value str_iter(Value s) {
  Type* t = S(s)->ascii ? &StrAsciiIterType : &StrIterType;
  if (!(t->flags & TF_READY) && type_ready(t) < 0) return Value();
  Object* o = alloc_object(t, sizeof(StrIterObject));
  if (!o) return Value();
  StrIterObject* it = reinterpret_cast<StrIterObject*>(o);
  it->str = newref(s);
  it->index = 0;
  return Value::from(o);
}

// -- Methods -------------------------------------------------------------------------------------

#define METHOD(name) static Value name(Value self, const Value* args, size_t nargs, Value kwnames)

// The str argument of a method, with the message CPython gives for other types.
static bool need_str(Value v, const char* fmt_prefix_or_null) {
  if (is_str(v)) return true;
  if (fmt_prefix_or_null)
    raise(TypeError, "%s, not %T", fmt_prefix_or_null, v);
  else
    raise(TypeError, "must be str, not %T", v);
  return false;
}

// CPython's final-sigma rule: capital sigma lowers to final sigma when it ends a word.
static uint32_t lower_sigma(Value s, int64_t i) {
  int64_t n = str_length(s);
  int64_t j = i - 1;
  while (j >= 0 && is_case_ignorable(str_char(s, j))) j--;
  bool final_sigma = j >= 0 && is_cased(str_char(s, j));
  if (final_sigma) {
    j = i + 1;
    while (j < n && is_case_ignorable(str_char(s, j))) j++;
    final_sigma = j == n || !is_cased(str_char(s, j));
  }
  return final_sigma ? 0x3C2 : 0x3C3;
}

static void append_case(StrBuilder& b, Value s, int64_t i, CaseOp op) {
  uint32_t c = str_char(s, i);
  if (op == CASE_LOWER && c == 0x3A3) {
    b.append(lower_sigma(s, i));
    return;
  }
  uint32_t out[3];
  int k = full_case(c, op, out);
  for (int j = 0; j < k; j++) b.append(out[j]);
}

static Value case_map(Value self, CaseOp op) {
  int64_t n = str_length(self);
  if (S(self)->ascii) {
    Value r = alloc_str_of_type(&StrType, n, 1, true);
    if (!r || n == 0) return r;
    const uint8_t* src = str_data(self);
    uint8_t* d = str_data(r);
    for (int64_t i = 0; i < n; i++) {
      uint8_t c = src[i];
      if (op == CASE_UPPER) d[i] = (c >= 'a' && c <= 'z') ? c - 32 : c;
      else d[i] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    if (n == 1) {
      uint8_t c = d[0];
      decref(r);
      return str_from_char(c);
    }
    return r;
  }
  StrBuilder b;
  b.reserve(n);
  for (int64_t i = 0; i < n; i++) append_case(b, self, i, op);
  return b.finish();
}

METHOD(str_lower) { return case_map(self, CASE_LOWER); }
METHOD(str_upper) { return case_map(self, CASE_UPPER); }
METHOD(str_casefold) {
  if (S(self)->ascii) return case_map(self, CASE_LOWER);
  return case_map(self, CASE_FOLD);
}

METHOD(str_capitalize) {
  int64_t n = str_length(self);
  if (n == 0) return newref(empty_str());
  StrBuilder b;
  b.reserve(n);
  append_case(b, self, 0, CASE_TITLE);
  for (int64_t i = 1; i < n; i++) append_case(b, self, i, CASE_LOWER);
  return b.finish();
}

METHOD(str_swapcase) {
  int64_t n = str_length(self);
  StrBuilder b;
  b.reserve(n);
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(self, i);
    if (is_upper(c)) append_case(b, self, i, CASE_LOWER);
    else if (is_lower(c)) append_case(b, self, i, CASE_UPPER);
    else b.append(c);
  }
  return b.finish();
}

METHOD(str_title) {
  int64_t n = str_length(self);
  StrBuilder b;
  b.reserve(n);
  bool prev_cased = false;
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(self, i);
    append_case(b, self, i, prev_cased ? CASE_LOWER : CASE_TITLE);
    prev_cased = is_cased(c);
  }
  return b.finish();
}

// -- Predicates --

template <bool (*Pred)(uint32_t)>
static Value all_chars(Value self) {
  int64_t n = str_length(self);
  if (n == 0) return False();
  for (int64_t i = 0; i < n; i++)
    if (!Pred(str_char(self, i))) return False();
  return True();
}
METHOD(str_isalpha) { return all_chars<is_alpha>(self); }
METHOD(str_isalnum) { return all_chars<is_alnum>(self); }
METHOD(str_isdecimal) { return all_chars<is_decimal>(self); }
METHOD(str_isdigit) { return all_chars<is_digit>(self); }
METHOD(str_isnumeric) { return all_chars<is_numeric>(self); }
METHOD(str_isspace) { return all_chars<text::is_space>(self); }
METHOD(str_isascii) { return Bool(S(self)->ascii); }
METHOD(str_isprintable) {
  int64_t n = str_length(self);
  for (int64_t i = 0; i < n; i++)
    if (!text::is_printable(str_char(self, i))) return False();
  return True();
}
METHOD(str_islower) {
  int64_t n = str_length(self);
  bool cased = false;
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(self, i);
    if (is_upper(c) || is_title(c)) return False();
    if (!cased && is_lower(c)) cased = true;
  }
  return Bool(cased);
}
METHOD(str_isupper) {
  int64_t n = str_length(self);
  bool cased = false;
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(self, i);
    if (is_lower(c) || is_title(c)) return False();
    if (!cased && is_upper(c)) cased = true;
  }
  return Bool(cased);
}
METHOD(str_istitle) {
  int64_t n = str_length(self);
  bool cased = false, prev_cased = false;
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(self, i);
    if (is_upper(c) || is_title(c)) {
      if (prev_cased) return False();
      prev_cased = cased = true;
    } else if (is_lower(c)) {
      if (!prev_cased) return False();
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
  }
  return Bool(cased);
}
static bool xid_start(uint32_t c) {
  if (c < 128) return c == '_' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return u_hasBinaryProperty(UChar32(c), UCHAR_XID_START);
}
static bool xid_continue(uint32_t c) {
  if (c < 128) return c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return u_hasBinaryProperty(UChar32(c), UCHAR_XID_CONTINUE);
}
METHOD(str_isidentifier) {
  int64_t n = str_length(self);
  if (n == 0 || !xid_start(str_char(self, 0))) return False();
  for (int64_t i = 1; i < n; i++)
    if (!xid_continue(str_char(self, i))) return False();
  return True();
}

// -- Padding --

static Value pad(Value self, int64_t left, int64_t right, uint32_t fill) {
  if (left < 0) left = 0;
  if (right < 0) right = 0;
  if (left == 0 && right == 0) return exact_copy(self);
  StrBuilder b;
  b.reserve(left + right + str_length(self));
  b.append_repeat(fill, left);
  b.append_str(self);
  b.append_repeat(fill, right);
  return b.finish();
}

// width and fill character of center/ljust/rjust.
static bool pad_args(const char* name, const char* qual, Value self, const Value* args,
                     size_t nargs, Value kwnames, int64_t* width, uint32_t* fill) {
  static const char* const names[] = {"width", "fillchar"};
  Value a[2];
  if (!parse_args(CHECK_POSITIONAL, name, qual, args, nargs, kwnames, names, 2, 1, a))
    return false;
  if (!ssize_arg(a[0], width)) return false;
  *fill = ' ';
  if (a[1]) {
    if (!is_str(a[1])) {
      raise(TypeError, "%s() argument 2 must be str, not %T", name, a[1]);
      return false;
    }
    if (str_length(a[1]) != 1) {
      raise(TypeError, "The fill character must be exactly one character long");
      return false;
    }
    *fill = str_char(a[1], 0);
  }
  return true;
}

METHOD(str_center) {
  int64_t w;
  uint32_t f;
  if (!pad_args("center", "str.center", self, args, nargs, kwnames, &w, &f)) return Value();
  int64_t len = str_length(self);
  if (w <= len) return exact_copy(self);
  int64_t marg = w - len;
  int64_t left = marg / 2 + (marg & w & 1);
  return pad(self, left, marg - left, f);
}
METHOD(str_ljust) {
  int64_t w;
  uint32_t f;
  if (!pad_args("ljust", "str.ljust", self, args, nargs, kwnames, &w, &f)) return Value();
  return pad(self, 0, w - str_length(self), f);
}
METHOD(str_rjust) {
  int64_t w;
  uint32_t f;
  if (!pad_args("rjust", "str.rjust", self, args, nargs, kwnames, &w, &f)) return Value();
  return pad(self, w - str_length(self), 0, f);
}
METHOD(str_zfill) {
  int64_t w;
  if (!ssize_arg(args[0], &w)) return Value();
  int64_t len = str_length(self);
  if (w <= len) return exact_copy(self);
  StrBuilder b;
  b.reserve(w);
  int64_t fill = w - len;
  int64_t start = 0;
  if (len > 0 && (str_char(self, 0) == '+' || str_char(self, 0) == '-')) {
    b.append(str_char(self, 0));
    start = 1;
  }
  b.append_repeat('0', fill);
  b.append_substr(self, start, len);
  return b.finish();
}

METHOD(str_expandtabs) {
  static const char* const names[] = {"tabsize"};
  Value a[1];
  if (!parse_args(KEYWORDS, "expandtabs", "str.expandtabs", args, nargs, kwnames, names, 1, 0, a))
    return Value();
  int64_t tab = 8;
  if (a[0] && !ssize_arg(a[0], &tab)) return Value();
  int64_t n = str_length(self);
  StrBuilder b;
  b.reserve(n);
  int64_t col = 0;
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(self, i);
    if (c == '\t') {
      if (tab > 0) {
        int64_t k = tab - col % tab;
        if (b.length() > INT64_MAX / 8 - k) return raise(OverflowError, "result too long");
        b.append_repeat(' ', k);
        col += k;
      }
    } else {
      b.append(c);
      col++;
      if (c == '\n' || c == '\r') col = 0;
    }
  }
  return b.finish();
}

// -- Searching --

// sub[, start[, end]] of count/find/index...: false with an exception.
static bool find_args(const char* name, const char* qual, const Value* args, size_t nargs,
                      Value kwnames, Value* sub, int64_t* start, int64_t* end) {
  static const char* const names[] = {"sub", "start", "end"};
  Value a[3];
  if (!parse_args(PARSE_TUPLE, name, qual, args, nargs, kwnames, names, 3, 1, a)) return false;
  *sub = a[0];
  *start = 0;
  *end = INT64_MAX;
  return slice_bound_arg(a[1], start) && slice_bound_arg(a[2], end);
}

static Value find_common(Value self, const Value* args, size_t nargs, Value kwnames,
                         const char* name, const char* qual, int dir, bool raise_missing) {
  Value sub;
  int64_t start, end;
  if (!find_args(name, qual, args, nargs, kwnames, &sub, &start, &end)) return Value();
  if (!need_str(sub, nullptr)) return Value();
  int64_t i = find_sub(self, start, end, sub, dir);
  if (i < 0 && raise_missing) return raise(ValueError, "substring not found");
  return int_from_i64(i);
}
METHOD(str_find) { return find_common(self, args, nargs, kwnames, "find", "str.find", 1, false); }
METHOD(str_rfind) { return find_common(self, args, nargs, kwnames, "rfind", "str.rfind", -1, false); }
METHOD(str_index) { return find_common(self, args, nargs, kwnames, "index", "str.index", 1, true); }
METHOD(str_rindex) { return find_common(self, args, nargs, kwnames, "rindex", "str.rindex", -1, true); }
METHOD(str_count) {
  Value sub;
  int64_t start, end;
  if (!find_args("count", "str.count", args, nargs, kwnames, &sub, &start, &end)) return Value();
  if (!need_str(sub, nullptr)) return Value();
  return int_from_i64(count_sub(self, start, end, sub, INT64_MAX));
}

static int tail_match(Value self, Value sub, int64_t start, int64_t end, bool at_end) {
  int64_t len = str_length(self), n = str_length(sub);
  adjust_indices(&start, &end, len);
  end -= n;
  if (end < start) return 0;
  if (n == 0) return 1;
  int64_t pos = at_end ? end : start;
  for (int64_t k = 0; k < n; k++)
    if (str_char(self, pos + k) != str_char(sub, k)) return 0;
  return 1;
}

static Value starts_ends(Value self, const Value* args, size_t nargs, Value kwnames,
                         const char* name, const char* qual, bool at_end) {
  Value sub;
  int64_t start, end;
  if (!find_args(name, qual, args, nargs, kwnames, &sub, &start, &end)) return Value();
  if (is_tuple(sub)) {
    for (int64_t i = 0; i < tuple_size(sub); i++) {
      Value it = tuple_item(sub, i);
      if (!is_str(it))
        return raise(TypeError, "tuple for %s must only contain str, not %T", name, it);
      if (tail_match(self, it, start, end, at_end)) return True();
    }
    return False();
  }
  if (!is_str(sub))
    return raise(TypeError, "%s first arg must be str or a tuple of str, not %T", name, sub);
  return Bool(tail_match(self, sub, start, end, at_end));
}
METHOD(str_startswith) {
  return starts_ends(self, args, nargs, kwnames, "startswith", "str.startswith", false);
}
METHOD(str_endswith) {
  return starts_ends(self, args, nargs, kwnames, "endswith", "str.endswith", true);
}

// -- Stripping, splitting, partitioning --

static bool in_chars(Value chars, uint32_t c) {
  int64_t n = str_length(chars);
  for (int64_t i = 0; i < n; i++)
    if (str_char(chars, i) == c) return true;
  return false;
}

static Value strip_common(Value self, const Value* args, size_t nargs, Value kwnames,
                          const char* name, const char* qual, bool left, bool right) {
  static const char* const names[] = {"chars"};
  Value a[1];
  if (!parse_args(CHECK_POSITIONAL, name, qual, args, nargs, kwnames, names, 1, 0, a))
    return Value();
  Value chars = a[0] && !is_none(a[0]) ? a[0] : Value();
  if (chars && !is_str(chars)) return raise(TypeError, "%s arg must be None or str", name);
  int64_t i = 0, j = str_length(self);
  auto strip_it = [&](uint32_t c) { return chars ? in_chars(chars, c) : text::is_space(c); };
  if (left)
    while (i < j && strip_it(str_char(self, i))) i++;
  if (right)
    while (j > i && strip_it(str_char(self, j - 1))) j--;
  return str_substring(self, i, j);
}
METHOD(str_strip) { return strip_common(self, args, nargs, kwnames, "strip", "str.strip", true, true); }
METHOD(str_lstrip) { return strip_common(self, args, nargs, kwnames, "lstrip", "str.lstrip", true, false); }
METHOD(str_rstrip) { return strip_common(self, args, nargs, kwnames, "rstrip", "str.rstrip", false, true); }

static bool split_args(const char* name, const char* qual, const Value* args, size_t nargs,
                       Value kwnames, Value* sep, int64_t* maxsplit) {
  static const char* const names[] = {"sep", "maxsplit"};
  Value a[2];
  if (!parse_args(KEYWORDS, name, qual, args, nargs, kwnames, names, 2, 0, a)) return false;
  *sep = a[0] && !is_none(a[0]) ? a[0] : Value();
  *maxsplit = -1;
  if (a[1] && !ssize_arg(a[1], maxsplit)) return false;
  if (*maxsplit < 0) *maxsplit = INT64_MAX;
  return true;
}

static int append_piece(Value list, Value self, int64_t i, int64_t j) {
  Ref piece(str_substring(self, i, j));
  if (!piece) return -1;
  return list_append(list, *piece);
}

METHOD(str_split) {
  Value sep;
  int64_t maxsplit;
  if (!split_args("split", "str.split", args, nargs, kwnames, &sep, &maxsplit)) return Value();
  if (sep && !is_str(sep)) return raise(TypeError, "must be str or None, not %T", sep);
  Ref list(list_new(0));
  if (!list) return Value();
  int64_t n = str_length(self);
  if (!sep) {
    int64_t i = 0;
    while (maxsplit-- > 0) {
      while (i < n && text::is_space(str_char(self, i))) i++;
      if (i == n) break;
      int64_t j = i;
      while (j < n && !text::is_space(str_char(self, j))) j++;
      if (append_piece(*list, self, i, j) < 0) return Value();
      i = j;
    }
    while (i < n && text::is_space(str_char(self, i))) i++;
    if (i < n && append_piece(*list, self, i, n) < 0) return Value();
    return list.release();
  }
  int64_t m = str_length(sep);
  if (m == 0) return raise(ValueError, "empty separator");
  int64_t i = 0;
  while (maxsplit-- > 0) {
    int64_t k = find_sub(self, i, n, sep, 1);
    if (k < 0) break;
    if (append_piece(*list, self, i, k) < 0) return Value();
    i = k + m;
  }
  if (append_piece(*list, self, i, n) < 0) return Value();
  return list.release();
}

// Reverses a list in place (rsplit collects its pieces from the right).
static void reverse_list(Value list) {
  Value* it = list_items(list);
  std::reverse(it, it + list_size(list));
}

METHOD(str_rsplit) {
  Value sep;
  int64_t maxsplit;
  if (!split_args("rsplit", "str.rsplit", args, nargs, kwnames, &sep, &maxsplit)) return Value();
  if (sep && !is_str(sep)) return raise(TypeError, "must be str or None, not %T", sep);
  Ref list(list_new(0));
  if (!list) return Value();
  int64_t n = str_length(self);
  if (!sep) {
    int64_t j = n;
    while (maxsplit-- > 0) {
      while (j > 0 && text::is_space(str_char(self, j - 1))) j--;
      if (j == 0) break;
      int64_t i = j;
      while (i > 0 && !text::is_space(str_char(self, i - 1))) i--;
      if (append_piece(*list, self, i, j) < 0) return Value();
      j = i;
    }
    while (j > 0 && text::is_space(str_char(self, j - 1))) j--;
    if (j > 0 && append_piece(*list, self, 0, j) < 0) return Value();
    reverse_list(*list);
    return list.release();
  }
  int64_t m = str_length(sep);
  if (m == 0) return raise(ValueError, "empty separator");
  int64_t j = n;
  while (maxsplit-- > 0) {
    int64_t k = find_sub(self, 0, j, sep, -1);
    if (k < 0) break;
    if (append_piece(*list, self, k + m, j) < 0) return Value();
    j = k;
  }
  if (append_piece(*list, self, 0, j) < 0) return Value();
  reverse_list(*list);
  return list.release();
}

METHOD(str_splitlines) {
  static const char* const names[] = {"keepends"};
  Value a[1];
  if (!parse_args(KEYWORDS, "splitlines", "str.splitlines", args, nargs, kwnames, names, 1, 0, a))
    return Value();
  int64_t keep = 0;
  if (a[0] && !ssize_arg(a[0], &keep)) return Value();
  Ref list(list_new(0));
  if (!list) return Value();
  int64_t n = str_length(self);
  int64_t i = 0;
  while (i < n) {
    int64_t j = i;
    while (j < n && !is_linebreak(str_char(self, j))) j++;
    int64_t eol = j;
    if (j < n) {
      if (str_char(self, j) == '\r' && j + 1 < n && str_char(self, j + 1) == '\n') j += 2;
      else j++;
      if (keep) eol = j;
    }
    if (append_piece(*list, self, i, eol) < 0) return Value();
    i = j;
  }
  return list.release();
}

static Value partition_common(Value self, Value sep, bool from_right) {
  if (!need_str(sep, nullptr)) return Value();
  int64_t m = str_length(sep);
  if (m == 0) return raise(ValueError, "empty separator");
  int64_t n = str_length(self);
  int64_t k = find_sub(self, 0, n, sep, from_right ? -1 : 1);
  Ref empty(newref(empty_str()));
  if (k < 0) {
    Ref whole(exact_copy(self));
    if (from_right) return tuple_pack({*empty, *empty, *whole});
    return tuple_pack({*whole, *empty, *empty});
  }
  Ref a(str_substring(self, 0, k)), b(exact_copy(sep)), c(str_substring(self, k + m, n));
  if (!a || !b || !c) return Value();
  return tuple_pack({*a, *b, *c});
}
METHOD(str_partition) { return partition_common(self, args[0], false); }
METHOD(str_rpartition) { return partition_common(self, args[0], true); }

METHOD(str_removeprefix) {
  if (!is_str(args[0]))
    return raise(TypeError, "removeprefix() argument must be str, not %T", args[0]);
  if (tail_match(self, args[0], 0, INT64_MAX, false))
    return str_substring(self, str_length(args[0]), str_length(self));
  return exact_copy(self);
}
METHOD(str_removesuffix) {
  if (!is_str(args[0]))
    return raise(TypeError, "removesuffix() argument must be str, not %T", args[0]);
  if (str_length(args[0]) && tail_match(self, args[0], 0, INT64_MAX, true))
    return str_substring(self, 0, str_length(self) - str_length(args[0]));
  return exact_copy(self);
}

METHOD(str_replace) {
  static const char* const names[] = {"old", "new", "count"};
  Value a[3];
  if (!parse_args(CHECK_POSITIONAL, "replace", "str.replace", args, nargs, kwnames, names, 3, 2, a))
    return Value();
  for (int i = 0; i < 2; i++)
    if (!is_str(a[i]))
      return raise(TypeError, "replace() argument %d must be str, not %T", i + 1, a[i]);
  int64_t count = -1;
  if (a[2] && !ssize_arg(a[2], &count)) return Value();
  if (count < 0) count = INT64_MAX;
  Value old = a[0], nw = a[1];
  int64_t n = str_length(self), m = str_length(old);
  if (count == 0) return exact_copy(self);
  StrBuilder b;
  if (m == 0) {
    // Insert `new` before every character and at the end, up to count times.
    int64_t done = 0;
    for (int64_t i = 0; i <= n; i++) {
      if (done < count) {
        b.append_str(nw);
        done++;
      }
      if (i < n) b.append(str_char(self, i));
    }
    return b.finish();
  }
  int64_t i = 0, done = 0;
  while (done < count) {
    int64_t k = find_sub(self, i, n, old, 1);
    if (k < 0) break;
    b.append_substr(self, i, k);
    b.append_str(nw);
    i = k + m;
    done++;
  }
  if (done == 0) return exact_copy(self);
  b.append_substr(self, i, n);
  return b.finish();
}

METHOD(str_join_method) { return str_join(self, args[0]); }

METHOD(str_encode) {
  static const char* const names[] = {"encoding", "errors"};
  Value a[2];
  if (!parse_args(KEYWORDS, "encode", "str.encode", args, nargs, kwnames, names, 2, 0, a))
    return Value();
  for (int i = 0; i < 2; i++)
    if (a[i] && !is_str(a[i]))
      return raise(TypeError, "encode() argument '%s' must be str, not %T", names[i], a[i]);
  std::string enc = a[0] ? std::string(str_utf8(a[0])) : "utf-8";
  std::string err = a[1] ? std::string(str_utf8(a[1])) : "strict";
  return text::encode(self, enc.c_str(), err.c_str());
}

// -- translate / maketrans --

METHOD(str_translate) {
  Value table = args[0];
  int64_t n = str_length(self);
  StrBuilder b;
  b.reserve(n);
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(self, i);
    Ref key(int_from_i64(c));
    Value r = getitem(table, *key);
    if (!r) {
      if (error_matches(LookupError)) {
        clear_error();
        b.append(c);
        continue;
      }
      return Value();
    }
    Ref rr(r);
    if (is_none(r)) continue;
    if (is_int(r)) {
      int64_t v;
      if (!int_to_i64(r, &v) || v < 0 || v > 0x10FFFF)
        return raise(ValueError, "character mapping must be in range(0x110000)");
      b.append(uint32_t(v));
    } else if (is_str(r)) {
      b.append_str(r);
    } else {
      return raise(TypeError, "character mapping must return integer, None or str");
    }
  }
  return b.finish();
}

METHOD(str_maketrans) {
  static const char* const names[] = {"x", "y", "z"};
  Value a[3];
  if (!parse_args(CHECK_POSITIONAL, "maketrans", "str.maketrans", args, nargs, kwnames, names, 3, 1, a))
    return Value();
  Ref d(dict_new());
  if (!d) return Value();
  if (!a[1]) {
    if (!is_dict(a[0]))
      return raise(TypeError, "if you give only one argument to maketrans it must be a dict");
    int64_t pos = 0;
    Value k, v;
    while (dict_next(a[0], &pos, &k, &v)) {
      if (is_str(k)) {
        if (str_length(k) != 1)
          return raise(ValueError, "string keys in translate table must be of length 1");
        Ref key(int_from_i64(str_char(k, 0)));
        if (dict_set(*d, *key, v) < 0) return Value();
      } else if (is_int(k)) {
        if (dict_set(*d, k, v) < 0) return Value();
      } else {
        return raise(TypeError, "keys in translate table must be strings or integers");
      }
    }
    return d.release();
  }
  if (!is_str(a[0]))
    return raise(TypeError, "maketrans() argument 1 must be str, not %T", a[0]);
  if (!is_str(a[1]))
    return raise(TypeError, "maketrans() argument 2 must be str, not %T", a[1]);
  if (a[2] && !is_str(a[2]))
    return raise(TypeError, "maketrans() argument 3 must be str, not %T", a[2]);
  if (str_length(a[0]) != str_length(a[1]))
    return raise(ValueError, "the first two maketrans arguments must have equal length");
  for (int64_t i = 0; i < str_length(a[0]); i++) {
    Ref k(int_from_i64(str_char(a[0], i))), v(int_from_i64(str_char(a[1], i)));
    if (!k || !v || dict_set(*d, *k, *v) < 0) return Value();
  }
  if (a[2])
    for (int64_t i = 0; i < str_length(a[2]); i++) {
      Ref k(int_from_i64(str_char(a[2], i)));
      if (!k || dict_set(*d, *k, None()) < 0) return Value();
    }
  return d.release();
}

// -- Dunder methods --

METHOD(str_getnewargs) {
  Ref s(exact_copy(self));
  if (!s) return Value();
  return tuple_pack({*s});
}

METHOD(str_sizeof) {
  // CPython 3.11's sizes, which programs printing sys.getsizeof() expect: a compact
  // ASCII object is 48 bytes, other compact objects 72, plus the data and terminator,
  // plus a cached UTF-8 copy.
  StrObject* o = S(self);
  int64_t size = o->ascii ? 48 + o->length + 1 : 72 + (o->length + 1) * o->kind;
  if (!o->ascii && o->utf8) size += o->utf8_length + 1;
  return int_from_i64(size);
}

#define STR_METHOD_TABLE(M)                                                   \
  M("encode", str_encode, METH_FASTCALL | METH_KEYWORDS)                      \
  M("replace", str_replace, METH_FASTCALL)                                    \
  M("split", str_split, METH_FASTCALL | METH_KEYWORDS)                        \
  M("rsplit", str_rsplit, METH_FASTCALL | METH_KEYWORDS)                      \
  M("join", str_join_method, METH_O)                                          \
  M("capitalize", str_capitalize, METH_NOARGS)                                \
  M("casefold", str_casefold, METH_NOARGS)                                    \
  M("title", str_title, METH_NOARGS)                                          \
  M("center", str_center, METH_FASTCALL)                                      \
  M("count", str_count, METH_FASTCALL)                                        \
  M("expandtabs", str_expandtabs, METH_FASTCALL | METH_KEYWORDS)              \
  M("find", str_find, METH_FASTCALL)                                          \
  M("partition", str_partition, METH_O)                                       \
  M("index", str_index, METH_FASTCALL)                                        \
  M("ljust", str_ljust, METH_FASTCALL)                                        \
  M("lower", str_lower, METH_NOARGS)                                          \
  M("lstrip", str_lstrip, METH_FASTCALL)                                      \
  M("rfind", str_rfind, METH_FASTCALL)                                        \
  M("rindex", str_rindex, METH_FASTCALL)                                      \
  M("rjust", str_rjust, METH_FASTCALL)                                        \
  M("rstrip", str_rstrip, METH_FASTCALL)                                      \
  M("rpartition", str_rpartition, METH_O)                                     \
  M("splitlines", str_splitlines, METH_FASTCALL | METH_KEYWORDS)              \
  M("strip", str_strip, METH_FASTCALL)                                        \
  M("swapcase", str_swapcase, METH_NOARGS)                                    \
  M("translate", str_translate, METH_O)                                       \
  M("upper", str_upper, METH_NOARGS)                                          \
  M("startswith", str_startswith, METH_FASTCALL)                              \
  M("endswith", str_endswith, METH_FASTCALL)                                  \
  M("removeprefix", str_removeprefix, METH_O)                                 \
  M("removesuffix", str_removesuffix, METH_O)                                 \
  M("isascii", str_isascii, METH_NOARGS)                                      \
  M("islower", str_islower, METH_NOARGS)                                      \
  M("isupper", str_isupper, METH_NOARGS)                                      \
  M("istitle", str_istitle, METH_NOARGS)                                      \
  M("isspace", str_isspace, METH_NOARGS)                                      \
  M("isdecimal", str_isdecimal, METH_NOARGS)                                  \
  M("isdigit", str_isdigit, METH_NOARGS)                                      \
  M("isnumeric", str_isnumeric, METH_NOARGS)                                  \
  M("isalpha", str_isalpha, METH_NOARGS)                                      \
  M("isalnum", str_isalnum, METH_NOARGS)                                      \
  M("isidentifier", str_isidentifier, METH_NOARGS)                            \
  M("isprintable", str_isprintable, METH_NOARGS)                              \
  M("zfill", str_zfill, METH_O)                                               \
  M("format", text::str_format_method, METH_FASTCALL | METH_KEYWORDS)         \
  M("format_map", text::str_format_map_method, METH_O)                        \
  M("__format__", text::str_dunder_format, METH_O)                            \
  M("maketrans", str_maketrans, METH_FASTCALL | METH_STATIC)                  \
  M("__sizeof__", str_sizeof, METH_NOARGS)                                    \
  M("__getnewargs__", str_getnewargs, METH_NOARGS)

static const MethodDef str_methods[] = {
#define M(name, fn, flags) {name, fn, flags, nullptr},
    STR_METHOD_TABLE(M)
#undef M
    {nullptr, nullptr, 0, nullptr},
};

// The number-slot initializers below are positional.
static_assert(NB_ADD == 0 && NB_MULTIPLY == 5 && NB_REMAINDER == 6 && NB_INPLACE_ADD == 13 &&
              NB_INPLACE_MULTIPLY == 18);

Type StrType = {
    .ob = {kImmortal, &TypeType},
    .name = "str",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_IMMUTABLE | TF_STR_SUBCLASS | TF_MATCH_SELF,
    .basicsize = sizeof(StrObject),
    .itemsize = 1,
    .dealloc = str_dealloc,
    .repr = str_repr_slot,
    .str = str_str_slot,
    .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .getattr = generic_getattr,
    .iter = str_iter,
    .new_ = str_new,
    .nb = {str_add, nullptr, nullptr, nullptr, nullptr, str_mul, str_mod_slot},
    .length = str_len_slot,
    .getitem = str_getitem,
    .contains = str_contains,
    .methods = str_methods,
    .doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\n"
           "Text: an immutable sequence of Unicode code points.",
};

}  // namespace strata
