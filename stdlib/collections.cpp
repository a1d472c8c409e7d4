// stdlib/collections.cpp — the `_collections` module that collections/__init__.py builds
// on: deque (with maxlen, rotation, indexing, its forward and reverse iterators),
// defaultdict (a dict subclass whose __missing__ calls default_factory),
// _count_elements (Counter's counting loop) and _tuplegetter (the field descriptors of
// namedtuple classes). OrderedDict stays the pure-Python one of collections/__init__.py.
//
// deque is a ring buffer (a power-of-two array with a head index and a size) rather than
// CPython's linked blocks: appends and pops at both ends are O(1) amortized, indexing is
// O(1), and rotation moves min(n, len - n) items. `state` counts mutations, so iterators
// and the comparison loops detect a deque changed under them, as CPython's do.
#include <cstring>

#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

const char* short_type_name(Type* t) {
  const char* s = strrchr(t->name, '.');
  return s ? s + 1 : t->name;
}

// -- deque -----------------------------------------------------------------------------------

struct DequeObject {
  Object ob;
  Value* buf;       // cap slots, or null when cap == 0
  int64_t cap;      // 0 or a power of two
  int64_t head;     // index in buf of item 0
  int64_t size;
  int64_t maxlen;   // -1: unbounded
  uint64_t state;   // bumped by every mutation
  Value weakreflist;
};

extern Type DequeType, DequeIterType, DequeRevIterType;

inline DequeObject* D(Value v) { return v.as<DequeObject>(); }
inline Value& slot_at(DequeObject* d, int64_t i) { return d->buf[(d->head + i) & (d->cap - 1)]; }

bool is_deque(Value v) { return is_instance_of(v, &DequeType); }

// Makes room for one more item; false with MemoryError.
bool deque_reserve(DequeObject* d, int64_t extra) {
  int64_t need = d->size + extra;
  if (need <= d->cap) return true;
  int64_t cap = d->cap ? d->cap : 8;
  while (cap < need) {
    if (cap > (int64_t(1) << 58)) {
      raise_no_memory();
      return false;
    }
    cap *= 2;
  }
  Value* nb = static_cast<Value*>(mem_alloc(size_t(cap) * sizeof(Value)));
  if (!nb) {
    raise_no_memory();
    return false;
  }
  for (int64_t i = 0; i < d->size; i++) nb[i] = slot_at(d, i);
  mem_free(d->buf);
  d->buf = nb;
  d->cap = cap;
  d->head = 0;
  return true;
}

// Raw pushes and pops: ownership of v moves in/out; no state change, no maxlen.
inline void push_back(DequeObject* d, Value v) {
  d->buf[(d->head + d->size) & (d->cap - 1)] = v;
  d->size++;
}
inline void push_front(DequeObject* d, Value v) {
  d->head = (d->head - 1) & (d->cap - 1);
  d->buf[d->head] = v;
  d->size++;
}
inline Value pop_back(DequeObject* d) {
  d->size--;
  Value& s = slot_at(d, d->size);
  Value v = s;
  s = Value();
  return v;
}
inline Value pop_front(DequeObject* d) {
  Value v = d->buf[d->head];
  d->buf[d->head] = Value();
  d->head = (d->head + 1) & (d->cap - 1);
  d->size--;
  return v;
}

// append / appendleft with the maxlen trim; v is borrowed.
int deque_append_item(DequeObject* d, Value v) {
  if (!deque_reserve(d, 1)) return -1;
  push_back(d, newref(v));
  d->state++;
  if (d->maxlen >= 0 && d->size > d->maxlen) decref(pop_front(d));
  return 0;
}
int deque_appendleft_item(DequeObject* d, Value v) {
  if (!deque_reserve(d, 1)) return -1;
  push_front(d, newref(v));
  d->state++;
  if (d->maxlen >= 0 && d->size > d->maxlen) decref(pop_back(d));
  return 0;
}

void deque_clear_items(DequeObject* d) {
  // Detach the buffer first: decref may run code that looks at the deque.
  Value* buf = d->buf;
  int64_t cap = d->cap, head = d->head, n = d->size;
  d->buf = nullptr;
  d->cap = d->size = d->head = 0;
  d->state++;
  for (int64_t i = 0; i < n; i++) xdecref(buf[(head + i) & (cap - 1)]);
  mem_free(buf);
}

// Rotates right by n (left when negative).
void deque_rotate_by(DequeObject* d, int64_t n) {
  int64_t len = d->size;
  if (len <= 1) return;
  int64_t half = len >> 1;
  if (n > half || n < -half) {
    n %= len;
    if (n > half) n -= len;
    else if (n < -half) n += len;
  }
  d->state++;
  if (n == 0) return;
  if (len == d->cap) {  // a full ring: rotation is moving the head
    d->head = (d->head - n) & (d->cap - 1);
    return;
  }
  if (n > 0) {
    for (int64_t i = 0; i < n; i++) push_front(d, pop_back(d));
  } else {
    for (int64_t i = 0; i < -n; i++) push_back(d, pop_front(d));
  }
}

