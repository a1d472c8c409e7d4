// vm/bytes.cpp — bytes (immutable, data inline after the header, zero-terminated, hash
// cached) and bytearray (mutable, data in a separately allocated buffer): construction,
// repr, hashing (the same SipHash-1-3 as str), comparison, the sequence and number slots,
// their iterators, and the methods the two types share (implemented once over a byte
// view; a method returns the type of its receiver).
#include "vm/bytes.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "vm/abstract.h"
#include "vm/exceptions.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

// Type objects name only the slots they fill.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata {

using namespace text;

#define METHOD(name) static Value name(Value self, const Value* args, size_t nargs, Value kwnames)

static inline size_t round_up_8(size_t n) { return (n + 7) & ~size_t(7); }
static inline ByteArrayObject* BA(Value v) { return v.as<ByteArrayObject>(); }
static inline bool is_bytearray(Value v) { return is_instance_of(v, &ByteArrayType); }

// A read-only view of the bytes of a bytes or bytearray.
struct View {
  const uint8_t* p = nullptr;
  int64_t n = 0;
};
static bool get_view(Value v, View* out) {
  if (is_bytes(v)) {
    out->p = bytes_data(v);
    out->n = bytes_size(v);
    return true;
  }
  if (!v.is_small() && is_bytearray(v)) {
    out->p = BA(v)->data;
    out->n = BA(v)->size;
    return true;
  }
  return false;
}
static bool need_view(Value v, View* out) {
  if (get_view(v, out)) return true;
  raise(TypeError, "a bytes-like object is required, not '%T'", v);
  return false;
}

// -- Allocation --------------------------------------------------------------------------------

static Value g_empty_bytes;
static Value g_byte_chars[256];

static Value alloc_bytes(Type* type, int64_t n) {
  if (n < 0 || n > INT64_MAX / 2) return raise_no_memory();
  size_t size = type == &BytesType ? sizeof(BytesObject) + size_t(n) + 1
                                   : round_up_8(type->basicsize + size_t(n) + 1);
  Object* o = alloc_object(type, size);
  if (!o) return Value();
  BytesObject* b = reinterpret_cast<BytesObject*>(o);
  b->size = n;
  b->hash = -1;
  return Value::from(o);
}

Value bytes_from(std::string_view data) {
  int64_t n = int64_t(data.size());
  if (n == 0) {
    if (!g_empty_bytes) {
      g_empty_bytes = alloc_bytes(&BytesType, 0);
      if (!g_empty_bytes) return Value();
      make_immortal(g_empty_bytes.obj());
    }
    return g_empty_bytes;
  }
  if (n == 1) {
    Value& c = g_byte_chars[uint8_t(data[0])];
    if (!c) {
      c = alloc_bytes(&BytesType, 1);
      if (!c) return Value();
      bytes_data(c)[0] = uint8_t(data[0]);
      make_immortal(c.obj());
    }
    return c;
  }
  Value b = alloc_bytes(&BytesType, n);
  if (b) memcpy(bytes_data(b), data.data(), size_t(n));
  return b;
}

static bool ba_reserve(ByteArrayObject* o, int64_t need) {
  if (need + 1 <= o->allocated) return true;
  if (need > INT64_MAX / 2) {
    raise_no_memory();
    return false;
  }
  int64_t cap = std::max<int64_t>(need + 1, o->allocated + (o->allocated >> 3) + 8);
  uint8_t* d = static_cast<uint8_t*>(mem_realloc(o->data, size_t(cap)));
  if (!d) {
    raise_no_memory();
    return false;
  }
  o->data = d;
  o->allocated = cap;
  return true;
}
static bool ba_resize(ByteArrayObject* o, int64_t n) {
  if (!ba_reserve(o, n)) return false;
  o->size = n;
  o->data[n] = 0;
  return true;
}

static Value new_bytearray(Type* type, std::string_view data) {
  Object* obj = alloc_object(type, type->basicsize ? type->basicsize : sizeof(ByteArrayObject));
  if (!obj) return Value();
  Value v = Value::from(obj);
  if (!ba_resize(BA(v), int64_t(data.size()))) {
    decref(v);
    return Value();
  }
  if (!data.empty()) memcpy(BA(v)->data, data.data(), data.size());
  return v;
}
Value bytearray_from(std::string_view data) { return new_bytearray(&ByteArrayType, data); }

// A result of the receiver's kind: bytes for bytes (and subclasses), bytearray otherwise.
static Value make_like(Value self, const void* p, int64_t n) {
  std::string_view sv(static_cast<const char*>(p), size_t(n));
  return is_bytes(self) ? bytes_from(sv) : bytearray_from(sv);
}
static Value same_or_copy(Value self) {
  if (!self.is_small() && self.obj()->type == &BytesType) return newref(self);
  View v;
  get_view(self, &v);
  return make_like(self, v.p, v.n);
}

// -- repr ---------------------------------------------------------------------------------------

static void append_bytes_repr(std::string& out, const uint8_t* p, int64_t n, bool bytearray) {
  bool sq = false, dq = false;
  for (int64_t i = 0; i < n; i++) {
    if (p[i] == '\'') sq = true;
    else if (p[i] == '"') dq = true;
  }
  char quote = sq && !dq ? '"' : '\'';
  out += 'b';
  out += quote;
  static const char hex[] = "0123456789abcdef";
  for (int64_t i = 0; i < n; i++) {
    uint8_t c = p[i];
    // bytearray's repr escapes ' even inside double quotes (as CPython's does).
    if (c == uint8_t(quote) || c == '\\' || (bytearray && c == '\'')) {
      out += '\\';
      out += char(c);
    } else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c >= 0x7F) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += char(c);
    }
  }
  out += quote;
}

Value bytes_repr(Value b) {
  std::string out;
  append_bytes_repr(out, bytes_data(b), bytes_size(b), false);
  return str_from_ascii(out);
}
static Value bytes_repr_slot(Value b) { return bytes_repr(b); }
static Value bytes_str_slot(Value b) { return bytes_repr(b); }

static Value bytearray_repr(Value b) {
  std::string out = type_of(b)->name;
  if (Value n = type_of(b)->name_obj) out = std::string(str_utf8(n));
  out += '(';
  append_bytes_repr(out, BA(b)->data, BA(b)->size, true);
  out += ')';
  return str_from_utf8(out);
}

// -- Basic slots ---------------------------------------------------------------------------------

static void bytes_dealloc(Object* o) { free_object(o); }
static void bytearray_dealloc(Object* o) {
  mem_free(reinterpret_cast<ByteArrayObject*>(o)->data);
  free_object(o);
}

static int64_t bytes_hash(Value b) {
  BytesObject* o = b.as<BytesObject>();
  if (o->hash == -1) o->hash = hash_bytes(bytes_data(b), size_t(o->size));
  return o->hash;
}

static Value bytes_richcompare(Value a, Value b, int op) {
  View x, y;
  if (!get_view(a, &x) || !get_view(b, &y)) return NotImplemented();
  int c;
  if ((op == CMP_EQ || op == CMP_NE) && x.n != y.n) {
    c = 1;
  } else {
    int m = memcmp(x.p, y.p, size_t(std::min(x.n, y.n)));
    c = m ? m : (x.n < y.n ? -1 : x.n > y.n ? 1 : 0);
  }
  bool r;
  switch (op) {
    case CMP_EQ: r = c == 0; break;
    case CMP_NE: r = c != 0; break;
    case CMP_LT: r = c < 0; break;
    case CMP_LE: r = c <= 0; break;
    case CMP_GT: r = c > 0; break;
    default: r = c >= 0; break;
  }
  return Bool(r);
}

