// stdlib/array.cpp — the `array` module: array.array, a compact sequence of one C type
// (typecodes b B u h H i I l L q Q f d of CPython 3.11 on LP64 Linux), with CPython's
// conversions and messages for items, the sequence and list-like methods, bytes and
// unicode conversion, comparison, concatenation and repetition. Its bytes are readable
// as a bytes-like object (array_bytes, for the native modules through bytes_like.h);
// there is no memoryview of an array yet, and no pickling.
#include <gmp.h>

#include <climits>
#include <cstring>
#include <string>

#include "stdlib/builtins.h"
#include "stdlib/bytes_like.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

extern Type ArrayType;

namespace {

struct ArrayObject {
  Object ob;
  uint8_t* data;     // mem_alloc'ed, capacity * itemsize bytes
  int64_t size;      // items
  int64_t capacity;  // items
  char typecode;
  int itemsize;
  Value weakreflist;
};

constexpr char kTypecodes[] = "bBuhHiIlLqQfd";

int itemsize_of(char tc) {
  switch (tc) {
    case 'b': case 'B': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'u': return static_cast<int>(sizeof(wchar_t));
    default: return 8;  // l L q Q d
  }
}

ArrayObject* A(Value v) { return v.as<ArrayObject>(); }
bool is_array(Value v) { return is_instance_of(v, &ArrayType); }

// -- Items ------------------------------------------------------------------------------------

// v's index as an int64; *over is +1 or -1 (and *out unset) when it does not fit.
bool index_i64(Value v, int64_t* out, int* over) {
  Ref i(number_index(v));
  if (!i) return false;
  *over = 0;
  if (!int_to_i64(*i, out)) *over = int_sign(*i) < 0 ? -1 : 1;
  return true;
}

// v's index as an unsigned 64-bit value for L and Q.
bool index_u64(Value v, uint64_t* out, const char* negative, const char* too_big) {
  Ref i(number_index(v));
  if (!i) return false;
  if (int_sign(*i) < 0) {
    raise(OverflowError, "%s", negative);
    return false;
  }
  int64_t small;
  if (int_to_i64(*i, &small)) {
    *out = static_cast<uint64_t>(small);
    return true;
  }
  mpz_t z;
  mpz_init(z);
  int_to_mpz(*i, z);
  bool fits = mpz_sizeinbase(z, 2) <= 64;
  if (fits) *out = mpz_get_ui(z);
  mpz_clear(z);
  if (!fits) raise(OverflowError, "%s", too_big);
  return fits;
}

bool range_error(const char* what, bool low) {
  raise(OverflowError, "%s is %s", what, low ? "less than minimum" : "greater than maximum");
  return false;
}

// Converts v to the bytes of one item of typecode tc (CPython's *_setitem conversions,
// with their argument-parsing messages); false with an exception set.
bool to_item(char tc, Value v, uint8_t* out) {
  const char* c_long = "Python int too large to convert to C long";
  if (tc == 'f' || tc == 'd') {
    double d = as_double(v);
    if (d == -1.0 && error_occurred()) return false;
    if (tc == 'f') {
      float f = static_cast<float>(d);
      std::memcpy(out, &f, 4);
    } else {
      std::memcpy(out, &d, 8);
    }
    return true;
  }
  if (tc == 'u') {
    if (!is_str(v) || str_length(v) != 1) {
      raise(TypeError, "array item must be unicode character");
      return false;
    }
    wchar_t w = static_cast<wchar_t>(str_char(v, 0));
    std::memcpy(out, &w, sizeof w);
    return true;
  }
  if (tc == 'L' || tc == 'Q') {
    uint64_t u;
    bool ok = tc == 'L' ? index_u64(v, &u, "can't convert negative value to unsigned int",
                                    "Python int too large to convert to C unsigned long")
                        : index_u64(v, &u, "can't convert negative int to unsigned",
                                    "int too big to convert");
    if (ok) std::memcpy(out, &u, 8);
    return ok;
  }
  int64_t x;
  int over;
  if (!index_i64(v, &x, &over)) return false;
  switch (tc) {
    case 'b': {
      if (over) return raise(OverflowError, "%s", c_long), false;
      if (x < SHRT_MIN || x > SHRT_MAX) return range_error("signed short integer", x < 0);
      if (x < -128 || x > 127) return range_error("signed char", x < 0);
      int8_t b = static_cast<int8_t>(x);
      std::memcpy(out, &b, 1);
      return true;
    }
    case 'B': {
      if (over) return raise(OverflowError, "%s", c_long), false;
      if (x < 0 || x > 255) return range_error("unsigned byte integer", x < 0);
      out[0] = static_cast<uint8_t>(x);
      return true;
    }
    case 'h': {
      if (over) return raise(OverflowError, "%s", c_long), false;
      if (x < SHRT_MIN || x > SHRT_MAX) return range_error("signed short integer", x < 0);
      int16_t h = static_cast<int16_t>(x);
      std::memcpy(out, &h, 2);
      return true;
    }
    case 'H': {
      if (over) return raise(OverflowError, "%s", c_long), false;
      if (x < INT_MIN || x > INT_MAX) return range_error("signed integer", x < 0);
      if (x < 0 || x > USHRT_MAX) return range_error("unsigned short", x < 0);
      uint16_t h = static_cast<uint16_t>(x);
      std::memcpy(out, &h, 2);
      return true;
    }
    case 'i': {
      if (over) return raise(OverflowError, "%s", c_long), false;
      if (x < INT_MIN || x > INT_MAX) return range_error("signed integer", x < 0);
      int32_t i = static_cast<int32_t>(x);
      std::memcpy(out, &i, 4);
      return true;
    }
    case 'I': {
      if (over < 0 || (!over && x < 0)) {
        return raise(OverflowError, "can't convert negative value to unsigned int"), false;
      }
      if (over) {
        return raise(OverflowError, "Python int too large to convert to C unsigned long"), false;
      }
      if (x > static_cast<int64_t>(UINT_MAX)) return range_error("unsigned int", false);
      uint32_t u = static_cast<uint32_t>(x);
      std::memcpy(out, &u, 4);
      return true;
    }
    default: {  // l q
      if (over) {
        return raise(OverflowError, "%s", tc == 'l' ? c_long : "int too big to convert"), false;
      }
      std::memcpy(out, &x, 8);
      return true;
    }
  }
}

Value item_value(const ArrayObject* a, int64_t i) {
  const uint8_t* p = a->data + i * a->itemsize;
  switch (a->typecode) {
    case 'b': return Value::small(static_cast<int8_t>(p[0]));
    case 'B': return Value::small(p[0]);
    case 'h': { int16_t v; std::memcpy(&v, p, 2); return Value::small(v); }
    case 'H': { uint16_t v; std::memcpy(&v, p, 2); return Value::small(v); }
    case 'i': { int32_t v; std::memcpy(&v, p, 4); return Value::small(v); }
    case 'I': { uint32_t v; std::memcpy(&v, p, 4); return int_from_i64(v); }
    case 'l': case 'q': { int64_t v; std::memcpy(&v, p, 8); return int_from_i64(v); }
    case 'L': case 'Q': { uint64_t v; std::memcpy(&v, p, 8); return int_from_u64(v); }
    case 'f': { float v; std::memcpy(&v, p, 4); return float_new(v); }
    case 'd': { double v; std::memcpy(&v, p, 8); return float_new(v); }
    default: {  // u
      wchar_t w;
      std::memcpy(&w, p, sizeof w);
      uint32_t cp = static_cast<uint32_t>(w);
      if (cp > 0x10FFFF) {
        return raise(ValueError, "character U+%x is not in range [U+0000; U+10ffff]", cp);
      }
      return str_from_char(cp);
    }
  }
}

// -- Storage ----------------------------------------------------------------------------------

bool reserve(ArrayObject* a, int64_t n) {
  if (n <= a->capacity) return true;
  int64_t cap = a->capacity < 4 ? 4 : a->capacity;
  while (cap < n) cap += cap / 2 + 1;
  void* p = mem_realloc(a->data, static_cast<size_t>(cap) * a->itemsize);
  if (!p) {
    raise_no_memory();
    return false;
  }
  a->data = static_cast<uint8_t*>(p);
  a->capacity = cap;
  return true;
}

bool append_item(ArrayObject* a, Value v) {
  uint8_t item[8];
  if (!to_item(a->typecode, v, item)) return false;
  if (!reserve(a, a->size + 1)) return false;
  std::memcpy(a->data + a->size * a->itemsize, item, a->itemsize);
  a->size++;
  return true;
}

bool append_bytes(ArrayObject* a, const uint8_t* bytes, int64_t nbytes) {
  int64_t n = nbytes / a->itemsize;
  if (!reserve(a, a->size + n)) return false;
  std::memmove(a->data + a->size * a->itemsize, bytes, static_cast<size_t>(n * a->itemsize));
  a->size += n;
  return true;
}

Value array_alloc(Type* type, char tc) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  ArrayObject* a = reinterpret_cast<ArrayObject*>(o);
  a->data = nullptr;
  a->size = a->capacity = 0;
  a->typecode = tc;
  a->itemsize = itemsize_of(tc);
  a->weakreflist = Value();
  return Value::from(o);
}