int deque_extend_impl(Value self, Value iterable, bool left);

Value deque_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  DequeObject* d = reinterpret_cast<DequeObject*>(o);
  d->buf = nullptr;
  d->cap = d->head = d->size = 0;
  d->maxlen = -1;
  d->state = 0;
  gc_track(o);
  return Value::from(o);
}

int deque_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"iterable", "maxlen"};
  ArgSpec spec{"deque", names, 2, 0, 0, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return -1;
  DequeObject* d = D(self);
  int64_t maxlen = -1;
  if (a[1] && !is_none(a[1])) {
    if (!is_int(a[1])) {
      raise(TypeError, "an integer is required");
      return -1;
    }
    maxlen = int_as_i64(a[1]);
    if (maxlen == -1 && error_occurred()) return -1;
    if (maxlen < 0) {
      raise(ValueError, "maxlen must be non-negative");
      return -1;
    }
  }
  d->maxlen = maxlen;
  if (d->size > 0) deque_clear_items(d);
  if (a[0]) return deque_extend_impl(self, a[0], false);
  return 0;
}

void deque_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  if (!trashcan_begin(o)) return;  // deeply nested deques are freed iteratively
  deque_clear_items(reinterpret_cast<DequeObject*>(o));
  free_object(o);
  trashcan_end();
}
void deque_traverse(Object* o, VisitFn visit, void* arg) {
  DequeObject* d = reinterpret_cast<DequeObject*>(o);
  for (int64_t i = 0; i < d->size; i++) visit_value(slot_at(d, i), visit, arg);
}
void deque_clear_slot(Object* o) { deque_clear_items(reinterpret_cast<DequeObject*>(o)); }

int deque_extend_impl(Value self, Value iterable, bool left) {
  DequeObject* d = D(self);
  if (iterable == self) {  // extending by itself: iterate over a snapshot
    Ref snapshot(sequence_list(iterable));
    if (!snapshot) return -1;
    return deque_extend_impl(self, *snapshot, left);
  }
  Value it = get_iter(iterable);
  if (!it) return -1;
  if (d->maxlen == 0) {  // keeps nothing, but consumes the input
    for (;;) {
      Value item = iter_next(it);
      if (!item) break;
      decref(item);
    }
    decref(it);
    return error_occurred() ? -1 : 0;
  }
  IterNextFn next = type_of(it)->iternext;
  for (;;) {
    Value item = next(it);
    if (!item) break;
    int r = left ? deque_appendleft_item(d, item) : deque_append_item(d, item);
    decref(item);
    if (r < 0) {
      decref(it);
      return -1;
    }
  }
  decref(it);
  if (error_occurred()) {
    if (!error_matches(StopIteration)) return -1;
    clear_error();
  }
  return 0;
}

Value deque_append(Value self, const Value* args, size_t, Value) {
  if (deque_append_item(D(self), args[0]) < 0) return Value();
  return None();
}
Value deque_appendleft(Value self, const Value* args, size_t, Value) {
  if (deque_appendleft_item(D(self), args[0]) < 0) return Value();
  return None();
}
Value deque_extend(Value self, const Value* args, size_t, Value) {
  if (deque_extend_impl(self, args[0], false) < 0) return Value();
  return None();
}
Value deque_extendleft(Value self, const Value* args, size_t, Value) {
  if (deque_extend_impl(self, args[0], true) < 0) return Value();
  return None();
}

Value deque_pop(Value self, const Value*, size_t, Value) {
  DequeObject* d = D(self);
  if (d->size == 0) return raise(IndexError, "pop from an empty deque");
  d->state++;
  return pop_back(d);
}
Value deque_popleft(Value self, const Value*, size_t, Value) {
  DequeObject* d = D(self);
  if (d->size == 0) return raise(IndexError, "pop from an empty deque");
  d->state++;
  return pop_front(d);
}

Value deque_clear_method(Value self, const Value*, size_t, Value) {
  deque_clear_items(D(self));
  return None();
}

Value deque_rotate(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("rotate", nargs, 0, 1)) return Value();
  int64_t n = 1;
  if (nargs == 1) {
    n = as_ssize(args[0], OverflowError);
    if (n == -1 && error_occurred()) return Value();
  }
  deque_rotate_by(D(self), n);
  return None();
}

Value deque_reverse(Value self, const Value*, size_t, Value) {
  DequeObject* d = D(self);
  for (int64_t i = 0, j = d->size - 1; i < j; i++, j--) {
    Value t = slot_at(d, i);
    slot_at(d, i) = slot_at(d, j);
    slot_at(d, j) = t;
  }
  d->state++;
  return None();
}

