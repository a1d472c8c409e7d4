// vm/tuple.cpp — tuple (TupleType) and its iterator: allocation with the shared immortal
// empty tuple, CPython 3.8+'s xxHash-based tuple hash, lexicographic comparison,
// indexing and slicing, concatenation and repetition, index/count, tuple(iterable).
#include "vm/tuple.h"

#include <string>

#include "vm/abstract.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/typeobject.h"

namespace strata {



namespace {

// -- Allocation -----------------------------------------------------------------------------

// The empty tuple is static, so it gets a GC header of its own in front (the collector
// may look at the header of any object of a GC type); it is never tracked.
struct EmptyTupleStorage {
  GCHeader gc;
  TupleObject t;
};
EmptyTupleStorage empty_storage = {{0, 0}, {{kImmortal, &TupleType}, 0, -1}};

constexpr int64_t kMaxTupleSize = (INT64_MAX - int64_t(sizeof(TupleObject))) / 8 - 64;

Value tuple_alloc(Type* type, int64_t n) {
  if (n < 0 || n > kMaxTupleSize) return raise_no_memory();
  size_t size = type == &TupleType ? sizeof(TupleObject) + size_t(n) * sizeof(Value)
                                   : type->basicsize + size_t(n) * sizeof(Value);
  Object* o = alloc_object(type, size);
  if (!o) return Value();
  TupleObject* t = reinterpret_cast<TupleObject*>(o);
  t->size = n;
  t->hash = -1;
  return Value::from(o);
}

}  // namespace

Value tuple_empty() { return Value::from(&empty_storage.t.ob); }

Value tuple_new(int64_t n) {
  if (n == 0) return tuple_empty();
  Value t = tuple_alloc(&TupleType, n);
  if (t) gc_track(t.obj());  // null items are skipped by traverse
  return t;
}

Value tuple_from(const Value* items, int64_t n) {
  Value t = tuple_new(n);
  if (!t) return t;
  Value* dst = tuple_items(t);
  for (int64_t i = 0; i < n; i++) dst[i] = newref(items[i]);
  return t;
}

Value tuple_pack(std::initializer_list<Value> items) {
  return tuple_from(items.begin(), int64_t(items.size()));
}

namespace {

// -- Slots ------------------------------------------------------------------------------------

void tuple_dealloc(Object* o) {
  TupleObject* t = reinterpret_cast<TupleObject*>(o);
  gc_untrack_if_tracked(o);
  if (!trashcan_begin(o)) return;
  for (int64_t i = t->size; --i >= 0;) xdecref(t->items[i]);
  free_object(o);
  trashcan_end();
}

void tuple_traverse(Object* o, VisitFn visit, void* arg) {
  TupleObject* t = reinterpret_cast<TupleObject*>(o);
  for (int64_t i = 0; i < t->size; i++) visit_value(t->items[i], visit, arg);
}

Value tuple_repr(Value self) {
  int64_t n = tuple_size(self);
  if (n == 0) return str_from_ascii("()");
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_ascii("(...)") : Value();
  std::string out = "(";
  bool ok = true;
  for (int64_t i = 0; i < tuple_size(self); i++) {
    if (i) out += ", ";
    Value r1 = repr(tuple_item(self, i));
    if (!r1) {
      ok = false;
      break;
    }
    out += str_utf8(r1);
    decref(r1);
  }
  repr_leave(self);
  if (!ok) return Value();
  out += n == 1 ? ",)" : ")";
  return str_from_utf8(out);
}

// CPython 3.8+: an xxHash64 round per item over the items' hashes.
constexpr uint64_t kXXPrime1 = 11400714785074694791ULL;
constexpr uint64_t kXXPrime2 = 14029467366897019727ULL;
constexpr uint64_t kXXPrime5 = 2870177450012600261ULL;

int64_t tuple_hash(Value self) {
  TupleObject* t = self.as<TupleObject>();
  if (t->hash != -1) return t->hash;
  // Nested tuples hash recursively: bound the depth (CPython would overflow its stack).
  if (enter_recursive_call(" while hashing a tuple") < 0) return -1;
  uint64_t acc = kXXPrime5;
  for (int64_t i = 0; i < t->size; i++) {
    int64_t lane = hash_key(t->items[i]);
    if (lane == -1) {
      leave_recursive_call();
      return -1;
    }
    acc += uint64_t(lane) * kXXPrime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kXXPrime1;
  }
  leave_recursive_call();
  acc += uint64_t(t->size) ^ (kXXPrime5 ^ 3527539UL);
  int64_t h = acc == uint64_t(-1) ? 1546275796 : int64_t(acc);
  t->hash = h;
  return h;
}

bool compare_sizes(int64_t a, int64_t b, int op) {
  switch (op) {
    case CMP_LT: return a < b;
    case CMP_LE: return a <= b;
    case CMP_EQ: return a == b;
    case CMP_NE: return a != b;
    case CMP_GT: return a > b;
    default: return a >= b;
  }
}

Value tuple_richcompare(Value a, Value b, int op) {
  if (!is_tuple(a) || !is_tuple(b)) return NotImplemented();
  int64_t na = tuple_size(a), nb = tuple_size(b);
  int64_t i = 0;
  for (; i < na && i < nb; i++) {
    int k = keys_equal(tuple_item(a, i), tuple_item(b, i));
    if (k < 0) return Value();
    if (!k) break;
  }
  if (i >= na || i >= nb) return Bool(compare_sizes(na, nb, op));
  if (op == CMP_EQ) return False();
  if (op == CMP_NE) return True();
  // rich_compare() guards the recursion depth (" in comparison").
  return rich_compare(tuple_item(a, i), tuple_item(b, i), op);
}

int64_t tuple_length(Value self) { return tuple_size(self); }

Value tuple_slice(Value self, int64_t lo, int64_t hi) {
  if (lo == 0 && hi == tuple_size(self) && is_exact_tuple(self)) return newref(self);
  return tuple_from(tuple_items(self) + lo, hi - lo);
}

Value tuple_getitem(Value self, Value key) {
  int64_t n = tuple_size(self);
  if (has_index(key)) {
    int64_t i = key.is_small() ? key.small_value() : as_ssize(key, IndexError);
    if (i == -1 && error_occurred()) return Value();
    if (i < 0) i += n;
    if (i < 0 || i >= n) return raise(IndexError, "tuple index out of range");
    return newref(tuple_item(self, i));
  }
  if (!is_slice(key))
    return raise(TypeError, "tuple indices must be integers or slices, not %.200s",
                 type_name(key));
  int64_t start, stop, step;
  int64_t len = slice_indices(key, n, &start, &stop, &step);
  if (len < 0) return Value();
  if (step == 1) return tuple_slice(self, start, start + len);
  if (len == 0) return tuple_empty();
  if (step == 1 && len == n && is_exact_tuple(self)) return newref(self);
  Value r = tuple_new(len);
  if (!r) return r;
  for (int64_t k = 0, j = start; k < len; k++, j += step)
    tuple_items(r)[k] = newref(tuple_item(self, j));
  return r;
}

int tuple_contains(Value self, Value item) {
  for (int64_t i = 0; i < tuple_size(self); i++) {
    int k = keys_equal(tuple_item(self, i), item);
    if (k != 0) return k;
  }
  return 0;
}

}  // namespace

// Calls the other operand's slot first when it might handle the pair (CPython tries the
// number slots of both operands before the sequence ones).
Value seq_try_other(Value a, Value b, int op, BinaryFn mine) {
  Type* tb = type_of(b);
  BinaryFn f = tb->nb[op];
  // Only classes can define __radd__/__rmul__ for a built-in sequence; a subclass of
  // a's type was already tried by binary_op().
  if (!f || f == mine || !has_flag(tb, TF_HEAPTYPE) || is_subtype(tb, type_of(a)))
    return NotImplemented();
  return f(a, b);
}

namespace {

Value tuple_add(Value a, Value b) {
  // Foreign operands: NotImplemented; binary_op() words CPython's sq_concat error.
  if (!is_tuple(a) || !is_tuple(b)) return NotImplemented();
  int64_t na = tuple_size(a), nb = tuple_size(b);
  if (nb == 0 && is_exact_tuple(a)) return newref(a);
  if (na == 0 && is_exact_tuple(b)) return newref(b);
  if (na > kMaxTupleSize - nb) return raise_no_memory();
  Value r = tuple_new(na + nb);
  if (!r) return r;
  for (int64_t i = 0; i < na; i++) tuple_items(r)[i] = newref(tuple_item(a, i));
  for (int64_t i = 0; i < nb; i++) tuple_items(r)[na + i] = newref(tuple_item(b, i));
  return r;
}

Value tuple_repeat(Value t, int64_t n) {
  int64_t size = tuple_size(t);
  if (n < 0) n = 0;
  if (size == 0 || n == 1) {
    if (is_exact_tuple(t)) return newref(t);
    if (size == 0) return tuple_empty();
  }
  if (n == 0) return tuple_empty();
  if (size > kMaxTupleSize / n) return raise_no_memory();
  Value r = tuple_new(size * n);
  if (!r) return r;
  Value* dst = tuple_items(r);
  for (int64_t k = 0; k < n; k++)
    for (int64_t i = 0; i < size; i++) *dst++ = newref(tuple_item(t, i));
  return r;
}

Value tuple_mul(Value a, Value b) {
  Value seq = a, count = b;
  if (!is_tuple(a)) {
    seq = b;
    count = a;
  }
  if (!is_tuple(seq)) return NotImplemented();
  if (!has_index(count)) {
    // CPython's order: both number slots, then the left operand's sq_repeat. A built-in
    // right operand has no number slot that takes a sequence, so answer for it now
    // (its own slot would word the error for its type); a class may define __rmul__.
    if (seq == a && !has_flag(type_of(b), TF_HEAPTYPE))
      return raise(TypeError, "can't multiply sequence by non-int of type '%.200s'",
                   type_name(b));
    return NotImplemented();
  }
  int64_t n = count.is_small() ? count.small_value() : as_ssize(count, OverflowError);
  if (n == -1 && error_occurred()) return Value();
  return tuple_repeat(seq, n);
}

Value tuple_iter(Value self);

Value tuple_new_slot(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (type == &TupleType && !check_no_kwargs("tuple", kwnames)) return Value();
  if (!check_positional("tuple", nargs, 0, 1)) return Value();
  if (type == &TupleType) {
    if (nargs == 0) return tuple_empty();
    return sequence_tuple(args[0]);
  }
  Value tmp = nargs ? sequence_tuple(args[0]) : tuple_empty();
  if (!tmp) return tmp;
  int64_t n = tuple_size(tmp);
  Value r = tuple_alloc(type, n);
  if (!r) {
    decref(tmp);
    return r;
  }
  for (int64_t i = 0; i < n; i++) tuple_items(r)[i] = newref(tuple_item(tmp, i));
  decref(tmp);
  gc_track(r.obj());
  return r;
}

// -- Methods ----------------------------------------------------------------------------------

Value tuple_index_m(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("index", nargs, 1, 3)) return Value();
  int64_t start = 0, stop = INT64_MAX;
  if (nargs > 1 && !slice_index_arg(args[1], &start)) return Value();
  if (nargs > 2 && !slice_index_arg(args[2], &stop)) return Value();
  int64_t n = tuple_size(self);
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += n;
  } else if (stop > n) {
    stop = n;
  }
  for (int64_t i = start; i < stop && i < tuple_size(self); i++) {
    int k = keys_equal(tuple_item(self, i), args[0]);
    if (k < 0) return Value();
    if (k) return int_from_i64(i);
  }
  return raise(ValueError, "tuple.index(x): x not in tuple");
}