Value array_from_bytes(char tc, const uint8_t* bytes, int64_t nbytes) {
  Ref r(array_alloc(&ArrayType, tc));
  if (!r || !append_bytes(A(*r), bytes, nbytes)) return Value();
  return r.release();
}

void array_dealloc(Object* o) {
  ArrayObject* a = reinterpret_cast<ArrayObject*>(o);
  mem_free(a->data);
  free_object(o);
}

// -- Construction -------------------------------------------------------------------------------

bool extend_from(Value self, Value iterable);

Value array_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (kwnames && tuple_size(kwnames)) {
    return raise(TypeError, "array.array() takes no keyword arguments");
  }
  if (nargs < 1 || nargs > 2) {
    return nargs < 1 ? raise(TypeError, "array() takes at least 1 argument (0 given)")
                     : raise(TypeError, "array() takes at most 2 arguments (%zu given)", nargs);
  }
  Value code = args[0];
  if (!is_str(code) || str_length(code) != 1) {
    return raise(TypeError, "array() argument 1 must be a unicode character, not %s",
                 type_name(code));
  }
  uint32_t c = str_char(code, 0);
  if (c > 127 || !std::strchr(kTypecodes, static_cast<int>(c)) || c == 0) {
    return raise(ValueError,
                 "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
  }
  char tc = static_cast<char>(c);
  Value init = nargs == 2 ? args[1] : Value();
  if (init && is_str(init) && tc != 'u') {
    return raise(TypeError, "cannot use a str to initialize an array with typecode '%c'", tc);
  }
  if (init && is_array(init) && (A(init)->typecode == 'u') != (tc == 'u')) {
    return raise(TypeError, "cannot use a unicode array to initialize an array with typecode '%c'",
                 tc);
  }
  Ref self(array_alloc(type, tc));
  if (!self) return Value();
  if (!init) return self.release();
  ArrayObject* a = A(*self);
  if (is_str(init)) {
    for (int64_t i = 0; i < str_length(init); i++) {
      Ref ch(str_from_char(str_char(init, i)));
      if (!ch || !append_item(a, *ch)) return Value();
    }
    return self.release();
  }
  BytesView view;
  int r = is_array(init) ? 0 : get_bytes_like(init, &view);
  if (r < 0) return Value();
  if (r > 0) {
    if (view.size % a->itemsize) return raise(ValueError, "bytes length not a multiple of item size");
    if (!append_bytes(a, view.data, view.size)) return Value();
    return self.release();
  }
  if (is_array(init) && A(init)->typecode != tc) {  // converted item by item
    if (for_each(init, [&](Value item) -> int { return append_item(a, item) ? 0 : -1; }) < 0) {
      return Value();
    }
    return self.release();
  }
  if (!extend_from(*self, init)) return Value();
  return self.release();
}