Value deque_count(Value self, const Value* args, size_t, Value) {
  DequeObject* d = D(self);
  uint64_t start = d->state;
  int64_t count = 0;
  for (int64_t i = 0; i < d->size; i++) {
    Value item = newref(slot_at(d, i));
    int eq = rich_compare_bool(item, args[0], CMP_EQ);
    decref(item);
    if (eq < 0) return Value();
    count += eq;
    if (start != d->state) return raise(RuntimeError, "deque mutated during iteration");
  }
  return int_from_i64(count);
}

int deque_contains(Value self, Value v) {
  DequeObject* d = D(self);
  uint64_t start = d->state;
  for (int64_t i = 0; i < d->size; i++) {
    Value item = newref(slot_at(d, i));
    int eq = rich_compare_bool(item, v, CMP_EQ);
    decref(item);
    if (eq) return eq;
    if (start != d->state) {
      raise(RuntimeError, "deque mutated during iteration");
      return -1;
    }
  }
  return 0;
}

Value deque_index(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("index", nargs, 1, 3)) return Value();
  DequeObject* d = D(self);
  int64_t start = 0, stop = d->size;
  if (nargs >= 2 && !slice_index_arg(args[1], &start)) return Value();
  if (nargs >= 3 && !slice_index_arg(args[2], &stop)) return Value();
  int64_t n = d->size;
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += n;
    if (stop < 0) stop = 0;
  }
  if (stop > n) stop = n;
  uint64_t state = d->state;
  for (int64_t i = start; i < stop && i < d->size; i++) {
    Value item = newref(slot_at(d, i));
    int eq = rich_compare_bool(item, args[0], CMP_EQ);
    decref(item);
    if (eq < 0) return Value();
    if (state != d->state) return raise(RuntimeError, "deque mutated during iteration");
    if (eq) return int_from_i64(i);
  }
  return raise(ValueError, "%R is not in deque", args[0]);
}

// Removes item i (0 <= i < size), preserving order.
void deque_del_index(DequeObject* d, int64_t i) {
  Value v = slot_at(d, i);
  if (i < d->size / 2) {
    for (int64_t j = i; j > 0; j--) slot_at(d, j) = slot_at(d, j - 1);
    d->buf[d->head] = Value();
    d->head = (d->head + 1) & (d->cap - 1);
  } else {
    for (int64_t j = i; j < d->size - 1; j++) slot_at(d, j) = slot_at(d, j + 1);
    slot_at(d, d->size - 1) = Value();
  }
  d->size--;
  d->state++;
  decref(v);
}

Value deque_remove(Value self, const Value* args, size_t, Value) {
  DequeObject* d = D(self);
  uint64_t state = d->state;
  for (int64_t i = 0; i < d->size; i++) {
    Value item = newref(slot_at(d, i));
    int eq = rich_compare_bool(item, args[0], CMP_EQ);
    decref(item);
    if (eq < 0) return Value();
    if (state != d->state) return raise(IndexError, "deque mutated during remove().");
    if (eq) {
      deque_del_index(d, i);
      return None();
    }
  }
  return raise(ValueError, "%R is not in deque", args[0]);
}

Value deque_insert(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("insert", nargs, 2, 2)) return Value();
  DequeObject* d = D(self);
  int64_t index = as_ssize(args[0], OverflowError);
  if (index == -1 && error_occurred()) return Value();
  if (d->maxlen == d->size) return raise(IndexError, "deque already at its maximum size");
  int64_t n = d->size;
  if (index >= n) return deque_append(self, args + 1, 1, Value());
  if (index <= -n || index == 0) return deque_appendleft(self, args + 1, 1, Value());
  if (index < 0) index += n;
  if (!deque_reserve(d, 1)) return Value();
  // Open a hole at `index` by moving the shorter side.
  if (index < n / 2) {
    push_front(d, Value());
    for (int64_t j = 0; j < index; j++) slot_at(d, j) = slot_at(d, j + 1);
  } else {
    push_back(d, Value());
    for (int64_t j = n; j > index; j--) slot_at(d, j) = slot_at(d, j - 1);
  }
  slot_at(d, index) = newref(args[1]);
  d->state++;
  return None();
}

// An index argument of d[i]: normalized, or -1 with an exception set (IndexError when
// out of range).
int64_t deque_index_arg(DequeObject* d, Value key) {
  if (!has_index(key)) {
    raise(TypeError, "sequence index must be integer, not '%s'", type_of(key)->name);
    return -1;
  }
  int64_t i = as_ssize(key, IndexError);
  if (i == -1 && error_occurred()) return -1;
  if (i < 0) i += d->size;
  if (i < 0 || i >= d->size) {
    raise(IndexError, "deque index out of range");
    return -1;
  }
  return i;
}