Value tuple_count_m(Value self, const Value* args, size_t, Value) {
  int64_t count = 0;
  for (int64_t i = 0; i < tuple_size(self); i++) {
    int k = keys_equal(tuple_item(self, i), args[0]);
    if (k < 0) return Value();
    count += k;
  }
  return int_from_i64(count);
}

Value tuple_getnewargs_m(Value self, const Value*, size_t, Value) {
  Value copy = tuple_slice(self, 0, tuple_size(self));
  if (!copy) return copy;
  Value r = tuple_pack({copy});
  decref(copy);
  return r;
}

// CPython's tuple has no cached hash: report its size (24 bytes + the items).
Value tuple_sizeof_m(Value self, const Value*, size_t, Value) {
  int64_t extra = int64_t(type_of(self)->basicsize) - int64_t(sizeof(TupleObject));
  return int_from_i64(24 + extra + tuple_size(self) * int64_t(sizeof(Value)));
}

const MethodDef tuple_methods[] = {
    {"__sizeof__", tuple_sizeof_m, METH_NOARGS, "Size of object in memory, in bytes."},
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {"__getnewargs__", tuple_getnewargs_m, METH_NOARGS, nullptr},
    {"index", tuple_index_m, METH_FASTCALL,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", tuple_count_m, METH_O, "Return number of occurrences of value."},
    {nullptr, nullptr, 0, nullptr}};

// -- The iterator ----------------------------------------------------------------------------


Value tuple_iter(Value self) {
  Object* o = alloc_object(&TupleIterType, sizeof(TupleIterObject));
  if (!o) return Value();
  TupleIterObject* it = reinterpret_cast<TupleIterObject*>(o);
  it->seq = newref(self);
  gc_track(o);
  return Value::from(o);
}

void tupleiter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<TupleIterObject*>(o)->seq);
  free_object(o);
}
void tupleiter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<TupleIterObject*>(o)->seq, visit, arg);
}
void tupleiter_clear(Object* o) { clear_ref(&reinterpret_cast<TupleIterObject*>(o)->seq); }