// -- Sequence slots -----------------------------------------------------------------------------

int64_t array_length(Value self) { return A(self)->size; }

bool item_index(Value key, int64_t size, int64_t* out, const char* message) {
  int64_t i;
  int over;
  if (!index_i64(key, &i, &over)) return false;
  if (over) {
    raise(IndexError, "cannot fit 'int' into an index-sized integer");
    return false;
  }
  if (i < 0) i += size;
  if (i < 0 || i >= size) {
    raise(IndexError, "%s", message);
    return false;
  }
  *out = i;
  return true;
}

Value array_getitem(Value self, Value key) {
  ArrayObject* a = A(self);
  if (is_slice(key)) {
    int64_t start, stop, step;
    if (!slice_unpack(key, &start, &stop, &step)) return Value();
    int64_t n = slice_adjust(a->size, &start, &stop, step);
    Ref r(array_alloc(&ArrayType, a->typecode));
    if (!r || !reserve(A(*r), n)) return Value();
    ArrayObject* out = A(*r);
    for (int64_t k = 0, i = start; k < n; k++, i += step) {
      std::memcpy(out->data + k * a->itemsize, a->data + i * a->itemsize, a->itemsize);
    }
    out->size = n;
    return r.release();
  }
  if (!lookup_special(key, STRATA_NAME(__index__))) {
    return raise(TypeError, "array indices must be integers");
  }
  int64_t i;
  if (!item_index(key, a->size, &i, "array index out of range")) return Value();
  return item_value(a, i);
}

void delete_range(ArrayObject* a, int64_t start, int64_t stop) {
  int isz = a->itemsize;
  std::memmove(a->data + start * isz, a->data + stop * isz, static_cast<size_t>((a->size - stop) * isz));
  a->size -= stop - start;
}