Value deque_getitem(Value self, Value key) {
  DequeObject* d = D(self);
  if (key.is_small()) {
    int64_t i = key.small_value();
    if (i < 0) i += d->size;
    if (i >= 0 && i < d->size) return newref(slot_at(d, i));
  }
  int64_t i = deque_index_arg(d, key);
  if (i < 0) return Value();
  return newref(slot_at(d, i));
}

int deque_setitem(Value self, Value key, Value v) {
  DequeObject* d = D(self);
  int64_t i = deque_index_arg(d, key);
  if (i < 0) return -1;
  if (!v) {
    deque_del_index(d, i);
    return 0;
  }
  Value old = slot_at(d, i);
  slot_at(d, i) = newref(v);
  decref(old);
  return 0;
}

int64_t deque_length(Value self) { return D(self)->size; }

Value deque_copy_impl(Value self) {
  DequeObject* d = D(self);
  Type* t = type_of(self);
  if (t == &DequeType) {
    Value r = deque_new(&DequeType, nullptr, 0, Value());
    if (!r) return r;
    DequeObject* nd = D(r);
    nd->maxlen = d->maxlen;
    if (!deque_reserve(nd, d->size)) {
      decref(r);
      return Value();
    }
    for (int64_t i = 0; i < d->size; i++) push_back(nd, newref(slot_at(d, i)));
    return r;
  }
  Value r;
  if (d->maxlen < 0) {
    r = call1(Value::from(t), self);
  } else {
    Ref ml(int_from_i64(d->maxlen));
    r = call2(Value::from(t), self, *ml);
  }
  if (r && !is_deque(r)) {
    Value err = raise(TypeError, "%s() must return a deque, not %s", t->name, type_of(r)->name);
    decref(r);
    return err;
  }
  return r;
}

Value deque_copy(Value self, const Value*, size_t, Value) { return deque_copy_impl(self); }

Value deque_concat(Value a, Value b) {
  if (!is_deque(a)) return NotImplemented();
  if (!is_deque(b)) {
    return raise(TypeError, "can only concatenate deque (not \"%s\") to deque", type_of(b)->name);
  }
  Value r = deque_copy_impl(a);
  if (!r) return r;
  if (deque_extend_impl(r, b, false) < 0) {
    decref(r);
    return Value();
  }
  return r;
}

Value deque_inplace_concat(Value a, Value b) {
  if (!is_deque(a)) return NotImplemented();
  if (deque_extend_impl(a, b, false) < 0) return Value();
  return newref(a);
}

// d *= n in place.
int deque_repeat_inplace(Value self, int64_t n) {
  DequeObject* d = D(self);
  int64_t size = d->size;
  if (n <= 0 || size == 0) {
    if (size) deque_clear_items(d);
    return 0;
  }
  if (n == 1) return 0;
  if (d->maxlen >= 0 && n > (d->maxlen + size - 1) / size + 1) {
    n = (d->maxlen + size - 1) / size + 1;  // earlier copies would be trimmed anyway
  }
  int64_t total;
  if (__builtin_mul_overflow(size, n, &total)) {
    raise_no_memory();
    return -1;
  }
  if (d->maxlen < 0 && !deque_reserve(d, total - size)) return -1;
  Ref snapshot(list_new(size));
  if (!snapshot) return -1;
  for (int64_t i = 0; i < size; i++) list_items(*snapshot)[i] = newref(slot_at(d, i));
  for (int64_t k = 1; k < n; k++) {
    for (int64_t i = 0; i < size; i++) {
      if (deque_append_item(d, list_item(*snapshot, i)) < 0) return -1;
    }
  }
  return 0;
}

Value deque_repeat_op(Value a, Value b) {
  Value dq = a, count = b;
  if (!is_deque(a)) {
    dq = b;
    count = a;
  }
  if (!has_index(count)) return NotImplemented();
  int64_t n = as_ssize(count, OverflowError);
  if (n == -1 && error_occurred()) return Value();
  Value r = deque_copy_impl(dq);
  if (!r) return r;
  if (deque_repeat_inplace(r, n) < 0) {
    decref(r);
    return Value();
  }
  return r;
}

Value deque_inplace_repeat(Value a, Value b) {
  if (!is_deque(a) || !has_index(b)) return NotImplemented();
  int64_t n = as_ssize(b, OverflowError);
  if (n == -1 && error_occurred()) return Value();
  if (deque_repeat_inplace(a, n) < 0) return Value();
  return newref(a);
}

Value deque_repr(Value self) {
  int r = repr_enter(self);
  if (r < 0) return Value();
  if (r > 0) return str_from_ascii("[...]");
  Value items = sequence_list(self);
  if (!items) {
    repr_leave(self);
    return items;
  }
  DequeObject* d = D(self);
  const char* name = short_type_name(type_of(self));
  Value s = d->maxlen >= 0 ? str_format_c("%s(%R, maxlen=%zd)", name, items, d->maxlen)
                           : str_format_c("%s(%R)", name, items);
  decref(items);
  repr_leave(self);
  return s;
}