static int64_t bytes_len(Value b) { return bytes_size(b); }
static int64_t bytearray_len(Value b) { return BA(b)->size; }

static Value view_getitem(Value self, Value key, bool ba) {
  View v;
  get_view(self, &v);
  if (has_index(key)) {
    int64_t i = as_ssize(key, IndexError);
    if (i == -1 && error_occurred()) return Value();
    if (i < 0) i += v.n;
    if (i < 0 || i >= v.n)
      return raise(IndexError, ba ? "bytearray index out of range" : "index out of range");
    return Value::small(v.p[i]);
  }
  if (type_of(key) == &SliceType) {
    int64_t start, stop, step;
    int64_t n = slice_indices(key, v.n, &start, &stop, &step);
    if (n < 0) return Value();
    if (step == 1) return make_like(self, v.p + start, n);
    std::string out;
    out.reserve(size_t(n));
    for (int64_t i = 0, j = start; i < n; i++, j += step) out += char(v.p[j]);
    return make_like(self, out.data(), n);
  }
  return raise(TypeError, ba ? "bytearray indices must be integers or slices, not %T"
                             : "byte indices must be integers or slices, not %T",
               key);
}
static Value bytes_getitem(Value self, Value key) { return view_getitem(self, key, false); }
static Value bytearray_getitem(Value self, Value key) { return view_getitem(self, key, true); }

// A byte value from an int-like argument ("byte must be in range(0, 256)"; bytes() of an
// iterable says "bytes").
static bool byte_arg(Value v, int* out, const char* what = "byte") {
  Ref idx(number_index(v));
  if (!idx) return false;
  int64_t x;
  if (!int_to_i64(*idx, &x) || x < 0 || x > 255) {
    raise(ValueError, "%s must be in range(0, 256)", what);
    return false;
  }
  *out = int(x);
  return true;
}

static int64_t find_bytes(View h, int64_t start, int64_t end, View nd, int dir) {
  adjust_indices(&start, &end, h.n);
  if (end - start < nd.n) return -1;
  if (nd.n == 0) return dir > 0 ? start : end;
  if (dir > 0) {
    const void* p = memmem(h.p + start, size_t(end - start), nd.p, size_t(nd.n));
    return p ? static_cast<const uint8_t*>(p) - h.p : -1;
  }
  for (int64_t i = end - nd.n; i >= start; i--)
    if (h.p[i] == nd.p[0] && memcmp(h.p + i, nd.p, size_t(nd.n)) == 0) return i;
  return -1;
}

static int bytes_contains(Value self, Value item) {
  View h;
  get_view(self, &h);
  if (has_index(item)) {
    int b;
    if (!byte_arg(item, &b)) return -1;
    return memchr(h.p, b, size_t(h.n)) != nullptr;
  }
  View nd;
  if (!need_view(item, &nd)) return -1;
  return find_bytes(h, 0, h.n, nd, 1) >= 0;
}

static Value concat(Value a, Value b, bool inplace) {
  View x, y;
  get_view(a, &x);
  if (!get_view(b, &y))
    return raise(TypeError, "can't concat %s to %s", type_of(b)->name, type_of(a)->name);
  if (inplace) {
    ByteArrayObject* o = BA(a);
    int64_t old = o->size;
    std::string tmp(reinterpret_cast<const char*>(y.p), size_t(y.n));  // b may be a
    if (!ba_resize(o, old + y.n)) return Value();
    memcpy(o->data + old, tmp.data(), tmp.size());
    return newref(a);
  }
  std::string out;
  out.reserve(size_t(x.n + y.n));
  out.append(reinterpret_cast<const char*>(x.p), size_t(x.n));
  out.append(reinterpret_cast<const char*>(y.p), size_t(y.n));
  return make_like(a, out.data(), int64_t(out.size()));
}

static Value bytes_add(Value a, Value b) {
  View v;
  if (!get_view(a, &v)) return NotImplemented();
  if (!get_view(b, &v)) {
    BinaryFn f = type_of(b)->nb[NB_ADD];
    if (f && f != bytes_add) {
      Value r = f(a, b);
      if (r != NotImplemented()) return r;
    }
  }
  return concat(a, b, false);
}
static Value bytearray_iadd(Value a, Value b) {
  if (!is_bytearray(a)) return NotImplemented();
  return concat(a, b, true);
}

static Value repeat(Value self, Value n_obj, bool inplace) {
  int64_t n = as_ssize(n_obj, OverflowError);
  if (n == -1 && error_occurred()) return Value();
  View v;
  get_view(self, &v);
  if (n < 0) n = 0;
  if (v.n && n > INT64_MAX / 2 / v.n) return raise_no_memory();
  std::string out;
  out.reserve(size_t(v.n * n));
  for (int64_t i = 0; i < n; i++) out.append(reinterpret_cast<const char*>(v.p), size_t(v.n));
  if (inplace) {
    ByteArrayObject* o = BA(self);
    if (!ba_resize(o, int64_t(out.size()))) return Value();
    memcpy(o->data, out.data(), out.size());
    return newref(self);
  }
  return make_like(self, out.data(), int64_t(out.size()));
}

static Value bytes_mul(Value a, Value b) {
  View v;
  bool left = get_view(a, &v);
  Value self = left ? a : b, n = left ? b : a;
  if (!is_exact_int(n)) {
    BinaryFn f = type_of(n)->nb[NB_MULTIPLY];
    if (f && f != bytes_mul) {
      Value r = f(a, b);
      if (r != NotImplemented()) return r;
    }
  }
  if (!has_index(n)) return raise(TypeError, "can't multiply sequence by non-int of type '%T'", n);
  return repeat(self, n, false);
}
static Value bytearray_imul(Value a, Value b) {
  if (!is_bytearray(a)) return NotImplemented();
  if (!has_index(b)) return raise(TypeError, "can't multiply sequence by non-int of type '%T'", b);
  return repeat(a, b, true);
}

static Value bytes_mod_slot(Value a, Value b) {
  View v;
  if (!get_view(a, &v)) return NotImplemented();
  return bytes_mod(a, b, !is_bytes(a));
}

// -- Construction ------------------------------------------------------------------------------

// The bytes of bytes(x) / bytearray(x) for x, encoding, errors (shared by both types).
static bool source_bytes(const char* tname, Value x, Value enc, Value errs, std::string* out) {
  if (!x) {
    if (enc || errs) {
      raise(TypeError, enc ? "encoding without a string argument" : "errors without a string argument");
      return false;
    }
    return true;
  }
  if (is_str(x)) {
    if (!enc) {
      raise(TypeError, "string argument without an encoding");
      return false;
    }
    for (Value a : {enc, errs})
      if (a && !is_str(a)) {
        raise(TypeError, "%s() argument '%s' must be str, not %T", tname,
              a == enc ? "encoding" : "errors", a);
        return false;
      }
    std::string e(str_utf8(enc));
    std::string r = errs ? std::string(str_utf8(errs)) : "strict";
    Ref b(text::encode(x, e.c_str(), r.c_str()));
    if (!b) return false;
    out->assign(reinterpret_cast<char*>(bytes_data(*b)), size_t(bytes_size(*b)));
    return true;
  }
  if (enc || errs) {
    raise(TypeError, enc ? "encoding without a string argument" : "errors without a string argument");
    return false;
  }
  View v;
  if (get_view(x, &v)) {
    out->assign(reinterpret_cast<const char*>(v.p), size_t(v.n));
    return true;
  }
  if (Value m = lookup_special(x, STRATA_NAME(__bytes__)); m && strcmp(tname, "bytes") == 0) {
    Ref r(call1(m, x));
    if (!r) return false;
    if (!is_bytes(*r)) {
      raise(TypeError, "__bytes__ returned non-bytes (type %T)", *r);
      return false;
    }
    out->assign(reinterpret_cast<char*>(bytes_data(*r)), size_t(bytes_size(*r)));
    return true;
  }
  if (has_index(x)) {
    int64_t n = as_ssize(x, OverflowError);
    if (n == -1 && error_occurred()) return false;
    if (n < 0) {
      raise(ValueError, "negative count");
      return false;
    }
    if (n > INT64_MAX / 2) {
      raise_no_memory();
      return false;
    }
    out->assign(size_t(n), '\0');
    return true;
  }
  Value it = get_iter(x);
  if (!it) {
    if (error_matches(TypeError)) {
      clear_error();
      raise(TypeError, "cannot convert '%T' object to %s", x, tname);
    }
    return false;
  }
  Ref iter(it);
  for (;;) {
    Ref item(iter_next(*iter));
    if (!item) return !error_occurred();
    int b;
    if (!byte_arg(*item, &b, strcmp(tname, "bytes") == 0 ? "bytes" : "byte")) return false;
    out->push_back(char(b));
  }
}