int array_setitem(Value self, Value key, Value v) {
  ArrayObject* a = A(self);
  int isz = a->itemsize;
  if (!is_slice(key)) {
    if (!lookup_special(key, STRATA_NAME(__index__))) {
      raise(TypeError, "array indices must be integers");
      return -1;
    }
    int64_t i;
    if (!item_index(key, a->size, &i, "array assignment index out of range")) return -1;
    if (!v) {
      delete_range(a, i, i + 1);
      return 0;
    }
    uint8_t item[8];
    if (!to_item(a->typecode, v, item)) return -1;
    std::memcpy(a->data + i * isz, item, isz);
    return 0;
  }
  int64_t start, stop, step;
  if (!slice_unpack(key, &start, &stop, &step)) return -1;
  int64_t n = slice_adjust(a->size, &start, &stop, step);
  if (!v) {  // del a[slice]
    if (step == 1) {
      delete_range(a, start, stop);
      return 0;
    }
    if (step < 0) {
      start = start + step * (n - 1);
      step = -step;
    }
    int64_t w = start;
    for (int64_t r = start, k = 0; r < a->size; r++) {
      if (k < n && r == start + k * step) {
        k++;
        continue;
      }
      std::memmove(a->data + w * isz, a->data + r * isz, isz);
      w++;
    }
    a->size = w;
    return 0;
  }
  if (!is_array(v)) {
    raise(TypeError, "can only assign array (not \"%s\") to array slice", type_name(v));
    return -1;
  }
  ArrayObject* src = A(v);
  if (src->typecode != a->typecode) {
    raise(TypeError, "bad argument type for built-in operation");
    return -1;
  }
  std::string copy(reinterpret_cast<const char*>(src->data), static_cast<size_t>(src->size * isz));
  int64_t m = src->size;
  if (step == 1) {
    if (stop < start) stop = start;
    int64_t grow = m - (stop - start);
    if (!reserve(a, a->size + grow)) return -1;
    std::memmove(a->data + (start + m) * isz, a->data + stop * isz,
                 static_cast<size_t>((a->size - stop) * isz));
    std::memcpy(a->data + start * isz, copy.data(), copy.size());
    a->size += grow;
    return 0;
  }
  if (m != n) {
    raise(ValueError, "attempt to assign array of size %lld to extended slice of size %lld",
          static_cast<long long>(m), static_cast<long long>(n));
    return -1;
  }
  for (int64_t k = 0, i = start; k < n; k++, i += step) {
    std::memcpy(a->data + i * isz, copy.data() + k * isz, isz);
  }
  return 0;
}

int array_contains(Value self, Value v) {
  ArrayObject* a = A(self);
  for (int64_t i = 0; i < a->size; i++) {
    Ref item(item_value(a, i));
    if (!item) return -1;
    int eq = rich_compare_bool(*item, v, CMP_EQ);
    if (eq != 0) return eq;
  }
  return 0;
}

Value array_repr(Value self) {
  ArrayObject* a = A(self);
  const char* name = type_of(self)->name;  // shown without its module, as _PyType_Name
  const char* dot = std::strrchr(name, '.');
  std::string shown = dot ? dot + 1 : name;
  if (a->size == 0) return str_from_utf8(shown + "('" + a->typecode + "')");
  Ref items;
  if (a->typecode == 'u') {
    Ref text(call_method0(self, intern("tounicode")));
    if (!text) return Value();
    items.reset(repr(*text));
  } else {
    Ref list(call_method0(self, intern("tolist")));
    if (!list) return Value();
    items.reset(repr(*list));
  }
  if (!items) return Value();
  std::string text = shown + "('" + a->typecode + "', " + std::string(str_utf8(*items)) + ")";
  return str_from_utf8(text);
}

Value array_richcompare(Value self, Value other, int op) {
  if (!is_array(self) || !is_array(other)) return newref(NotImplemented());
  ArrayObject* a = A(self);
  ArrayObject* b = A(other);
  if (a->size != b->size && (op == CMP_EQ || op == CMP_NE)) return Bool(op == CMP_NE);
  int64_t n = a->size < b->size ? a->size : b->size;
  for (int64_t i = 0; i < n; i++) {
    Ref x(item_value(a, i)), y(item_value(b, i));
    if (!x || !y) return Value();
    int eq = rich_compare_bool(*x, *y, CMP_EQ);
    if (eq < 0) return Value();
    if (eq) continue;
    if (op == CMP_EQ) return False();
    if (op == CMP_NE) return True();
    return rich_compare(*x, *y, op);
  }
  int64_t la = a->size, lb = b->size;
  bool r;
  switch (op) {
    case CMP_LT: r = la < lb; break;
    case CMP_LE: r = la <= lb; break;
    case CMP_EQ: r = la == lb; break;
    case CMP_NE: r = la != lb; break;
    case CMP_GT: r = la > lb; break;
    default: r = la >= lb; break;
  }
  return Bool(r);
}

// -- Iteration ----------------------------------------------------------------------------------

struct ArrayIterObject {
  Object ob;
  Value array;  // null once exhausted
  int64_t index;
};

extern Type ArrayIterType;

Value array_iter(Value self) {
  Object* o = alloc_object(&ArrayIterType, sizeof(ArrayIterObject));
  if (!o) return Value();
  ArrayIterObject* it = reinterpret_cast<ArrayIterObject*>(o);
  it->array = newref(self);
  it->index = 0;
  gc_track(o);
  return Value::from(o);
}

Value arrayiter_next(Value self) {
  ArrayIterObject* it = self.as<ArrayIterObject>();
  if (!it->array) return Value();
  ArrayObject* a = A(it->array);
  if (it->index >= a->size) {
    clear_ref(&it->array);
    return Value();
  }
  return item_value(a, it->index++);
}