Value deque_richcompare(Value a, Value b, int op) {
  if (!is_deque(a) || !is_deque(b)) return NotImplemented();
  DequeObject* x = D(a);
  DequeObject* y = D(b);
  int64_t vs = x->size, ws = y->size;
  if (op == CMP_EQ && vs != ws) return False();
  if (op == CMP_NE && vs != ws) return True();
  // Compare item by item through iterators, so mutation during the comparison is caught.
  Ref it1(get_iter(a));
  if (!it1) return Value();
  Ref it2(get_iter(b));
  if (!it2) return Value();
  for (;;) {
    Ref x1(iter_next(*it1));
    if (!x1 && error_occurred()) return Value();
    Ref y1(iter_next(*it2));
    if (!y1 && error_occurred()) return Value();
    if (!x1 || !y1) break;
    int eq = rich_compare_bool(*x1, *y1, CMP_EQ);
    if (eq < 0) return Value();
    if (!eq) {
      if (op == CMP_EQ) return False();
      if (op == CMP_NE) return True();
      return rich_compare(*x1, *y1, op);
    }
  }
  bool res = false;
  switch (op) {
    case CMP_LT: res = vs < ws; break;
    case CMP_LE: res = vs <= ws; break;
    case CMP_EQ: res = vs == ws; break;
    case CMP_NE: res = vs != ws; break;
    case CMP_GT: res = vs > ws; break;
    case CMP_GE: res = vs >= ws; break;
  }
  return Bool(res);
}

Value deque_reduce(Value self, const Value*, size_t, Value) {
  DequeObject* d = D(self);
  // object.__getstate__ (3.11): None for an instance without attributes.
  Ref state(call_method0(self, STRATA_NAME(__getstate__)));
  if (!state) return Value();
  Ref it(get_iter(self));
  if (!it) return Value();
  Ref args;
  if (d->maxlen < 0) {
    args.reset(newref(tuple_empty()));
  } else {
    Ref ml(int_from_i64(d->maxlen));
    args.reset(tuple_pack({tuple_empty(), *ml}));
    if (!args) return Value();
  }
  return tuple_pack({Value::from(type_of(self)), *args, *state, *it});
}

Value deque_get_maxlen(Value self) {
  DequeObject* d = D(self);
  if (d->maxlen < 0) return None();
  return int_from_i64(d->maxlen);
}

Value deque_sizeof(Value self, const Value*, size_t, Value) {
  DequeObject* d = D(self);
  return int_from_i64(int64_t(sizeof(DequeObject)) + d->cap * int64_t(sizeof(Value)));
}

// -- deque iterators -------------------------------------------------------------------------

struct DequeIterObject {
  Object ob;
  Value deque;
  int64_t index;    // next position (reverse: counted from the left, going down)
  uint64_t state;
  int64_t counter;  // items left
};

Value deque_iter_make(Value self, Type* type) {
  DequeObject* d = D(self);
  Object* o = alloc_object(type, sizeof(DequeIterObject));
  if (!o) return Value();
  DequeIterObject* it = reinterpret_cast<DequeIterObject*>(o);
  it->deque = newref(self);
  it->index = type == &DequeIterType ? 0 : d->size - 1;
  it->state = d->state;
  it->counter = d->size;
  gc_track(o);
  return Value::from(o);
}

Value deque_iter(Value self) { return deque_iter_make(self, &DequeIterType); }
Value deque_reversed(Value self, const Value*, size_t, Value) {
  return deque_iter_make(self, &DequeRevIterType);
}

void dequeiter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<DequeIterObject*>(o)->deque);
  free_object(o);
}
void dequeiter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<DequeIterObject*>(o)->deque, visit, arg);
}
void dequeiter_clear(Object* o) { clear_ref(&reinterpret_cast<DequeIterObject*>(o)->deque); }

Value dequeiter_next_impl(Value self, int64_t direction) {
  DequeIterObject* it = self.as<DequeIterObject>();
  if (!it->deque) return Value();
  DequeObject* d = D(it->deque);
  if (d->state != it->state) {
    it->counter = 0;
    return raise(RuntimeError, "deque mutated during iteration");
  }
  if (it->counter == 0) return Value();
  Value v = newref(slot_at(d, it->index));
  it->index += direction;
  it->counter--;
  return v;
}
Value dequeiter_next(Value self) { return dequeiter_next_impl(self, 1); }
Value dequerev_next(Value self) { return dequeiter_next_impl(self, -1); }

Value dequeiter_length_hint(Value self, const Value*, size_t, Value) {
  return int_from_i64(self.as<DequeIterObject>()->counter);
}

const MethodDef dequeiter_methods[] = {
    {"__length_hint__", dequeiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};

Type DequeIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "_collections._deque_iterator",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(DequeIterObject),
    .dealloc = dequeiter_dealloc,
    .traverse = dequeiter_traverse,
    .clear = dequeiter_clear,
    .iter = iter_self,
    .iternext = dequeiter_next,
    .methods = dequeiter_methods,
};