static Value bytes_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"source", "encoding", "errors"};
  Value a[3];
  if (!parse_args(KEYWORDS, "bytes", "bytes", args, nargs, kwnames, names, 3, 0, a)) return Value();
  std::string data;
  if (!source_bytes("bytes", a[0], a[1], a[2], &data)) return Value();
  if (type == &BytesType) return bytes_from(data);
  Value r = alloc_bytes(type, int64_t(data.size()));
  if (r && !data.empty()) memcpy(bytes_data(r), data.data(), data.size());
  return r;
}

static Value bytearray_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  return new_bytearray(type, std::string_view());
}
static int bytearray_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"source", "encoding", "errors"};
  Value a[3];
  if (!parse_args(KEYWORDS, "bytearray", "bytearray", args, nargs, kwnames, names, 3, 0, a))
    return -1;
  std::string data;
  if (!source_bytes("bytearray", a[0], a[1], a[2], &data)) return -1;
  if (!ba_resize(BA(self), int64_t(data.size()))) return -1;
  if (!data.empty()) memcpy(BA(self)->data, data.data(), data.size());
  return 0;
}

// -- Iterators -----------------------------------------------------------------------------------

struct BytesIterObject {
  Object ob;
  Value seq;  // owned; null once exhausted
  int64_t index;
};
static void bytesiter_dealloc(Object* o) {
  xdecref(reinterpret_cast<BytesIterObject*>(o)->seq);
  free_object(o);
}
static Value bytesiter_next(Value it) {
  BytesIterObject* o = it.as<BytesIterObject>();
  if (!o->seq) return Value();
  View v;
  get_view(o->seq, &v);  // a bytearray may have changed size since the last step
  if (o->index < v.n) return Value::small(v.p[o->index++]);
  clear_ref(&o->seq);
  return Value();
}
static Value bytesiter_length_hint(Value self, const Value*, size_t, Value) {
  BytesIterObject* o = self.as<BytesIterObject>();
  View v;
  if (o->seq) get_view(o->seq, &v);
  return int_from_i64(o->seq ? std::max<int64_t>(0, v.n - o->index) : 0);
}
static const MethodDef bytesiter_methods[] = {
    {"__length_hint__", bytesiter_length_hint, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
Type BytesIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "bytes_iterator",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE,
    .basicsize = sizeof(BytesIterObject),
    .dealloc = bytesiter_dealloc,
    .getattr = generic_getattr,
    .iter = iter_self,
    .iternext = bytesiter_next,
    .methods = bytesiter_methods,
};
Type ByteArrayIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "bytearray_iterator",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE,
    .basicsize = sizeof(BytesIterObject),
    .dealloc = bytesiter_dealloc,
    .getattr = generic_getattr,
    .iter = iter_self,
    .iternext = bytesiter_next,
    .methods = bytesiter_methods,
};
static Value bytes_iter(Value self) {
  Type* t = is_bytes(self) ? &BytesIterType : &ByteArrayIterType;
  if (!(t->flags & TF_READY) && type_ready(t) < 0) return Value();
  Object* o = alloc_object(t, sizeof(BytesIterObject));
  if (!o) return Value();
  BytesIterObject* it = reinterpret_cast<BytesIterObject*>(o);
  it->seq = newref(self);
  it->index = 0;
  return Value::from(o);
}

// -- Shared methods ------------------------------------------------------------------------------

static View self_view(Value self) {
  View v;
  get_view(self, &v);
  return v;
}

// sub[, start[, end]] where sub is bytes-like or an int.
static bool sub_args(const char* name, const char* qual, const Value* args, size_t nargs,
                     Value kwnames, View* sub, uint8_t* single, int64_t* start, int64_t* end) {
  static const char* const names[] = {"sub", "start", "end"};
  Value a[3];
  if (!parse_args(PARSE_TUPLE, name, qual, args, nargs, kwnames, names, 3, 1, a)) return false;
  if (!get_view(a[0], sub)) {
    if (!has_index(a[0])) {
      raise(TypeError, "argument should be integer or bytes-like object, not '%T'", a[0]);
      return false;
    }
    int b;
    if (!byte_arg(a[0], &b)) return false;
    *single = uint8_t(b);
    sub->p = single;
    sub->n = 1;
  }
  *start = 0;
  *end = INT64_MAX;
  return slice_bound_arg(a[1], start) && slice_bound_arg(a[2], end);
}

static Value find_common(Value self, const Value* args, size_t nargs, Value kwnames,
                         const char* name, int dir, bool raise_missing) {
  View sub;
  uint8_t single;
  int64_t start, end;
  std::string qual = std::string(type_of(self)->name) + "." + name;
  if (!sub_args(name, qual.c_str(), args, nargs, kwnames, &sub, &single, &start, &end))
    return Value();
  int64_t i = find_bytes(self_view(self), start, end, sub, dir);
  if (i < 0 && raise_missing) return raise(ValueError, "subsection not found");
  return int_from_i64(i);
}
METHOD(b_find) { return find_common(self, args, nargs, kwnames, "find", 1, false); }
METHOD(b_rfind) { return find_common(self, args, nargs, kwnames, "rfind", -1, false); }
METHOD(b_index) { return find_common(self, args, nargs, kwnames, "index", 1, true); }
METHOD(b_rindex) { return find_common(self, args, nargs, kwnames, "rindex", -1, true); }
METHOD(b_count) {
  View sub;
  uint8_t single;
  int64_t start, end;
  if (!sub_args("count", "bytes.count", args, nargs, kwnames, &sub, &single, &start, &end))
    return Value();
  View h = self_view(self);
  adjust_indices(&start, &end, h.n);
  if (end < start) return Value::small(0);
  if (sub.n == 0) return int_from_i64(end - start + 1);
  int64_t count = 0;
  for (;;) {
    int64_t i = find_bytes(h, start, end, sub, 1);
    if (i < 0) break;
    count++;
    start = i + sub.n;
  }
  return int_from_i64(count);
}