void arrayiter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<ArrayIterObject*>(o)->array);
  free_object(o);
}
void arrayiter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<ArrayIterObject*>(o)->array, visit, arg);
}
void arrayiter_clear(Object* o) { clear_ref(&reinterpret_cast<ArrayIterObject*>(o)->array); }

Type ArrayIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "array.arrayiterator",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(ArrayIterObject),
    .dealloc = arrayiter_dealloc,
    .traverse = arrayiter_traverse,
    .clear = arrayiter_clear,
    .iter = iter_self,
    .iternext = arrayiter_next,
};

// -- Methods ------------------------------------------------------------------------------------

bool extend_from(Value self, Value iterable) {
  ArrayObject* a = A(self);
  if (is_array(iterable)) {
    ArrayObject* b = A(iterable);
    if (b->typecode != a->typecode) {
      raise(TypeError, "can only extend with array of same kind");
      return false;
    }
    std::string copy(reinterpret_cast<const char*>(b->data), static_cast<size_t>(b->size * b->itemsize));
    return append_bytes(a, reinterpret_cast<const uint8_t*>(copy.data()), static_cast<int64_t>(copy.size()));
  }
  return for_each(iterable, [&](Value item) -> int { return append_item(a, item) ? 0 : -1; }) >= 0;
}

Value m_append(Value self, const Value* a, size_t, Value) {
  if (!append_item(A(self), a[0])) return Value();
  return None();
}

Value m_extend(Value self, const Value* a, size_t, Value) {
  if (!extend_from(self, a[0])) return Value();
  return None();
}

Value m_fromlist(Value self, const Value* a, size_t, Value) {
  if (!is_list(a[0])) return raise(TypeError, "arg must be list");
  ArrayObject* arr = A(self);
  int64_t old = arr->size;
  for (int64_t i = 0; i < list_size(a[0]); i++) {
    if (!append_item(arr, list_item(a[0], i))) {
      arr->size = old;
      return Value();
    }
  }
  return None();
}

Value m_tolist(Value self, const Value*, size_t, Value) {
  ArrayObject* a = A(self);
  Ref list(list_new(a->size));
  if (!list) return Value();
  for (int64_t i = 0; i < a->size; i++) {
    Value v = item_value(a, i);
    if (!v) return Value();
    list_items(*list)[i] = v;
  }
  return list.release();
}

Value m_frombytes(Value self, const Value* a, size_t, Value) {
  BytesView view;
  int r = is_array(a[0]) ? 2 : get_bytes_like(a[0], &view);
  if (r < 0) return Value();
  if (r == 0) return raise(TypeError, "a bytes-like object is required, not '%s'", type_name(a[0]));
  ArrayObject* arr = A(self);
  std::string copy;
  if (r == 2) {
    ArrayObject* src = A(a[0]);
    copy.assign(reinterpret_cast<const char*>(src->data), static_cast<size_t>(src->size * src->itemsize));
  } else {
    copy.assign(reinterpret_cast<const char*>(view.data), static_cast<size_t>(view.size));
  }
  if (copy.size() % arr->itemsize) return raise(ValueError, "bytes length not a multiple of item size");
  if (!append_bytes(arr, reinterpret_cast<const uint8_t*>(copy.data()), static_cast<int64_t>(copy.size()))) {
    return Value();
  }
  return None();
}

Value m_tobytes(Value self, const Value*, size_t, Value) {
  ArrayObject* a = A(self);
  return bytes_from(std::string_view(reinterpret_cast<const char*>(a->data),
                                     static_cast<size_t>(a->size * a->itemsize)));
}

Value m_fromunicode(Value self, const Value* a, size_t, Value) {
  if (!is_str(a[0])) {
    return raise(TypeError, "fromunicode() argument must be str, not %s", type_name(a[0]));
  }
  ArrayObject* arr = A(self);
  if (arr->typecode != 'u') return raise(ValueError, "fromunicode() may only be called on unicode type arrays");
  for (int64_t i = 0; i < str_length(a[0]); i++) {
    Ref ch(str_from_char(str_char(a[0], i)));
    if (!ch || !append_item(arr, *ch)) return Value();
  }
  return None();
}

Value m_tounicode(Value self, const Value*, size_t, Value) {
  ArrayObject* a = A(self);
  if (a->typecode != 'u') return raise(ValueError, "tounicode() may only be called on unicode type arrays");
  std::u32string cps;
  for (int64_t i = 0; i < a->size; i++) {
    wchar_t w;
    std::memcpy(&w, a->data + i * a->itemsize, sizeof w);
    uint32_t cp = static_cast<uint32_t>(w);
    if (cp > 0x10FFFF) return raise(ValueError, "character U+%x is not in range [U+0000; U+10ffff]", cp);
    cps.push_back(cp);
  }
  return str_from_codepoints(reinterpret_cast<const uint32_t*>(cps.data()), static_cast<int64_t>(cps.size()));
}