Type DequeRevIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "_collections._deque_reverse_iterator",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(DequeIterObject),
    .dealloc = dequeiter_dealloc,
    .traverse = dequeiter_traverse,
    .clear = dequeiter_clear,
    .iter = iter_self,
    .iternext = dequerev_next,
    .methods = dequeiter_methods,
};

const MethodDef deque_methods[] = {
    {"append", deque_append, METH_O, "Add an element to the right side of the deque."},
    {"appendleft", deque_appendleft, METH_O, "Add an element to the left side of the deque."},
    {"clear", deque_clear_method, METH_NOARGS, "Remove all elements from the deque."},
    {"__copy__", deque_copy, METH_NOARGS, "Return a shallow copy of a deque."},
    {"copy", deque_copy, METH_NOARGS, "Return a shallow copy of a deque."},
    {"count", deque_count, METH_O, "D.count(value) -> integer -- return number of occurrences of value"},
    {"extend", deque_extend, METH_O, "Extend the right side of the deque with elements from the iterable"},
    {"extendleft", deque_extendleft, METH_O, "Extend the left side of the deque with elements from the iterable"},
    {"index", deque_index, METH_FASTCALL,
     "D.index(value, [start, [stop]]) -> integer -- return first index of value.\n"
     "Raises ValueError if the value is not present."},
    {"insert", deque_insert, METH_FASTCALL, "D.insert(index, object) -- insert object before index"},
    {"pop", deque_pop, METH_NOARGS, "Remove and return the rightmost element."},
    {"popleft", deque_popleft, METH_NOARGS, "Remove and return the leftmost element."},
    {"__reduce__", deque_reduce, METH_NOARGS, "Return state information for pickling."},
    {"remove", deque_remove, METH_O, "D.remove(value) -- remove first occurrence of value."},
    {"__reversed__", deque_reversed, METH_NOARGS, "D.__reversed__() -- return a reverse iterator over the deque"},
    {"reverse", deque_reverse, METH_NOARGS, "D.reverse() -- reverse *IN PLACE*"},
    {"rotate", deque_rotate, METH_FASTCALL, "Rotate the deque n steps to the right (default n=1).  If n is negative, rotates left."},
    {"__sizeof__", deque_sizeof, METH_NOARGS, "D.__sizeof__() -- size of D in memory, in bytes"},
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr}};

const GetSetDef deque_getset[] = {
    {"maxlen", deque_get_maxlen, nullptr, "maximum size of a deque or None if unbounded"},
    {nullptr, nullptr, nullptr, nullptr}};

Type DequeType = {
    .ob = {kImmortal, &TypeType},
    .name = "collections.deque",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE | TF_SEQUENCE,
    .basicsize = sizeof(DequeObject),
    .weaklistoffset = offsetof(DequeObject, weakreflist),
    .dealloc = deque_dealloc,
    .traverse = deque_traverse,
    .clear = deque_clear_slot,
    .repr = deque_repr,
    .hash = hash_not_implemented,
    .richcompare = deque_richcompare,
    .iter = deque_iter,
    .new_ = deque_new,
    .init = deque_init,
    .length = deque_length,
    .getitem = deque_getitem,
    .setitem = deque_setitem,
    .contains = deque_contains,
    .methods = deque_methods,
    .getset = deque_getset,
    .doc = "deque([iterable[, maxlen]]) --> deque object\n\nA list-like sequence optimized "
           "for data accesses near its endpoints.",
};

// -- defaultdict -----------------------------------------------------------------------------

struct DefDictObject {
  DictObject dict;
  Value default_factory;  // may be null (None)
};

extern Type DefDictType;

Value defdict_missing(Value self, const Value* args, size_t, Value) {
  Value factory = reinterpret_cast<DefDictObject*>(self.obj())->default_factory;
  Value key = args[0];
  if (!factory || is_none(factory)) return raise_key_error(key);
  Value v = call0(factory);
  if (!v) return v;
  if (setitem(self, key, v) < 0) {
    decref(v);
    return Value();
  }
  return v;
}

Value defdict_make(Value self, Value arg) {  // type(self)(self.default_factory, arg)
  Value factory = reinterpret_cast<DefDictObject*>(self.obj())->default_factory;
  Value args[2] = {factory ? factory : None(), arg};
  return call(Value::from(type_of(self)), args, 2);
}

Value defdict_copy(Value self, const Value*, size_t, Value) { return defdict_make(self, self); }

Value defdict_reduce(Value self, const Value*, size_t, Value) {
  Value factory = reinterpret_cast<DefDictObject*>(self.obj())->default_factory;
  Ref args(!factory || is_none(factory) ? newref(tuple_empty()) : tuple_pack({factory}));
  if (!args) return Value();
  Ref items(call_method0(self, STRATA_NAME(items)));
  if (!items) return Value();
  Ref it(get_iter(*items));
  if (!it) return Value();
  return tuple_pack({Value::from(type_of(self)), *args, None(), None(), *it});
}