static bool tail_match(View h, View s, int64_t start, int64_t end, bool at_end) {
  adjust_indices(&start, &end, h.n);
  end -= s.n;
  if (end < start) return false;
  if (s.n == 0) return true;
  return memcmp(h.p + (at_end ? end : start), s.p, size_t(s.n)) == 0;
}
static Value starts_ends(Value self, const Value* args, size_t nargs, Value kwnames,
                         const char* name, bool at_end) {
  static const char* const names[] = {"prefix", "start", "end"};
  Value a[3];
  std::string qual = std::string(type_of(self)->name) + "." + name;
  if (!parse_args(PARSE_TUPLE, name, qual.c_str(), args, nargs, kwnames, names, 3, 1, a))
    return Value();
  int64_t start = 0, end = INT64_MAX;
  if (!slice_bound_arg(a[1], &start) || !slice_bound_arg(a[2], &end)) return Value();
  View h = self_view(self), s;
  if (is_tuple(a[0])) {
    for (int64_t i = 0; i < tuple_size(a[0]); i++) {
      Value it = tuple_item(a[0], i);
      if (!get_view(it, &s))
        return raise(TypeError, "a bytes-like object is required, not '%T'", it);
      if (tail_match(h, s, start, end, at_end)) return True();
    }
    return False();
  }
  if (!get_view(a[0], &s))
    return raise(TypeError, "%s first arg must be bytes or a tuple of bytes, not %T", name, a[0]);
  return Bool(tail_match(h, s, start, end, at_end));
}
METHOD(b_startswith) { return starts_ends(self, args, nargs, kwnames, "startswith", false); }
METHOD(b_endswith) { return starts_ends(self, args, nargs, kwnames, "endswith", true); }

static bool ascii_space(uint8_t c) { return c == ' ' || (c >= 9 && c <= 13); }
static bool ascii_lower(uint8_t c) { return c >= 'a' && c <= 'z'; }
static bool ascii_upper(uint8_t c) { return c >= 'A' && c <= 'Z'; }
static bool ascii_alpha(uint8_t c) { return ascii_lower(c) || ascii_upper(c); }
static bool ascii_digit(uint8_t c) { return c >= '0' && c <= '9'; }

template <bool (*Pred)(uint8_t)>
static Value all_bytes(Value self) {
  View v = self_view(self);
  if (v.n == 0) return False();
  for (int64_t i = 0; i < v.n; i++)
    if (!Pred(v.p[i])) return False();
  return True();
}
static bool ascii_alnum(uint8_t c) { return ascii_alpha(c) || ascii_digit(c); }
METHOD(b_isalpha) { return all_bytes<ascii_alpha>(self); }
METHOD(b_isalnum) { return all_bytes<ascii_alnum>(self); }
METHOD(b_isdigit) { return all_bytes<ascii_digit>(self); }
METHOD(b_isspace) { return all_bytes<ascii_space>(self); }
METHOD(b_isascii) {
  View v = self_view(self);
  for (int64_t i = 0; i < v.n; i++)
    if (v.p[i] >= 128) return False();
  return True();
}
METHOD(b_islower) {
  View v = self_view(self);
  bool cased = false;
  for (int64_t i = 0; i < v.n; i++) {
    if (ascii_upper(v.p[i])) return False();
    if (ascii_lower(v.p[i])) cased = true;
  }
  return Bool(cased);
}
METHOD(b_isupper) {
  View v = self_view(self);
  bool cased = false;
  for (int64_t i = 0; i < v.n; i++) {
    if (ascii_lower(v.p[i])) return False();
    if (ascii_upper(v.p[i])) cased = true;
  }
  return Bool(cased);
}
METHOD(b_istitle) {
  View v = self_view(self);
  bool cased = false, prev = false;
  for (int64_t i = 0; i < v.n; i++) {
    uint8_t c = v.p[i];
    if (ascii_upper(c)) {
      if (prev) return False();
      prev = cased = true;
    } else if (ascii_lower(c)) {
      if (!prev) return False();
      prev = cased = true;
    } else {
      prev = false;
    }
  }
  return Bool(cased);
}

enum BCase { B_LOWER, B_UPPER, B_SWAP, B_TITLE, B_CAPITALIZE };
static Value case_bytes(Value self, BCase op) {
  View v = self_view(self);
  std::string out(reinterpret_cast<const char*>(v.p), size_t(v.n));
  bool prev = false;
  for (size_t i = 0; i < out.size(); i++) {
    uint8_t c = uint8_t(out[i]);
    bool up;
    switch (op) {
      case B_LOWER: up = false; break;
      case B_UPPER: up = true; break;
      case B_SWAP: up = ascii_lower(c); break;
      case B_TITLE: up = !prev; break;
      default: up = i == 0; break;
    }
    if (op == B_SWAP && !ascii_alpha(c)) up = false, c = c;
    if (up && ascii_lower(c)) c = uint8_t(c - 32);
    else if (!up && ascii_upper(c)) c = uint8_t(c + 32);
    out[i] = char(c);
    prev = ascii_alpha(uint8_t(v.p[i]));
  }
  return make_like(self, out.data(), int64_t(out.size()));
}
METHOD(b_lower) { return case_bytes(self, B_LOWER); }
METHOD(b_upper) { return case_bytes(self, B_UPPER); }
METHOD(b_swapcase) { return case_bytes(self, B_SWAP); }
METHOD(b_title) { return case_bytes(self, B_TITLE); }
METHOD(b_capitalize) { return case_bytes(self, B_CAPITALIZE); }

static Value strip_common(Value self, const Value* args, size_t nargs, Value kwnames,
                          const char* name, bool left, bool right) {
  static const char* const names[] = {"bytes"};
  Value a[1];
  std::string qual = std::string(type_of(self)->name) + "." + name;
  if (!parse_args(CHECK_POSITIONAL, name, qual.c_str(), args, nargs, kwnames, names, 1, 0, a))
    return Value();
  View chars;
  bool have = a[0] && !is_none(a[0]);
  if (have && !need_view(a[0], &chars)) return Value();
  View v = self_view(self);
  auto strip_it = [&](uint8_t c) {
    return have ? memchr(chars.p, c, size_t(chars.n)) != nullptr : ascii_space(c);
  };
  int64_t i = 0, j = v.n;
  if (left)
    while (i < j && strip_it(v.p[i])) i++;
  if (right)
    while (j > i && strip_it(v.p[j - 1])) j--;
  if (i == 0 && j == v.n) return same_or_copy(self);
  return make_like(self, v.p + i, j - i);
}
METHOD(b_strip) { return strip_common(self, args, nargs, kwnames, "strip", true, true); }
METHOD(b_lstrip) { return strip_common(self, args, nargs, kwnames, "lstrip", true, false); }
METHOD(b_rstrip) { return strip_common(self, args, nargs, kwnames, "rstrip", false, true); }

static int append_piece(Value list, Value self, const uint8_t* p, int64_t n) {
  Ref piece(make_like(self, p, n));
  if (!piece) return -1;
  return list_append(list, *piece);
}