Value m_insert(Value self, const Value* a, size_t nargs, Value) {
  if (!check_positional("insert", nargs, 2, 2)) return Value();
  int64_t i;
  int over;
  if (!index_i64(a[0], &i, &over)) return Value();
  ArrayObject* arr = A(self);
  if (over) i = over < 0 ? 0 : arr->size;
  if (i < 0) i = i + arr->size < 0 ? 0 : i + arr->size;
  if (i > arr->size) i = arr->size;
  uint8_t item[8];
  if (!to_item(arr->typecode, a[1], item) || !reserve(arr, arr->size + 1)) return Value();
  int isz = arr->itemsize;
  std::memmove(arr->data + (i + 1) * isz, arr->data + i * isz, static_cast<size_t>((arr->size - i) * isz));
  std::memcpy(arr->data + i * isz, item, isz);
  arr->size++;
  return None();
}

Value m_pop(Value self, const Value* a, size_t nargs, Value) {
  if (!check_positional("pop", nargs, 0, 1)) return Value();
  ArrayObject* arr = A(self);
  int64_t i = -1;
  int over = 0;
  if (nargs == 1 && !index_i64(a[0], &i, &over)) return Value();
  if (arr->size == 0) return raise(IndexError, "pop from empty array");
  if (over) return raise(IndexError, "pop index out of range");
  if (i < 0) i += arr->size;
  if (i < 0 || i >= arr->size) return raise(IndexError, "pop index out of range");
  Value v = item_value(arr, i);
  if (!v) return Value();
  delete_range(arr, i, i + 1);
  return v;
}

// The first index of v in [start, stop), -1 when absent, -2 on error.
int64_t find(ArrayObject* a, Value v, int64_t start, int64_t stop) {
  for (int64_t i = start; i < stop && i < a->size; i++) {
    Ref item(item_value(a, i));
    if (!item) return -2;
    int eq = rich_compare_bool(*item, v, CMP_EQ);
    if (eq < 0) return -2;
    if (eq) return i;
  }
  return -1;
}

Value m_remove(Value self, const Value* a, size_t, Value) {
  ArrayObject* arr = A(self);
  int64_t i = find(arr, a[0], 0, arr->size);
  if (i == -2) return Value();
  if (i < 0) return raise(ValueError, "array.remove(x): x not in array");
  delete_range(arr, i, i + 1);
  return None();
}

Value m_index(Value self, const Value* a, size_t nargs, Value) {
  if (!check_positional("index", nargs, 1, 3)) return Value();
  ArrayObject* arr = A(self);
  int64_t start = 0, stop = arr->size;
  if (nargs > 1 && !text::slice_bound_arg(a[1], &start)) return Value();
  if (nargs > 2 && !text::slice_bound_arg(a[2], &stop)) return Value();
  text::adjust_indices(&start, &stop, arr->size);
  int64_t i = find(arr, a[0], start, stop);
  if (i == -2) return Value();
  if (i < 0) return raise(ValueError, "array.index(x): x not in array");
  return int_from_i64(i);
}

Value m_count(Value self, const Value* a, size_t, Value) {
  ArrayObject* arr = A(self);
  int64_t n = 0;
  for (int64_t i = 0; i < arr->size; i++) {
    Ref item(item_value(arr, i));
    if (!item) return Value();
    int eq = rich_compare_bool(*item, a[0], CMP_EQ);
    if (eq < 0) return Value();
    n += eq;
  }
  return int_from_i64(n);
}

Value m_reverse(Value self, const Value*, size_t, Value) {
  ArrayObject* a = A(self);
  int isz = a->itemsize;
  uint8_t tmp[8];
  for (int64_t i = 0, j = a->size - 1; i < j; i++, j--) {
    std::memcpy(tmp, a->data + i * isz, isz);
    std::memcpy(a->data + i * isz, a->data + j * isz, isz);
    std::memcpy(a->data + j * isz, tmp, isz);
  }
  return None();
}

Value m_byteswap(Value self, const Value*, size_t, Value) {
  ArrayObject* a = A(self);
  int isz = a->itemsize;
  for (int64_t i = 0; i < a->size; i++) {
    uint8_t* p = a->data + i * isz;
    for (int k = 0; k < isz / 2; k++) std::swap(p[k], p[isz - 1 - k]);
  }
  return None();
}

Value m_buffer_info(Value self, const Value*, size_t, Value) {
  ArrayObject* a = A(self);
  Ref addr(int_from_u64(reinterpret_cast<uintptr_t>(a->data)));
  Ref n(int_from_i64(a->size));
  if (!addr || !n) return Value();
  return tuple_pack({*addr, *n});
}

Value copy_of(Value self) {
  ArrayObject* a = A(self);
  return array_from_bytes(a->typecode, a->data, a->size * a->itemsize);
}

