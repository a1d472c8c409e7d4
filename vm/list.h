// vm/list.h — list. Implemented in vm/list.cpp (with a stable merge sort for list.sort).
#pragma once
#include "vm/abstract.h"
#include "vm/int.h"
#include "vm/object.h"
#include "vm/str.h"
#include "vm/tuple.h"

namespace strata {

struct ListObject {
  Object ob;
  int64_t size;
  int64_t allocated;
  Value* items;  // mem_alloc'ed, allocated slots
};
inline int64_t list_size(Value l) { return l.as<ListObject>()->size; }
inline Value* list_items(Value l) { return l.as<ListObject>()->items; }
inline Value list_item(Value l, int64_t i) { return l.as<ListObject>()->items[i]; }

Value list_new(int64_t n);  // n null items to fill, or 0
Value list_from(const Value* items, int64_t n);  // increfs the items
int list_append(Value list, Value v);  // increfs v
int list_extend(Value list, Value iterable);
Value list_as_tuple(Value list);
int list_sort(Value list, Value key, bool reverse);

// -- Shared by the container files (tuple, list, dict, set, range, iterators) -----------
// (implemented in vm/list.cpp; other runtime files may use them too)

// Py_ReprEnter / Py_ReprLeave: guards the repr of a container that may contain itself.
// repr_enter returns 0 when o was not being repr'd (the caller must call repr_leave(o)
// afterwards), 1 when it already is (the caller prints "[...]" and does not leave).
int repr_enter(Value o);
void repr_leave(Value o);

// The trashcan (CPython's Py_TRASHCAN_BEGIN/END): keeps the deallocation of deeply
// nested containers from recursing without bound. A container's dealloc untracks the
// object, then calls trashcan_begin(o): false means o was queued and will be
// deallocated again later (return at once); true means proceed and call trashcan_end()
// after the object is freed.
bool trashcan_begin(Object* o);
void trashcan_end();
// gc_untrack() when o is tracked (a deferred dealloc runs twice).
void gc_untrack_if_tracked(Object* o);

// Argument-count checks with CPython's messages ("pop expected at most 1 argument, got
// 2"; "list() takes no keyword arguments"). Return false with TypeError set.
bool check_positional(const char* name, size_t nargs, size_t min, size_t max);
bool check_no_kwargs(const char* name, Value kwnames);

// Has __index__ (an int, or a type with nb_index).
inline bool has_index(Value v) { return v.is_small() || is_int(v) || type_of(v)->nb_index; }
// _PyEval_SliceIndexNotNone: an index argument of index()/count() (clamped to int64);
// false with "slice indices must be integers or have an __index__ method" set.
bool slice_index_arg(Value v, int64_t* out);

// For the + and * slots of built-in sequences: calls b's slot `op` when b's class may
// define the reflected method (__radd__, __rmul__); NotImplemented when it does not apply.
Value seq_try_other(Value a, Value b, int op, BinaryFn mine);

// hash() and == for dict/set keys, with fast paths for small ints and exact str.
inline int64_t hash_key(Value v) {
  if (v.is_small()) {
    int64_t i = v.small_value();
    // hash(i) is i itself below the modulus 2**61 - 1 (== kSmallIntMax), except -1.
    if (i != -1 && i < kSmallIntMax && i > -kSmallIntMax) return i;
    return int_hash(v);
  }
  if (v.obj()->type == &StrType) {
    int64_t h = v.as<StrObject>()->hash;
    return h != -1 ? h : str_hash(v);
  }
  return hash(v);
}
int keys_equal_slow(Value a, Value b);  // rich_compare_bool(a, b, CMP_EQ)
// 1 equal, 0 not, -1 error. Identity implies equality.
inline int keys_equal(Value a, Value b) {
  if (a == b) return 1;
  if (a.is_small() && b.is_small()) return 0;
  if (is_exact_str(a) && is_exact_str(b)) return str_equal(a, b);
  return keys_equal_slow(a, b);
}

// The number of keyword arguments of a vector call.
inline size_t kwnames_count(Value kwnames) {
  return kwnames ? size_t(tuple_size(kwnames)) : 0;
}

// The iterator's layout, for FOR_ITER's specialized forms.
struct ListIterObject {
  Object ob;
  int64_t index;
  Value seq;  // null once exhausted
};

}  // namespace strata