static Value split_common(Value self, const Value* args, size_t nargs, Value kwnames,
                          const char* name, bool from_right) {
  static const char* const names[] = {"sep", "maxsplit"};
  Value a[2];
  std::string qual = std::string(type_of(self)->name) + "." + name;
  if (!parse_args(KEYWORDS, name, qual.c_str(), args, nargs, kwnames, names, 2, 0, a))
    return Value();
  int64_t maxsplit = -1;
  if (a[1] && a[1] && !is_int(a[1])) {
    Ref idx(number_index(a[1]));
    if (!idx) return Value();
    if (!int_to_i64(*idx, &maxsplit)) return raise(OverflowError, "Python int too large to convert to C ssize_t");
  } else if (a[1] && !int_to_i64(a[1], &maxsplit)) {
    return raise(OverflowError, "Python int too large to convert to C ssize_t");
  }
  if (maxsplit < 0) maxsplit = INT64_MAX;
  View v = self_view(self), sep;
  bool have = a[0] && !is_none(a[0]);
  if (have && !need_view(a[0], &sep)) return Value();
  Ref list(list_new(0));
  if (!list) return Value();
  if (!have) {
    if (!from_right) {
      int64_t i = 0;
      while (maxsplit-- > 0) {
        while (i < v.n && ascii_space(v.p[i])) i++;
        if (i == v.n) break;
        int64_t j = i;
        while (j < v.n && !ascii_space(v.p[j])) j++;
        if (append_piece(*list, self, v.p + i, j - i) < 0) return Value();
        i = j;
      }
      while (i < v.n && ascii_space(v.p[i])) i++;
      if (i < v.n && append_piece(*list, self, v.p + i, v.n - i) < 0) return Value();
    } else {
      int64_t j = v.n;
      while (maxsplit-- > 0) {
        while (j > 0 && ascii_space(v.p[j - 1])) j--;
        if (j == 0) break;
        int64_t i = j;
        while (i > 0 && !ascii_space(v.p[i - 1])) i--;
        if (append_piece(*list, self, v.p + i, j - i) < 0) return Value();
        j = i;
      }
      while (j > 0 && ascii_space(v.p[j - 1])) j--;
      if (j > 0 && append_piece(*list, self, v.p, j) < 0) return Value();
      std::reverse(list_items(*list), list_items(*list) + list_size(*list));
    }
    return list.release();
  }
  if (sep.n == 0) return raise(ValueError, "empty separator");
  // The separator may be self (b.split(b)): copy it first.
  std::string sepcopy(reinterpret_cast<const char*>(sep.p), size_t(sep.n));
  sep.p = reinterpret_cast<const uint8_t*>(sepcopy.data());
  if (!from_right) {
    int64_t i = 0;
    while (maxsplit-- > 0) {
      int64_t k = find_bytes(v, i, v.n, sep, 1);
      if (k < 0) break;
      if (append_piece(*list, self, v.p + i, k - i) < 0) return Value();
      i = k + sep.n;
    }
    if (append_piece(*list, self, v.p + i, v.n - i) < 0) return Value();
  } else {
    int64_t j = v.n;
    while (maxsplit-- > 0) {
      int64_t k = find_bytes(v, 0, j, sep, -1);
      if (k < 0) break;
      if (append_piece(*list, self, v.p + k + sep.n, j - k - sep.n) < 0) return Value();
      j = k;
    }
    if (append_piece(*list, self, v.p, j) < 0) return Value();
    std::reverse(list_items(*list), list_items(*list) + list_size(*list));
  }
  return list.release();
}
METHOD(b_split) { return split_common(self, args, nargs, kwnames, "split", false); }
METHOD(b_rsplit) { return split_common(self, args, nargs, kwnames, "rsplit", true); }

METHOD(b_splitlines) {
  static const char* const names[] = {"keepends"};
  Value a[1];
  if (!parse_args(KEYWORDS, "splitlines", "bytes.splitlines", args, nargs, kwnames, names, 1, 0, a))
    return Value();
  int keep = 0;
  if (a[0]) {
    keep = is_true(a[0]);
    if (keep < 0) return Value();
  }
  View v = self_view(self);
  Ref list(list_new(0));
  if (!list) return Value();
  int64_t i = 0;
  while (i < v.n) {
    int64_t j = i;
    while (j < v.n && v.p[j] != '\n' && v.p[j] != '\r') j++;
    int64_t eol = j;
    if (j < v.n) {
      j += (v.p[j] == '\r' && j + 1 < v.n && v.p[j + 1] == '\n') ? 2 : 1;
      if (keep) eol = j;
    }
    if (append_piece(*list, self, v.p + i, eol - i) < 0) return Value();
    i = j;
  }
  return list.release();
}

static Value partition_common(Value self, Value sepv, bool from_right) {
  View sep;
  if (!need_view(sepv, &sep)) return Value();
  if (sep.n == 0) return raise(ValueError, "empty separator");
  View v = self_view(self);
  int64_t k = find_bytes(v, 0, v.n, sep, from_right ? -1 : 1);
  Ref empty(make_like(self, "", 0));
  if (k < 0) {
    Ref whole(same_or_copy(self));
    if (from_right) return tuple_pack({*empty, *empty, *whole});
    return tuple_pack({*whole, *empty, *empty});
  }
  Ref a(make_like(self, v.p, k)), b(make_like(self, sep.p, sep.n)),
      c(make_like(self, v.p + k + sep.n, v.n - k - sep.n));
  if (!a || !b || !c) return Value();
  return tuple_pack({*a, *b, *c});
}
METHOD(b_partition) { return partition_common(self, args[0], false); }
METHOD(b_rpartition) { return partition_common(self, args[0], true); }

METHOD(b_removeprefix) {
  View p;
  if (!need_view(args[0], &p)) return Value();
  View v = self_view(self);
  if (p.n <= v.n && memcmp(v.p, p.p, size_t(p.n)) == 0 && p.n)
    return make_like(self, v.p + p.n, v.n - p.n);
  return same_or_copy(self);
}
METHOD(b_removesuffix) {
  View p;
  if (!need_view(args[0], &p)) return Value();
  View v = self_view(self);
  if (p.n && p.n <= v.n && memcmp(v.p + v.n - p.n, p.p, size_t(p.n)) == 0)
    return make_like(self, v.p, v.n - p.n);
  return same_or_copy(self);
}

METHOD(b_replace) {
  static const char* const names[] = {"old", "new", "count"};
  Value a[3];
  if (!parse_args(CHECK_POSITIONAL, "replace", "bytes.replace", args, nargs, kwnames, names, 3, 2, a))
    return Value();
  View old, nw;
  if (!need_view(a[0], &old) || !need_view(a[1], &nw)) return Value();
  int64_t count = -1;
  if (a[2]) {
    Ref idx(number_index(a[2]));
    if (!idx) return Value();
    if (!int_to_i64(*idx, &count)) count = INT64_MAX;
  }
  if (count < 0) count = INT64_MAX;
  View v = self_view(self);
  std::string o(reinterpret_cast<const char*>(old.p), size_t(old.n));
  std::string w(reinterpret_cast<const char*>(nw.p), size_t(nw.n));
  std::string out;
  int64_t done = 0;
  if (old.n == 0) {
    for (int64_t i = 0; i <= v.n; i++) {
      if (done < count) {
        out += w;
        done++;
      }
      if (i < v.n) out += char(v.p[i]);
    }
  } else {
    View ov{reinterpret_cast<const uint8_t*>(o.data()), old.n};
    int64_t i = 0;
    while (done < count) {
      int64_t k = find_bytes(v, i, v.n, ov, 1);
      if (k < 0) break;
      out.append(reinterpret_cast<const char*>(v.p + i), size_t(k - i));
      out += w;
      i = k + old.n;
      done++;
    }
    out.append(reinterpret_cast<const char*>(v.p + i), size_t(v.n - i));
  }
  return make_like(self, out.data(), int64_t(out.size()));
}

METHOD(b_join) {
  Value iterable = args[0];
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
  View sep = self_view(self);
  std::string out;
  for (int64_t i = 0; i < n; i++) {
    View v;
    if (!get_view(items[i], &v))
      return raise(TypeError, "sequence item %zd: expected a bytes-like object, %T found", i,
                   items[i]);
    if (i) out.append(reinterpret_cast<const char*>(sep.p), size_t(sep.n));
    out.append(reinterpret_cast<const char*>(v.p), size_t(v.n));
  }
  return make_like(self, out.data(), int64_t(out.size()));
}