Value m_copy(Value self, const Value*, size_t, Value) { return copy_of(self); }

Value m_sizeof(Value self, const Value*, size_t, Value) {
  ArrayObject* a = A(self);
  return int_from_i64(64 + a->capacity * a->itemsize);
}

Value m_tofile(Value self, const Value* a, size_t, Value) {
  Ref data(m_tobytes(self, nullptr, 0, Value()));
  if (!data) return Value();
  Ref r(call_method1(a[0], intern("write"), *data));
  if (!r) return Value();
  return None();
}

Value m_fromfile(Value self, const Value* a, size_t nargs, Value) {
  if (!check_positional("fromfile", nargs, 2, 2)) return Value();
  int64_t n;
  int over;
  if (!index_i64(a[1], &n, &over)) return Value();
  if (n < 0 || over < 0) return raise(ValueError, "negative count");
  ArrayObject* arr = A(self);
  Ref want(int_from_i64(n * arr->itemsize));
  if (!want) return Value();
  Ref data(call_method1(a[0], intern("read"), *want));
  if (!data) return Value();
  if (!is_bytes(*data)) return raise(TypeError, "read() didn't return bytes");
  int64_t got = bytes_size(*data);
  int64_t whole = got - got % arr->itemsize;
  if (!append_bytes(arr, bytes_data(*data), whole)) return Value();
  if (got != n * arr->itemsize) return raise(EOFError, "read() didn't return enough bytes");
  return None();
}

// -- Numbers: +, *, +=, *= ----------------------------------------------------------------------

Value array_concat(Value x, Value y) {
  if (!is_array(x)) return newref(NotImplemented());
  if (!is_array(y)) {
    return raise(TypeError, "can only append array (not \"%s\") to array", type_name(y));
  }
  ArrayObject* a = A(x);
  ArrayObject* b = A(y);
  if (a->typecode != b->typecode) return raise(TypeError, "bad argument type for built-in operation");
  Ref r(copy_of(x));
  if (!r || !append_bytes(A(*r), b->data, b->size * b->itemsize)) return Value();
  return r.release();
}

Value array_inplace_concat(Value x, Value y) {
  if (!is_array(y)) {
    return raise(TypeError, "can only extend array with array (not \"%s\")", type_name(y));
  }
  if (!extend_from(x, y)) return Value();
  return newref(x);
}

// The repeat count of a * n or n * a; false with TypeError when n is no integer.
bool repeat_count(Value n, int64_t* out) {
  if (!lookup_special(n, STRATA_NAME(__index__))) {
    raise(TypeError, "can't multiply sequence by non-int of type '%s'", type_name(n));
    return false;
  }
  int over;
  if (!index_i64(n, out, &over)) return false;
  if (over > 0) {
    raise_no_memory();
    return false;
  }
  if (over < 0 || *out < 0) *out = 0;
  return true;
}

Value repeat(Value self, int64_t n) {
  ArrayObject* a = A(self);
  Ref r(array_alloc(&ArrayType, a->typecode));
  if (!r) return Value();
  if (a->size && n > INT64_MAX / a->size / a->itemsize) return raise_no_memory();
  if (!reserve(A(*r), a->size * n)) return Value();
  for (int64_t k = 0; k < n; k++) append_bytes(A(*r), a->data, a->size * a->itemsize);
  return r.release();
}

Value array_repeat_op(Value x, Value y) {
  Value self = is_array(x) ? x : y;
  Value n = is_array(x) ? y : x;
  // CPython's array repeats as a sequence, after the number slots of both operands: a
  // class's __mul__/__rmul__ goes first.
  if (has_flag(type_of(n), TF_HEAPTYPE) && !is_array(n) &&
      lookup_special(n, is_array(x) ? STRATA_NAME(__rmul__) : STRATA_NAME(__mul__))) {
    return newref(NotImplemented());
  }
  int64_t count;
  if (!repeat_count(n, &count)) return Value();
  return repeat(self, count);
}

Value array_inplace_repeat(Value x, Value y) {
  int64_t count;
  if (!repeat_count(y, &count)) return Value();
  ArrayObject* a = A(x);
  if (count == 0 || a->size == 0) {
    a->size = 0;
    return newref(x);
  }
  Ref r(repeat(x, count));
  if (!r) return Value();
  std::swap(a->data, A(*r)->data);
  std::swap(a->size, A(*r)->size);
  std::swap(a->capacity, A(*r)->capacity);
  return newref(x);
}

// -- Attributes ---------------------------------------------------------------------------------

Value get_typecode(Value self) { return str_from_char(static_cast<uint32_t>(A(self)->typecode)); }
Value get_itemsize(Value self) { return Value::small(A(self)->itemsize); }

constexpr uint32_t kFast = METH_FASTCALL;