Value defdict_repr(Value self) {
  Value factory = reinterpret_cast<DefDictObject*>(self.obj())->default_factory;
  Ref base(DictType.repr(self));
  if (!base) return Value();
  Ref frepr;
  if (!factory || is_none(factory)) {
    frepr.reset(str_from_ascii("None"));
  } else {
    int r = repr_enter(factory);
    if (r < 0) return Value();
    if (r > 0) {
      frepr.reset(str_from_ascii("..."));
    } else {
      frepr.reset(repr(factory));
      repr_leave(factory);
    }
  }
  if (!frepr) return Value();
  return str_format_c("%s(%U, %U)", short_type_name(type_of(self)), *frepr, *base);
}

Value defdict_or(Value a, Value b) {
  Value self, other;
  if (is_instance_of(a, &DefDictType)) {
    self = a;
    other = b;
  } else {
    self = b;
    other = a;
  }
  if (!is_dict(other)) return NotImplemented();
  Value r = defdict_make(self, a);
  if (!r) return r;
  if (dict_update(r, b) < 0) {
    decref(r);
    return Value();
  }
  return r;
}

int defdict_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value factory = Value();
  if (nargs > 0) {
    factory = args[0];
    if (!is_none(factory) && !is_callable(factory)) {
      raise(TypeError, "first argument must be callable or None");
      return -1;
    }
    args++;
    nargs--;
  }
  set_ref(&reinterpret_cast<DefDictObject*>(self.obj())->default_factory, xnewref(factory));
  return DictType.init(self, args, nargs, kwnames);
}

void defdict_dealloc(Object* o) {
  clear_ref(&reinterpret_cast<DefDictObject*>(o)->default_factory);
  DictType.dealloc(o);
}
void defdict_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<DefDictObject*>(o)->default_factory, visit, arg);
  DictType.traverse(o, visit, arg);
}
void defdict_clear(Object* o) {
  clear_ref(&reinterpret_cast<DefDictObject*>(o)->default_factory);
  DictType.clear(o);
}

const MethodDef defdict_methods[] = {
    {"__missing__", defdict_missing, METH_O,
     "__missing__(key) # Called by __getitem__ for missing key; pseudo-code:\n"
     "  if self.default_factory is None: raise KeyError((key,))\n"
     "  self[key] = value = self.default_factory()\n  return value"},
    {"copy", defdict_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__copy__", defdict_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__reduce__", defdict_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr}};

const MemberDef defdict_members[] = {
    {"default_factory", MemberKind::Object, offsetof(DefDictObject, default_factory), false,
     "Factory for default value called by __missing__()."},
    {nullptr, MemberKind::Object, 0, false, nullptr}};

Type DefDictType = {
    .ob = {kImmortal, &TypeType},
    .name = "collections.defaultdict",
    .base = &DictType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE | TF_MAPPING | TF_DICT_SUBCLASS |
             TF_MATCH_SELF,
    .basicsize = sizeof(DefDictObject),
    .dealloc = defdict_dealloc,
    .traverse = defdict_traverse,
    .clear = defdict_clear,
    .repr = defdict_repr,
    .init = defdict_init,
    .methods = defdict_methods,
    .members = defdict_members,
    .doc = "defaultdict(default_factory=None, /, [...]) --> dict with default factory\n\n"
           "The default factory is called without arguments to produce\na new value when a "
           "key is not present, in __getitem__ only.\nA defaultdict compares equal to a dict "
           "with the same items.\nAll remaining arguments are treated the same as if they "
           "were\npassed to the dict constructor, including keyword arguments.\n",
};

// -- _tuplegetter ----------------------------------------------------------------------------

struct TupleGetterObject {
  Object ob;
  int64_t index;
  Value doc;
};

Value tuplegetter_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("_tuplegetter", kwnames)) return Value();
  if (!check_positional("_tuplegetter", nargs, 2, 2)) return Value();
  int64_t index = as_ssize(args[0], OverflowError);
  if (index == -1 && error_occurred()) return Value();
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  TupleGetterObject* g = reinterpret_cast<TupleGetterObject*>(o);
  g->index = index;
  g->doc = newref(args[1]);
  gc_track(o);
  return Value::from(o);
}

void tuplegetter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<TupleGetterObject*>(o)->doc);
  free_object(o);
}
void tuplegetter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<TupleGetterObject*>(o)->doc, visit, arg);
}
void tuplegetter_clear(Object* o) { clear_ref(&reinterpret_cast<TupleGetterObject*>(o)->doc); }