static bool pad_args(Value self, const char* name, const Value* args, size_t nargs,
                     Value kwnames, int64_t* width, uint8_t* fill) {
  static const char* const names[] = {"width", "fillchar"};
  Value a[2];
  std::string qual = std::string(type_of(self)->name) + "." + name;
  if (!parse_args(CHECK_POSITIONAL, name, qual.c_str(), args, nargs, kwnames, names, 2, 1, a))
    return false;
  Ref idx(number_index(a[0]));
  if (!idx) return false;
  if (!int_to_i64(*idx, width)) {
    raise(OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  *fill = ' ';
  if (a[1]) {
    View f;
    if (!get_view(a[1], &f) || f.n != 1) {
      raise(TypeError, "%s() argument 2 must be a byte string of length 1, not %T", name, a[1]);
      return false;
    }
    *fill = f.p[0];
  }
  return true;
}
static Value pad(Value self, int64_t left, int64_t right, uint8_t fill) {
  View v = self_view(self);
  if (left <= 0 && right <= 0) return same_or_copy(self);
  std::string out;
  out.append(size_t(std::max<int64_t>(left, 0)), char(fill));
  out.append(reinterpret_cast<const char*>(v.p), size_t(v.n));
  out.append(size_t(std::max<int64_t>(right, 0)), char(fill));
  return make_like(self, out.data(), int64_t(out.size()));
}
METHOD(b_center) {
  int64_t w;
  uint8_t f;
  if (!pad_args(self, "center", args, nargs, kwnames, &w, &f)) return Value();
  int64_t len = self_view(self).n;
  if (w <= len) return same_or_copy(self);
  int64_t marg = w - len, left = marg / 2 + (marg & w & 1);
  return pad(self, left, marg - left, f);
}
METHOD(b_ljust) {
  int64_t w;
  uint8_t f;
  if (!pad_args(self, "ljust", args, nargs, kwnames, &w, &f)) return Value();
  return pad(self, 0, w - self_view(self).n, f);
}
METHOD(b_rjust) {
  int64_t w;
  uint8_t f;
  if (!pad_args(self, "rjust", args, nargs, kwnames, &w, &f)) return Value();
  return pad(self, w - self_view(self).n, 0, f);
}
METHOD(b_zfill) {
  Ref idx(number_index(args[0]));
  if (!idx) return Value();
  int64_t w;
  if (!int_to_i64(*idx, &w)) return raise(OverflowError, "Python int too large to convert to C ssize_t");
  View v = self_view(self);
  if (w <= v.n) return same_or_copy(self);
  std::string out;
  int64_t start = 0;
  if (v.n && (v.p[0] == '+' || v.p[0] == '-')) {
    out += char(v.p[0]);
    start = 1;
  }
  out.append(size_t(w - v.n), '0');
  out.append(reinterpret_cast<const char*>(v.p + start), size_t(v.n - start));
  return make_like(self, out.data(), int64_t(out.size()));
}

METHOD(b_expandtabs) {
  static const char* const names[] = {"tabsize"};
  Value a[1];
  if (!parse_args(KEYWORDS, "expandtabs", "bytes.expandtabs", args, nargs, kwnames, names, 1, 0, a))
    return Value();
  int64_t tab = 8;
  if (a[0]) {
    Ref idx(number_index(a[0]));
    if (!idx) return Value();
    if (!int_to_i64(*idx, &tab)) return raise(OverflowError, "Python int too large to convert to C int");
  }
  View v = self_view(self);
  std::string out;
  int64_t col = 0;
  for (int64_t i = 0; i < v.n; i++) {
    uint8_t c = v.p[i];
    if (c == '\t') {
      if (tab > 0) {
        int64_t k = tab - col % tab;
        out.append(size_t(k), ' ');
        col += k;
      }
    } else {
      out += char(c);
      col++;
      if (c == '\n' || c == '\r') col = 0;
    }
  }
  return make_like(self, out.data(), int64_t(out.size()));
}

METHOD(b_translate) {
  static const char* const names[] = {"table", "delete"};
  Value a[2];
  if (!parse_args(KEYWORDS, "translate", "bytes.translate", args, nargs, kwnames, names, 2, 1, a))
    return Value();
  View table, del;
  bool have_table = !is_none(a[0]);
  if (have_table) {
    if (!need_view(a[0], &table)) return Value();
    if (table.n != 256) return raise(ValueError, "translation table must be 256 characters long");
  }
  if (a[1] && !need_view(a[1], &del)) return Value();
  bool drop[256] = {};
  for (int64_t i = 0; i < del.n; i++) drop[del.p[i]] = true;
  View v = self_view(self);
  std::string out;
  out.reserve(size_t(v.n));
  for (int64_t i = 0; i < v.n; i++) {
    uint8_t c = v.p[i];
    if (drop[c]) continue;
    out += char(have_table ? table.p[c] : c);
  }
  return make_like(self, out.data(), int64_t(out.size()));
}

METHOD(b_maketrans) {
  if (nargs != 2 || (kwnames && tuple_size(kwnames)))
    return raise(TypeError, "maketrans expected 2 arguments, got %zd", nargs);
  View f, t;
  if (!need_view(args[0], &f) || !need_view(args[1], &t)) return Value();
  if (f.n != t.n) return raise(ValueError, "maketrans arguments must have same length");
  char table[256];
  for (int i = 0; i < 256; i++) table[i] = char(i);
  for (int64_t i = 0; i < f.n; i++) table[f.p[i]] = char(t.p[i]);
  return bytes_from(std::string_view(table, 256));
}

METHOD(b_decode) {
  static const char* const names[] = {"encoding", "errors"};
  Value a[2];
  if (!parse_args(KEYWORDS, "decode", "bytes.decode", args, nargs, kwnames, names, 2, 0, a))
    return Value();
  for (int i = 0; i < 2; i++)
    if (a[i] && !is_str(a[i]))
      return raise(TypeError, "decode() argument '%s' must be str, not %T", names[i], a[i]);
  std::string enc = a[0] ? std::string(str_utf8(a[0])) : "utf-8";
  std::string err = a[1] ? std::string(str_utf8(a[1])) : "strict";
  View v = self_view(self);
  return text::decode(reinterpret_cast<const char*>(v.p), v.n, enc.c_str(), err.c_str());
}

METHOD(b_hex) {
  static const char* const names[] = {"sep", "bytes_per_sep"};
  Value a[2];
  if (!parse_args(KEYWORDS, "hex", "bytes.hex", args, nargs, kwnames, names, 2, 0, a))
    return Value();
  std::string sep;
  if (a[0]) {
    if (is_str(a[0])) sep = std::string(str_utf8(a[0]));
    else {
      View sv;
      if (!need_view(a[0], &sv)) return Value();
      sep.assign(reinterpret_cast<const char*>(sv.p), size_t(sv.n));
    }
    if (sep.size() != 1) return raise(ValueError, "sep must be length 1.");
    if (uint8_t(sep[0]) >= 128) return raise(ValueError, "sep must be ASCII.");
  }
  int64_t per = 1;
  if (a[1]) {
    Ref idx(number_index(a[1]));
    if (!idx) return Value();
    if (!int_to_i64(*idx, &per)) return raise(OverflowError, "Python int too large to convert to C int");
  }
  View v = self_view(self);
  static const char hex[] = "0123456789abcdef";
  std::string out;
  int64_t group = per < 0 ? -per : per;
  for (int64_t i = 0; i < v.n; i++) {
    if (!sep.empty() && i > 0 && group > 0) {
      // Groups count from the right for a positive bytes_per_sep, from the left otherwise.
      bool boundary = per > 0 ? (v.n - i) % group == 0 : i % group == 0;
      if (boundary) out += sep[0];
    }
    out += hex[v.p[i] >> 4];
    out += hex[v.p[i] & 15];
  }
  return str_from_ascii(out);
}

static Value fromhex_impl(Type* type, Value s) {
  if (!is_str(s)) return raise(TypeError, "fromhex() argument must be str, not %T", s);
  int64_t n = str_length(s);
  std::string out;
  auto hexval = [](uint32_t c) -> int {
    if (c >= '0' && c <= '9') return int(c - '0');
    if (c >= 'a' && c <= 'f') return int(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return int(c - 'A' + 10);
    return -1;
  };
  for (int64_t i = 0; i < n;) {
    uint32_t c = str_char(s, i);
    if (c == ' ' || (c >= 9 && c <= 13)) {
      i++;
      continue;
    }
    int hi = hexval(c);
    if (hi < 0)
      return raise(ValueError, "non-hexadecimal number found in fromhex() arg at position %zd", i);
    if (i + 1 >= n || hexval(str_char(s, i + 1)) < 0)
      return raise(ValueError, "non-hexadecimal number found in fromhex() arg at position %zd",
                   i + 1);
    out += char(hi * 16 + hexval(str_char(s, i + 1)));
    i += 2;
  }
  if (type == &BytesType) return bytes_from(out);
  if (type == &ByteArrayType) return bytearray_from(out);
  Ref b(bytes_from(out));
  if (!b) return Value();
  return call1(Value::from(type), *b);
}
// A class method: self is the class.
METHOD(b_fromhex) { return fromhex_impl(self.as<Type>(), args[0]); }

METHOD(b_getnewargs) {
  View v = self_view(self);
  Ref b(bytes_from(std::string_view(reinterpret_cast<const char*>(v.p), size_t(v.n))));
  if (!b) return Value();
  return tuple_pack({*b});
}
METHOD(b_bytes) { return same_or_copy(self); }
METHOD(bytes_sizeof) { return int_from_i64(33 + bytes_size(self)); }
METHOD(bytearray_sizeof) { return int_from_i64(56 + BA(self)->allocated); }

// -- bytearray's mutating methods ------------------------------------------------------------------

METHOD(ba_append) {
  int b;
  if (!byte_arg(args[0], &b)) return Value();
  ByteArrayObject* o = BA(self);
  if (!ba_resize(o, o->size + 1)) return Value();
  o->data[o->size - 1] = uint8_t(b);
  return None();
}
static int ba_extend_with(Value self, Value iterable) {
  std::string data;
  View v;
  if (get_view(iterable, &v)) {
    data.assign(reinterpret_cast<const char*>(v.p), size_t(v.n));
  } else {
    if (is_str(iterable)) {
      raise(TypeError, "expected iterable of integers; got: 'str'");
      return -1;
    }
    Value it = get_iter(iterable);
    if (!it) {
      if (error_matches(TypeError)) {
        clear_error();
        raise(TypeError, "can't extend bytearray with %T", iterable);
      }
      return -1;
    }
    Ref iter(it);
    for (;;) {
      Ref item(iter_next(*iter));
      if (!item) {
        if (error_occurred()) return -1;
        break;
      }
      int b;
      if (!byte_arg(*item, &b)) return -1;
      data += char(b);
    }
  }
  ByteArrayObject* o = BA(self);
  int64_t old = o->size;
  if (!ba_resize(o, old + int64_t(data.size()))) return -1;
  memcpy(o->data + old, data.data(), data.size());
  return 0;
}
METHOD(ba_extend) {
  if (ba_extend_with(self, args[0]) < 0) return Value();
  return None();
}
METHOD(ba_pop) {
  if (nargs > 1) return raise(TypeError, "pop expected at most 1 argument, got %zd", nargs);
  ByteArrayObject* o = BA(self);
  int64_t i = -1;
  if (nargs == 1) {
    Ref idx(number_index(args[0]));
    if (!idx) return Value();
    if (!int_to_i64(*idx, &i)) return raise(OverflowError, "Python int too large to convert to C ssize_t");
  }
  if (o->size == 0) return raise(IndexError, "pop from empty bytearray");
  if (i < 0) i += o->size;
  if (i < 0 || i >= o->size) return raise(IndexError, "pop index out of range");
  uint8_t b = o->data[i];
  memmove(o->data + i, o->data + i + 1, size_t(o->size - i - 1));
  ba_resize(o, o->size - 1);
  return Value::small(b);
}
METHOD(ba_insert) {
  if (nargs != 2) return raise(TypeError, "insert expected 2 arguments, got %zd", nargs);
  Ref idx(number_index(args[0]));
  if (!idx) return Value();
  int64_t i;
  if (!int_to_i64(*idx, &i)) i = int_sign(*idx) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
  int b;
  if (!byte_arg(args[1], &b)) return Value();
  ByteArrayObject* o = BA(self);
  int64_t n = o->size;
  if (i < 0) {
    i += n;
    if (i < 0) i = 0;
  }
  if (i > n) i = n;
  if (!ba_resize(o, n + 1)) return Value();
  memmove(o->data + i + 1, o->data + i, size_t(n - i));
  o->data[i] = uint8_t(b);
  return None();
}
METHOD(ba_remove) {
  int b;
  if (!byte_arg(args[0], &b)) return Value();
  ByteArrayObject* o = BA(self);
  const void* p = memchr(o->data, b, size_t(o->size));
  if (!p) return raise(ValueError, "value not found in bytearray");
  int64_t i = static_cast<const uint8_t*>(p) - o->data;
  memmove(o->data + i, o->data + i + 1, size_t(o->size - i - 1));
  ba_resize(o, o->size - 1);
  return None();
}
METHOD(ba_reverse) {
  ByteArrayObject* o = BA(self);
  std::reverse(o->data, o->data + o->size);
  return None();
}
METHOD(ba_clear) {
  ba_resize(BA(self), 0);
  return None();
}
METHOD(ba_copy) { return bytearray_from(std::string_view(reinterpret_cast<char*>(BA(self)->data), size_t(BA(self)->size))); }

// ba[key] = v / del ba[key]
static int bytearray_setitem(Value self, Value key, Value v) {
  ByteArrayObject* o = BA(self);
  if (has_index(key)) {
    int64_t i = as_ssize(key, IndexError);
    if (i == -1 && error_occurred()) return -1;
    if (i < 0) i += o->size;
    if (i < 0 || i >= o->size) {
      raise(IndexError, "bytearray index out of range");
      return -1;
    }
    if (!v) {
      memmove(o->data + i, o->data + i + 1, size_t(o->size - i - 1));
      return ba_resize(o, o->size - 1) ? 0 : -1;
    }
    int b;
    if (!byte_arg(v, &b)) return -1;
    o->data[i] = uint8_t(b);
    return 0;
  }
  if (type_of(key) != &SliceType) {
    raise(TypeError, "bytearray indices must be integers or slices, not %T", key);
    return -1;
  }
  int64_t start, stop, step;
  int64_t count = slice_indices(key, o->size, &start, &stop, &step);
  if (count < 0) return -1;
  std::string repl;
  if (v) {
    View rv;
    if (get_view(v, &rv)) {
      repl.assign(reinterpret_cast<const char*>(rv.p), size_t(rv.n));
    } else if (has_index(v)) {
      raise(TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
      return -1;
    } else {
      Ref tmp(bytearray_from(""));
      if (!tmp || ba_extend_with(*tmp, v) < 0) {
        if (error_matches(TypeError) && !is_str(v)) {
          clear_error();
          raise(TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        }
        return -1;
      }
      repl.assign(reinterpret_cast<char*>(BA(*tmp)->data), size_t(BA(*tmp)->size));
    }
  }
  if (step == 1 || (!v && count == 0)) {
    if (step != 1) return 0;
    if (stop < start) stop = start;
    int64_t tail = o->size - stop;
    int64_t nsize = start + int64_t(repl.size()) + tail;
    std::string rest(reinterpret_cast<char*>(o->data + stop), size_t(tail));
    if (!ba_resize(o, nsize)) return -1;
    memcpy(o->data + start, repl.data(), repl.size());
    memcpy(o->data + start + repl.size(), rest.data(), rest.size());
    return 0;
  }
  if (!v) {
    // Delete an extended slice: keep the bytes not selected.
    std::string keep;
    std::vector<bool> gone(size_t(o->size), false);
    for (int64_t k = 0, j = start; k < count; k++, j += step) gone[size_t(j)] = true;
    for (int64_t j = 0; j < o->size; j++)
      if (!gone[size_t(j)]) keep += char(o->data[j]);
    if (!ba_resize(o, int64_t(keep.size()))) return -1;
    memcpy(o->data, keep.data(), keep.size());
    return 0;
  }
  if (int64_t(repl.size()) != count) {
    raise(ValueError, "attempt to assign bytes of size %zd to extended slice of size %zd",
          int64_t(repl.size()), count);
    return -1;
  }
  for (int64_t k = 0, j = start; k < count; k++, j += step) o->data[j] = uint8_t(repl[size_t(k)]);
  return 0;
}

// -- Tables ----------------------------------------------------------------------------------------

#define SHARED_METHODS(M)                                              \
  M("capitalize", b_capitalize, METH_NOARGS)                           \
  M("center", b_center, METH_FASTCALL)                                 \
  M("count", b_count, METH_FASTCALL)                                   \
  M("decode", b_decode, METH_FASTCALL | METH_KEYWORDS)                 \
  M("endswith", b_endswith, METH_FASTCALL)                             \
  M("expandtabs", b_expandtabs, METH_FASTCALL | METH_KEYWORDS)         \
  M("find", b_find, METH_FASTCALL)                                     \
  M("fromhex", b_fromhex, METH_O | METH_CLASS)                         \
  M("hex", b_hex, METH_FASTCALL | METH_KEYWORDS)                       \
  M("index", b_index, METH_FASTCALL)                                   \
  M("isalnum", b_isalnum, METH_NOARGS)                                 \
  M("isalpha", b_isalpha, METH_NOARGS)                                 \
  M("isascii", b_isascii, METH_NOARGS)                                 \
  M("isdigit", b_isdigit, METH_NOARGS)                                 \
  M("islower", b_islower, METH_NOARGS)                                 \
  M("isspace", b_isspace, METH_NOARGS)                                 \
  M("istitle", b_istitle, METH_NOARGS)                                 \
  M("isupper", b_isupper, METH_NOARGS)                                 \
  M("join", b_join, METH_O)                                            \
  M("ljust", b_ljust, METH_FASTCALL)                                   \
  M("lower", b_lower, METH_NOARGS)                                     \
  M("lstrip", b_lstrip, METH_FASTCALL)                                 \
  M("maketrans", b_maketrans, METH_FASTCALL | METH_STATIC)             \
  M("partition", b_partition, METH_O)                                  \
  M("removeprefix", b_removeprefix, METH_O)                            \
  M("removesuffix", b_removesuffix, METH_O)                            \
  M("replace", b_replace, METH_FASTCALL)                               \
  M("rfind", b_rfind, METH_FASTCALL)                                   \
  M("rindex", b_rindex, METH_FASTCALL)                                 \
  M("rjust", b_rjust, METH_FASTCALL)                                   \
  M("rpartition", b_rpartition, METH_O)                                \
  M("rsplit", b_rsplit, METH_FASTCALL | METH_KEYWORDS)                 \
  M("rstrip", b_rstrip, METH_FASTCALL)                                 \
  M("split", b_split, METH_FASTCALL | METH_KEYWORDS)                   \
  M("splitlines", b_splitlines, METH_FASTCALL | METH_KEYWORDS)         \
  M("startswith", b_startswith, METH_FASTCALL)                         \
  M("strip", b_strip, METH_FASTCALL)                                   \
  M("swapcase", b_swapcase, METH_NOARGS)                               \
  M("title", b_title, METH_NOARGS)                                     \
  M("translate", b_translate, METH_FASTCALL | METH_KEYWORDS)           \
  M("upper", b_upper, METH_NOARGS)                                     \
  M("zfill", b_zfill, METH_O)

#define M(name, fn, flags) {name, fn, flags, nullptr},
static const MethodDef bytes_methods[] = {
    SHARED_METHODS(M)
    M("__bytes__", b_bytes, METH_NOARGS)
    M("__getnewargs__", b_getnewargs, METH_NOARGS)
    M("__sizeof__", bytes_sizeof, METH_NOARGS)
    {nullptr, nullptr, 0, nullptr},
};
static const MethodDef bytearray_methods[] = {
    SHARED_METHODS(M)
    M("append", ba_append, METH_O)
    M("clear", ba_clear, METH_NOARGS)
    M("copy", ba_copy, METH_NOARGS)
    M("extend", ba_extend, METH_O)
    M("insert", ba_insert, METH_FASTCALL)
    M("pop", ba_pop, METH_FASTCALL)
    M("remove", ba_remove, METH_O)
    M("reverse", ba_reverse, METH_NOARGS)
    M("__sizeof__", bytearray_sizeof, METH_NOARGS)
    {nullptr, nullptr, 0, nullptr},
};
#undef M

// The number-slot initializers below are positional.
static_assert(NB_ADD == 0 && NB_MULTIPLY == 5 && NB_REMAINDER == 6 && NB_INPLACE_ADD == 13 &&
              NB_INPLACE_MULTIPLY == 18);

Type BytesType = {
    .ob = {kImmortal, &TypeType},
    .name = "bytes",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_IMMUTABLE | TF_BYTES_SUBCLASS | TF_MATCH_SELF,
    .basicsize = sizeof(BytesObject),
    .itemsize = 1,
    .dealloc = bytes_dealloc,
    .repr = bytes_repr_slot,
    .str = bytes_str_slot,
    .hash = bytes_hash,
    .richcompare = bytes_richcompare,
    .getattr = generic_getattr,
    .iter = bytes_iter,
    .new_ = bytes_new,
    .nb = {bytes_add, nullptr, nullptr, nullptr, nullptr, bytes_mul, bytes_mod_slot},
    .length = bytes_len,
    .getitem = bytes_getitem,
    .contains = bytes_contains,
    .methods = bytes_methods,
    .doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\n"
           "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n"
           "bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n"
           "bytes() -> empty bytes object",
};

Type ByteArrayType = {
    .ob = {kImmortal, &TypeType},
    .name = "bytearray",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_IMMUTABLE | TF_MATCH_SELF,
    .basicsize = sizeof(ByteArrayObject),
    .dealloc = bytearray_dealloc,
    .repr = bytearray_repr,
    .str = bytearray_repr,
    .hash = hash_not_implemented,
    .richcompare = bytes_richcompare,
    .getattr = generic_getattr,
    .iter = bytes_iter,
    .new_ = bytearray_new,
    .init = bytearray_init,
    .nb = {bytes_add, nullptr, nullptr, nullptr, nullptr, bytes_mul, bytes_mod_slot,
           nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
           bytearray_iadd, nullptr, nullptr, nullptr, nullptr, bytearray_imul},
    .length = bytearray_len,
    .getitem = bytearray_getitem,
    .setitem = bytearray_setitem,
    .contains = bytes_contains,
    .methods = bytearray_methods,
    .doc = "bytearray(iterable_of_ints) -> bytearray\n"
           "bytearray(string, encoding[, errors]) -> bytearray\n"
           "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
           "bytearray(int) -> bytes array of size given by the parameter initialized with null bytes\n"
           "bytearray() -> empty bytes array",
};

}  // namespace strata