const MethodDef array_methods[] = {
    {"append", m_append, METH_O, "Append new value v to the end of the array."},
    {"buffer_info", m_buffer_info, METH_NOARGS,
     "Return a tuple (address, length) giving the current memory address and the length in "
     "items of the buffer used to hold array's contents."},
    {"byteswap", m_byteswap, METH_NOARGS, "Byteswap all items of the array."},
    {"count", m_count, METH_O, "Return number of occurrences of v in the array."},
    {"extend", m_extend, METH_O, "Append items to the end of the array."},
    {"frombytes", m_frombytes, METH_O,
     "Appends items from the string, interpreting it as an array of machine values, as if it "
     "had been read from a file using the fromfile() method."},
    {"fromfile", m_fromfile, kFast, "Read n objects from the file object f and append them to the end of the array."},
    {"fromlist", m_fromlist, METH_O, "Append items to array from list."},
    {"fromunicode", m_fromunicode, METH_O, "Extends this array with data from the unicode string ustr."},
    {"index", m_index, kFast, "Return index of first occurrence of v in the array."},
    {"insert", m_insert, kFast, "Insert a new item v into the array before position i."},
    {"pop", m_pop, kFast, "Return the i-th element and delete it from the array."},
    {"remove", m_remove, METH_O, "Remove the first occurrence of v in the array."},
    {"reverse", m_reverse, METH_NOARGS, "Reverse the order of the items in the array."},
    {"tobytes", m_tobytes, METH_NOARGS,
     "Convert the array to an array of machine values and return the bytes representation."},
    {"tofile", m_tofile, METH_O, "Write all items (as machine values) to the file object f."},
    {"tolist", m_tolist, METH_NOARGS, "Convert array to an ordinary list with the same items."},
    {"tounicode", m_tounicode, METH_NOARGS, "Extends this array with data from the unicode string ustr."},
    {"__copy__", m_copy, METH_NOARGS, "Return a copy of the array."},
    {"__deepcopy__", m_copy, METH_O, "Return a copy of the array."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "Size of the array in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef array_getset[] = {
    {"typecode", get_typecode, nullptr, "the typecode character used to create the array"},
    {"itemsize", get_itemsize, nullptr, "the size, in bytes, of one array item"},
    {nullptr, nullptr, nullptr, nullptr},
};

int array_init_module(Value m) {
  static bool ready = false;
  if (!ready) {
    ArrayType.nb[NB_ADD] = array_concat;
    ArrayType.nb[NB_MULTIPLY] = array_repeat_op;
    ArrayType.nb[NB_INPLACE_ADD] = array_inplace_concat;
    ArrayType.nb[NB_INPLACE_MULTIPLY] = array_inplace_repeat;
    if (type_ready(&ArrayType) < 0 || type_ready(&ArrayIterType) < 0) return -1;
    ready = true;
  }
  Value d = module_dict(m);
  Ref codes(str_from_ascii(kTypecodes));
  if (!codes || dict_set_cstr(d, "typecodes", *codes) < 0 ||
      dict_set_cstr(d, "array", Value::from(&ArrayType)) < 0 ||
      dict_set_cstr(d, "ArrayType", Value::from(&ArrayType)) < 0) {
    return -1;
  }
  return 0;
}

}  // namespace

Type ArrayType = {
    .ob = {kImmortal, &TypeType},
    .name = "array.array",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_SEQUENCE,
    .basicsize = sizeof(ArrayObject),
    .weaklistoffset = offsetof(ArrayObject, weakreflist),
    .dealloc = array_dealloc,
    .repr = array_repr,
    .hash = hash_not_implemented,
    .richcompare = array_richcompare,
    .iter = array_iter,
    .new_ = array_new,
    .length = array_length,
    .getitem = array_getitem,
    .setitem = array_setitem,
    .contains = array_contains,
    .methods = array_methods,
    .getset = array_getset,
    .doc = "array(typecode [, initializer]) -> array\n\nReturn a new array whose items are "
           "restricted by typecode, and\ninitialized from the optional initializer value, which "
           "must be a list,\nstring or iterable over elements of the appropriate type.\n\nArrays "
           "represent basic values and behave very much like lists, except\nthe type of objects "
           "stored in them is constrained. The type is specified\nat object creation time by "
           "using a type code, which is a single character.",
};

// An array's bytes for get_bytes_like (stdlib/bytes_like.h): 1 with *out filled, 0 when
// v is no array.
int array_bytes(Value v, BytesView* out) {
  if (!is_array(v)) return 0;
  ArrayObject* a = A(v);
  out->data = a->data;
  out->size = a->size * a->itemsize;
  out->writable = true;
  return 1;
}

extern const BuiltinModuleDef array_module_def;
const BuiltinModuleDef array_module_def = {
    "array", array_init_module, nullptr,
    "This module defines an object type which can efficiently represent\nan array of basic "
    "values: characters, integers, floating point\nnumbers.  Arrays are sequence types and "
    "behave very much like lists,\nexcept that the type of objects stored in them is "
    "constrained.\n"};

}  // namespace strata