Value tuplegetter_get(Value self, Value obj, Value) {
  TupleGetterObject* g = self.as<TupleGetterObject>();
  if (!obj || is_none(obj)) return newref(self);
  if (!is_tuple(obj)) {
    return raise(TypeError,
                 "descriptor for index '%zd' for tuple subclasses doesn't apply to '%s' object",
                 g->index, type_of(obj)->name);
  }
  if (g->index < 0 || g->index >= tuple_size(obj)) {
    return raise(IndexError, "tuple index out of range");
  }
  return newref(tuple_item(obj, g->index));
}

int tuplegetter_set(Value, Value, Value v) {
  raise(AttributeError, v ? "can't set attribute" : "can't delete attribute");
  return -1;
}

Value tuplegetter_repr(Value self) {
  TupleGetterObject* g = self.as<TupleGetterObject>();
  return str_format_c("%s(%zd, %R)", short_type_name(type_of(self)), g->index, g->doc);
}

Value tuplegetter_reduce(Value self, const Value*, size_t, Value) {
  TupleGetterObject* g = self.as<TupleGetterObject>();
  Ref idx(int_from_i64(g->index));
  Ref args(tuple_pack({*idx, g->doc}));
  if (!args) return Value();
  return tuple_pack({Value::from(type_of(self)), *args});
}

const MethodDef tuplegetter_methods[] = {
    {"__reduce__", tuplegetter_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

const MemberDef tuplegetter_members[] = {
    {"__doc__", MemberKind::Object, offsetof(TupleGetterObject, doc), false, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr}};

Type TupleGetterType = {
    .ob = {kImmortal, &TypeType},
    .name = "_collections._tuplegetter",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(TupleGetterObject),
    .dealloc = tuplegetter_dealloc,
    .traverse = tuplegetter_traverse,
    .clear = tuplegetter_clear,
    .repr = tuplegetter_repr,
    .descr_get = tuplegetter_get,
    .descr_set = tuplegetter_set,
    .new_ = tuplegetter_new,
    .methods = tuplegetter_methods,
    .members = tuplegetter_members,
};

// -- _count_elements -------------------------------------------------------------------------

Value count_elements(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("_count_elements", nargs, 2, 2)) return Value();
  Value mapping = args[0];
  Value one = Value::small(1);
  Ref it(get_iter(args[1]));
  if (!it) return Value();
  if (is_exact_dict(mapping)) {
    for (;;) {
      Ref key(iter_next(*it));
      if (!key) break;
      Value old = dict_get(mapping, *key);
      if (!old && error_occurred()) return Value();
      Ref nv(old ? binary_op(old, one, NB_ADD) : one);
      if (!nv || dict_set(mapping, *key, *nv) < 0) return Value();
    }
  } else {
    Ref get(getattr(mapping, STRATA_NAME(get)));
    if (!get) return Value();
    Value zero = Value::small(0);
    for (;;) {
      Ref key(iter_next(*it));
      if (!key) break;
      Ref old(call2(*get, *key, zero));
      if (!old) return Value();
      Ref nv(binary_op(*old, one, NB_ADD));
      if (!nv || setitem(mapping, *key, *nv) < 0) return Value();
    }
  }
  if (error_occurred()) return Value();
  return None();
}

// -- The module ------------------------------------------------------------------------------

const MethodDef collections_methods[] = {
    {"_count_elements", count_elements, METH_FASTCALL, "Count elements in the iterable, updating the mapping"},
    {nullptr, nullptr, 0, nullptr},
};

int collections_init(Value m) {
  static bool ready = false;
  if (!ready) {
    DequeType.nb[NB_ADD] = deque_concat;
    DequeType.nb[NB_MULTIPLY] = deque_repeat_op;
    DequeType.nb[NB_INPLACE_ADD] = deque_inplace_concat;
    DequeType.nb[NB_INPLACE_MULTIPLY] = deque_inplace_repeat;
    DefDictType.nb[NB_OR] = defdict_or;
    for (Type* t : {&DequeType, &DequeIterType, &DequeRevIterType, &DefDictType,
                    &TupleGetterType}) {
      if (type_ready(t) < 0) return -1;
    }
    ready = true;
  }
  Value d = module_dict(m);
  if (dict_set_cstr(d, "deque", Value::from(&DequeType)) < 0 ||
      dict_set_cstr(d, "defaultdict", Value::from(&DefDictType)) < 0 ||
      dict_set_cstr(d, "_deque_iterator", Value::from(&DequeIterType)) < 0 ||
      dict_set_cstr(d, "_deque_reverse_iterator", Value::from(&DequeRevIterType)) < 0 ||
      dict_set_cstr(d, "_tuplegetter", Value::from(&TupleGetterType)) < 0) {
    return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef collections_module_def;
const BuiltinModuleDef collections_module_def = {
    "_collections", collections_init, collections_methods,
    "High performance data structures.\n- deque:        ordered collection accessible from "
    "endpoints only\n- defaultdict:  dict subclass with a default value factory\n"};

}  // namespace strata