Value tupleiter_next(Value self) {
  TupleIterObject* it = self.as<TupleIterObject>();
  if (!it->seq) return Value();
  if (it->index < tuple_size(it->seq)) return newref(tuple_item(it->seq, it->index++));
  clear_ref(&it->seq);
  return Value();
}



Value tupleiter_length_hint(Value self, const Value*, size_t, Value) {
  TupleIterObject* it = self.as<TupleIterObject>();
  return int_from_i64(it->seq ? tuple_size(it->seq) - it->index : 0);
}

const MethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Type TupleType = {
    .ob = {kImmortal, &TypeType},
    .name = "tuple",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE | TF_SEQUENCE | TF_TUPLE_SUBCLASS | TF_MATCH_SELF,
    .basicsize = sizeof(TupleObject),
    .itemsize = sizeof(Value),
    .dealloc = tuple_dealloc,
    .traverse = tuple_traverse,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter,
    .new_ = tuple_new_slot,
    .nb = {tuple_add, nullptr, nullptr, nullptr, nullptr, tuple_mul},
    .length = tuple_length,
    .getitem = tuple_getitem,
    .contains = tuple_contains,
    .methods = tuple_methods,
    .doc = "Built-in immutable sequence.\n\nIf no argument is given, the constructor returns "
           "an empty tuple.\nIf iterable is specified the tuple is initialized from "
           "iterable's items.\n\nIf the argument is a tuple, the return value is the same "
           "object.",
};

Type TupleIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "tuple_iterator",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(TupleIterObject),
    .dealloc = tupleiter_dealloc,
    .traverse = tupleiter_traverse,
    .clear = tupleiter_clear,
    .iter = iter_self,
    .iternext = tupleiter_next,
    .methods = tupleiter_methods,
};

}  // namespace strata
