// vm/list.cpp — list (ListType), its forward and reverse iterators, list.sort (a stable
// merge sort that survives exceptions from keys and comparisons and detects mutation),
// and the helpers the container files share (repr recursion guard, argument checks).
#include "vm/list.h"

#include <algorithm>
#include <string>
#include <vector>

#include "vm/abstract.h"
#include "vm/float.h"
#include "vm/interp.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

// -- Shared helpers ------------------------------------------------------------------------

namespace {
// The containers whose repr is in progress (Py_ReprEnter's list). One thread.
std::vector<Object*> repr_stack;
}  // namespace

int repr_enter(Value o) {
  if (o.is_small()) return 0;
  for (Object* p : repr_stack)
    if (p == o.obj()) return 1;
  repr_stack.push_back(o.obj());
  return 0;
}

void repr_leave(Value o) {
  if (o.is_small()) return;
  for (size_t i = repr_stack.size(); i-- > 0;) {
    if (repr_stack[i] == o.obj()) {
      repr_stack.erase(repr_stack.begin() + i);
      return;
    }
  }
}

namespace {
constexpr int kTrashcanDepth = 50;
int trash_depth = 0;
bool trash_draining = false;
std::vector<Object*> trash_deferred;
}  // namespace

bool trashcan_begin(Object* o) {
  if (trash_depth >= kTrashcanDepth) {
    trash_deferred.push_back(o);
    return false;
  }
  trash_depth++;
  return true;
}

void trashcan_end() {
  if (--trash_depth == 0 && !trash_draining && !trash_deferred.empty()) {
    trash_draining = true;
    while (!trash_deferred.empty()) {
      Object* o = trash_deferred.back();
      trash_deferred.pop_back();
      o->type->dealloc(o);
    }
    trash_draining = false;
  }
}

void gc_untrack_if_tracked(Object* o) {
  if (gc_is_tracked(o)) gc_untrack(o);
}

bool check_positional(const char* name, size_t nargs, size_t min, size_t max) {
  if (nargs < min) {
    raise(TypeError, "%s expected %s%zd argument%s, got %zd", name,
          min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    return false;
  }
  if (nargs > max) {
    raise(TypeError, "%s expected %s%zd argument%s, got %zd", name,
          min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    return false;
  }
  return true;
}

bool check_no_kwargs(const char* name, Value kwnames) {
  if (kwnames_count(kwnames) == 0) return true;
  raise(TypeError, "%s() takes no keyword arguments", name);
  return false;
}

bool slice_index_arg(Value v, int64_t* out) {
  if (v.is_small()) {
    *out = v.small_value();
    return true;
  }
  if (!has_index(v)) {
    raise(TypeError, "slice indices must be integers or have an __index__ method");
    return false;
  }
  int64_t i = as_ssize(v, nullptr);
  if (i == -1 && error_occurred()) return false;
  *out = i;
  return true;
}

int keys_equal_slow(Value a, Value b) { return rich_compare_bool(a, b, CMP_EQ); }

// -- Storage -----------------------------------------------------------------------------

namespace {

constexpr int64_t kMaxListSize = INT64_MAX / int64_t(sizeof(Value)) / 2;

ListObject* L(Value v) { return v.as<ListObject>(); }

// Makes room for newsize items (CPython's over-allocation pattern, so that the growth
// points and __sizeof__ agree with it). Items beyond the old size are uninitialized.
int list_resize(ListObject* l, int64_t newsize) {
  int64_t allocated = l->allocated;
  if (allocated >= newsize && newsize >= (allocated >> 1)) {
    l->size = newsize;
    return 0;
  }
  if (newsize > kMaxListSize) {
    raise_no_memory();
    return -1;
  }
  int64_t new_alloc = (newsize + (newsize >> 3) + 6) & ~int64_t(3);
  if (newsize - l->size > new_alloc - newsize) new_alloc = (newsize + 3) & ~int64_t(3);
  if (newsize == 0) new_alloc = 0;
  Value* items = l->items;
  if (new_alloc == 0) {
    mem_free(items);
    items = nullptr;
  } else {
    items = static_cast<Value*>(mem_realloc(items, size_t(new_alloc) * sizeof(Value)));
    if (!items) {
      raise_no_memory();
      return -1;
    }
  }
  l->items = items;
  l->size = newsize;
  l->allocated = new_alloc;
  return 0;
}

// Exactly n slots (for list_new and copies).
int list_preallocate(ListObject* l, int64_t n) {
  if (n > kMaxListSize) {
    raise_no_memory();
    return -1;
  }
  if (n == 0) return 0;
  l->items = static_cast<Value*>(mem_alloc(size_t(n) * sizeof(Value)));
  if (!l->items) {
    raise_no_memory();
    return -1;
  }
  std::fill_n(l->items, n, Value());
  l->allocated = n;
  return 0;
}

Value list_alloc(Type* type) {
  Object* o = alloc_object(type, type == &ListType ? sizeof(ListObject) : type->basicsize);
  return o ? Value::from(o) : Value();
}

}  // namespace

Value list_new(int64_t n) {
  if (n < 0) return raise(SystemError, "list_new: negative size");
  Value v = list_alloc(&ListType);
  if (!v) return v;
  if (list_preallocate(L(v), n) < 0) {
    decref(v);
    return Value();
  }
  L(v)->size = n;
  gc_track(v.obj());
  return v;
}

Value list_from(const Value* items, int64_t n) {
  Value v = list_new(n);
  if (!v) return v;
  for (int64_t i = 0; i < n; i++) L(v)->items[i] = newref(items[i]);
  return v;
}

int list_append(Value list, Value v) {
  ListObject* l = L(list);
  int64_t n = l->size;
  if (n < l->allocated) {
    l->items[n] = newref(v);
    l->size = n + 1;
    return 0;
  }
  if (list_resize(l, n + 1) < 0) return -1;
  l->items[n] = newref(v);
  return 0;
}

namespace {

// Appends the n values (increfs them); they may alias the list's own items.
int list_extend_array(ListObject* l, const Value* src, int64_t n, Value keep_alive) {
  if (n == 0) return 0;
  int64_t m = l->size;
  if (n > kMaxListSize - m) {
    raise_no_memory();
    return -1;
  }
  // src may be l->items, which the resize moves: copy the sources first if so.
  std::vector<Value> tmp;
  if (keep_alive && keep_alive.obj() == &l->ob) {
    tmp.assign(src, src + n);
    src = tmp.data();
  }
  if (list_resize(l, m + n) < 0) return -1;
  for (int64_t i = 0; i < n; i++) l->items[m + i] = newref(src[i]);
  return 0;
}

}  // namespace

namespace {

// Exactly n slots (rounded up to even) for an empty list that has none yet, as CPython's
// list_preallocate_exact (so that sizes, and __sizeof__, agree).
int preallocate_exact(ListObject* l, int64_t n) {
  n = (n + 1) & ~int64_t(1);
  if (n > kMaxListSize) {
    raise_no_memory();
    return -1;
  }
  l->items = static_cast<Value*>(mem_alloc(size_t(n) * sizeof(Value)));
  if (!l->items) {
    raise_no_memory();
    return -1;
  }
  l->allocated = n;
  return 0;
}

// PyObject_LengthHint: len(v), else v.__length_hint__(), else deflt; -1 on error.
int64_t length_hint(Value v, int64_t deflt) {
  if (type_of(v)->length) {
    int64_t n = length(v);
    if (n >= 0) return n;
    if (!error_matches(TypeError)) return -1;
    clear_error();
  }
  Value hint = lookup_special(v, STRATA_NAME(__length_hint__));
  if (!hint) return error_occurred() ? -1 : deflt;
  DescrGetFn get = type_of(hint)->descr_get;
  Value r;
  if (get) {
    Value bound = get(hint, v, Value::from(type_of(v)));
    if (!bound) return -1;
    r = call0(bound);
    decref(bound);
  } else {
    r = call1(hint, v);
  }
  if (!r) {
    if (!error_matches(TypeError)) return -1;
    clear_error();
    return deflt;
  }
  if (r == NotImplemented()) return deflt;
  if (!is_int(r)) {
    raise(TypeError, "__length_hint__ must be an integer, not %.100s", type_name(r));
    decref(r);
    return -1;
  }
  int64_t n = as_ssize(r, OverflowError);
  decref(r);
  if (n == -1 && error_occurred()) return -1;
  if (n < 0) {
    raise(ValueError, "__length_hint__() should return >= 0");
    return -1;
  }
  return n;
}

}  // namespace

int list_extend(Value list, Value iterable) {
  ListObject* l = L(list);
  if (is_list(iterable) || is_tuple(iterable)) {
    int64_t n = is_list(iterable) ? list_size(iterable) : tuple_size(iterable);
    if (!l->items && n > 0 && l->allocated == 0) {
      if (preallocate_exact(l, n) < 0) return -1;
      Value* src = is_list(iterable) ? list_items(iterable) : tuple_items(iterable);
      for (int64_t i = 0; i < n; i++) l->items[i] = newref(src[i]);
      l->size = n;
      return 0;
    }
    if (is_list(iterable))
      return list_extend_array(l, list_items(iterable), list_size(iterable), iterable);
    return list_extend_array(l, tuple_items(iterable), tuple_size(iterable), iterable);
  }
  Value it = get_iter(iterable);
  if (!it) return -1;
  int64_t hint = length_hint(iterable, 8);
  if (hint < 0) {
    decref(it);
    return -1;
  }
  if (hint > 0) {
    int err;
    if (!l->items && l->allocated == 0) {
      err = preallocate_exact(l, hint);
    } else {
      int64_t m = l->size;
      err = m > kMaxListSize - hint ? 0 : list_resize(l, m + hint);
      if (err == 0) l->size = m;
    }
    if (err < 0) {
      decref(it);
      return -1;
    }
  }
  IterNextFn next = type_of(it)->iternext;
  for (;;) {
    Value item = next ? next(it) : iter_next(it);
    if (!item) {
      if (error_occurred()) {
        if (!error_matches(StopIteration)) {
          decref(it);
          return -1;
        }
        clear_error();
      }
      break;
    }
    if (l->size < l->allocated) {
      l->items[l->size++] = item;
    } else {
      if (list_resize(l, l->size + 1) < 0) {
        decref(item);
        decref(it);
        return -1;
      }
      l->items[l->size - 1] = item;
    }
  }
  decref(it);
  // Give back a large over-allocation as CPython does.
  if (l->size < l->allocated) list_resize(l, l->size);
  return 0;
}

Value list_as_tuple(Value list) { return tuple_from(list_items(list), list_size(list)); }

namespace {

// Drops every item; the list is empty (and consistent) before any decref runs.
void list_clear_items(ListObject* l) {
  Value* items = l->items;
  int64_t n = l->size;
  l->items = nullptr;
  l->size = 0;
  l->allocated = 0;
  while (--n >= 0) xdecref(items[n]);
  mem_free(items);
}

// -- Slots ----------------------------------------------------------------------------------

void list_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  if (!trashcan_begin(o)) return;
  ListObject* l = reinterpret_cast<ListObject*>(o);
  for (int64_t i = l->size; --i >= 0;) xdecref(l->items[i]);
  mem_free(l->items);
  free_object(o);
  trashcan_end();
}

void list_traverse(Object* o, VisitFn visit, void* arg) {
  ListObject* l = reinterpret_cast<ListObject*>(o);
  for (int64_t i = 0; i < l->size; i++) visit_value(l->items[i], visit, arg);
}

void list_clear_slot(Object* o) { list_clear_items(reinterpret_cast<ListObject*>(o)); }

Value list_repr(Value self) {
  if (list_size(self) == 0) return str_from_ascii("[]");
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_ascii("[...]") : Value();
  std::string out = "[";
  bool ok = true;
  // The list may change while its items' reprs run: re-read the size each time.
  for (int64_t i = 0; i < list_size(self); i++) {
    if (i) out += ", ";
    Value item = newref(list_item(self, i));
    Value r1 = repr(item);
    decref(item);
    if (!r1) {
      ok = false;
      break;
    }
    out += str_utf8(r1);
    decref(r1);
  }
  repr_leave(self);
  if (!ok) return Value();
  out += "]";
  return str_from_utf8(out);
}

bool sizes_compare(int64_t a, int64_t b, int op) {
  switch (op) {
    case CMP_LT: return a < b;
    case CMP_LE: return a <= b;
    case CMP_EQ: return a == b;
    case CMP_NE: return a != b;
    case CMP_GT: return a > b;
    default: return a >= b;
  }
}

Value list_richcompare(Value a, Value b, int op) {
  if (!is_list(a) || !is_list(b)) return NotImplemented();
  if (list_size(a) != list_size(b) && (op == CMP_EQ || op == CMP_NE))
    return Bool(op == CMP_NE);
  int64_t i = 0;
  for (; i < list_size(a) && i < list_size(b); i++) {
    Value x = list_item(a, i), y = list_item(b, i);
    if (x == y) continue;
    incref(x);
    incref(y);
    int k = keys_equal(x, y);
    decref(x);
    decref(y);
    if (k < 0) return Value();
    if (!k) break;
  }
  if (i >= list_size(a) || i >= list_size(b))
    return Bool(sizes_compare(list_size(a), list_size(b), op));
  if (op == CMP_EQ) return False();
  if (op == CMP_NE) return True();
  Value x = newref(list_item(a, i)), y = newref(list_item(b, i));
  Value r = rich_compare(x, y, op);  // guards the recursion depth
  decref(x);
  decref(y);
  return r;
}

int64_t list_length(Value self) { return list_size(self); }

Value list_slice(Value self, int64_t lo, int64_t hi) {
  int64_t n = hi > lo ? hi - lo : 0;
  return list_from(list_items(self) + lo, n);
}

Value list_getitem(Value self, Value key) {
  if (has_index(key)) {
    int64_t i = key.is_small() ? key.small_value() : as_ssize(key, IndexError);
    if (i == -1 && error_occurred()) return Value();
    int64_t n = list_size(self);
    if (i < 0) i += n;
    if (uint64_t(i) >= uint64_t(n)) return raise(IndexError, "list index out of range");
    return newref(list_item(self, i));
  }
  if (!is_slice(key))
    return raise(TypeError, "list indices must be integers or slices, not %.200s",
                 type_name(key));
  int64_t start, stop, step;
  if (!slice_unpack(key, &start, &stop, &step)) return Value();
  int64_t len = slice_adjust(list_size(self), &start, &stop, step);
  if (step == 1) return list_slice(self, start, stop);
  Value r = list_new(len);
  if (!r) return r;
  for (int64_t k = 0, j = start; k < len; k++, j += step)
    L(r)->items[k] = newref(list_item(self, j));
  return r;
}

// Replaces items [lo, hi) by the n values of src (already a private copy: owned refs are
// taken here by incref). Old items are released after the list is consistent.
int list_replace_range(ListObject* l, int64_t lo, int64_t hi, const Value* src, int64_t n) {
  int64_t size = l->size;
  if (lo < 0) lo = 0;
  else if (lo > size) lo = size;
  if (hi < lo) hi = lo;
  else if (hi > size) hi = size;
  int64_t d = n - (hi - lo);
  // The replaced items are released last (their __del__ may look at the list).
  Value small[8];
  std::vector<Value> big;
  Value* old = small;
  int64_t nold = hi - lo;
  if (nold > 8) {
    big.resize(size_t(nold));
    old = big.data();
  }
  std::copy(l->items + lo, l->items + hi, old);
  if (d < 0) {
    std::memmove(l->items + hi + d, l->items + hi, size_t(size - hi) * sizeof(Value));
    list_resize(l, size + d);  // shrinking cannot fail
  } else if (d > 0) {
    if (size + d > kMaxListSize) {
      raise_no_memory();
      return -1;
    }
    if (list_resize(l, size + d) < 0) return -1;
    std::memmove(l->items + hi + d, l->items + hi, size_t(size - hi) * sizeof(Value));
  }
  for (int64_t k = 0; k < n; k++) l->items[lo + k] = newref(src[k]);
  for (int64_t k = nold; --k >= 0;) decref(old[k]);  // CPython's order: last first
  return 0;
}

// The items of v as a private array (PySequence_Fast): null with `msg` as TypeError when
// v is not iterable.
bool fast_items(Value v, const char* msg, std::vector<Value>* out, Value* holder) {
  Value seq;
  if (is_list(v) || is_tuple(v)) {
    seq = newref(v);
  } else {
    seq = sequence_list(v);
    if (!seq) {
      if (error_matches(TypeError)) {
        clear_error();
        raise(TypeError, "%s", msg);
      }
      return false;
    }
  }
  if (is_list(seq)) out->assign(list_items(seq), list_items(seq) + list_size(seq));
  else out->assign(tuple_items(seq), tuple_items(seq) + tuple_size(seq));
  *holder = seq;  // keeps the values alive
  return true;
}

int list_ass_item(Value self, int64_t i, Value v) {
  ListObject* l = L(self);
  if (i < 0) i += l->size;
  if (uint64_t(i) >= uint64_t(l->size)) {
    raise(IndexError, "list assignment index out of range");
    return -1;
  }
  if (!v) return list_replace_range(l, i, i + 1, nullptr, 0);
  Value old = l->items[i];
  l->items[i] = newref(v);
  decref(old);
  return 0;
}

int list_setitem(Value self, Value key, Value v) {
  ListObject* l = L(self);
  if (has_index(key)) {
    int64_t i = key.is_small() ? key.small_value() : as_ssize(key, IndexError);
    if (i == -1 && error_occurred()) return -1;
    return list_ass_item(self, i, v);
  }
  if (!is_slice(key)) {
    raise(TypeError, "list indices must be integers or slices, not %.200s", type_name(key));
    return -1;
  }
  int64_t start, stop, step;
  if (!slice_unpack(key, &start, &stop, &step)) return -1;
  if (step == 1 || (!v && step == 1)) {
    slice_adjust(l->size, &start, &stop, step);
    if (!v) return list_replace_range(l, start, stop, nullptr, 0);
    std::vector<Value> src;
    Value holder;
    if (!fast_items(v, "can only assign an iterable", &src, &holder)) return -1;
    int r = list_replace_range(l, start, stop, src.data(), int64_t(src.size()));
    decref(holder);
    return r;
  }
  int64_t len = slice_adjust(l->size, &start, &stop, step);
  if (!v) {
    // Delete an extended slice: compact the survivors in one pass.
    if (len <= 0) return 0;
    if (step < 0) {
      stop = start + 1;
      start = stop + step * (len - 1) - 1;
      step = -step;
    }
    std::vector<Value> garbage;
    garbage.reserve(size_t(len));
    int64_t cur = start, dst = start;
    for (int64_t src = start; src < l->size; src++) {
      if (src == cur && int64_t(garbage.size()) < len) {
        garbage.push_back(l->items[src]);
        cur += step;
      } else {
        l->items[dst++] = l->items[src];
      }
    }
    list_resize(l, l->size - len);
    for (Value g : garbage) decref(g);
    return 0;
  }
  std::vector<Value> src;
  Value holder;
  if (!fast_items(v, "must assign iterable to extended slice", &src, &holder)) return -1;
  if (int64_t(src.size()) != len) {
    decref(holder);
    raise(ValueError, "attempt to assign sequence of size %zd to extended slice of size %zd",
          src.size(), len);
    return -1;
  }
  std::vector<Value> garbage;
  garbage.reserve(size_t(len));
  for (int64_t k = 0, j = start; k < len; k++, j += step) {
    garbage.push_back(l->items[j]);
    l->items[j] = newref(src[size_t(k)]);
  }
  for (Value g : garbage) decref(g);
  decref(holder);
  return 0;
}

int list_contains(Value self, Value item) {
  for (int64_t i = 0; i < list_size(self); i++) {
    Value x = newref(list_item(self, i));
    int k = keys_equal(x, item);
    decref(x);
    if (k != 0) return k;
  }
  return 0;
}

Value list_repeat(Value self, int64_t n) {
  int64_t size = list_size(self);
  if (n <= 0 || size == 0) return list_new(0);
  if (size > kMaxListSize / n) return raise_no_memory();
  Value r = list_new(size * n);
  if (!r) return r;
  Value* dst = L(r)->items;
  for (int64_t k = 0; k < n; k++)
    for (int64_t i = 0; i < size; i++) *dst++ = newref(list_item(self, i));
  return r;
}

Value list_add(Value a, Value b) {
  // Foreign operands: NotImplemented; binary_op() words CPython's sq_concat error.
  if (!is_list(a) || !is_list(b)) return NotImplemented();
  int64_t na = list_size(a), nb = list_size(b);
  if (na > kMaxListSize - nb) return raise_no_memory();
  Value r = list_new(na + nb);
  if (!r) return r;
  for (int64_t i = 0; i < na; i++) L(r)->items[i] = newref(list_item(a, i));
  for (int64_t i = 0; i < nb; i++) L(r)->items[na + i] = newref(list_item(b, i));
  return r;
}

int64_t repeat_count(Value count, bool* ok) {
  int64_t n = count.is_small() ? count.small_value() : as_ssize(count, OverflowError);
  *ok = !(n == -1 && error_occurred());
  return n;
}

Value list_mul(Value a, Value b) {
  Value seq = a, count = b;
  if (!is_list(a)) {
    seq = b;
    count = a;
  }
  if (!is_list(seq)) return NotImplemented();
  if (!has_index(count)) {
    // CPython's order: both number slots, then the left operand's sq_repeat. A built-in
    // right operand has no number slot that takes a sequence, so answer for it now
    // (its own slot would word the error for its type); a class may define __rmul__.
    if (seq == a && !has_flag(type_of(b), TF_HEAPTYPE))
      return raise(TypeError, "can't multiply sequence by non-int of type '%.200s'",
                   type_name(b));
    return NotImplemented();
  }
  bool ok;
  int64_t n = repeat_count(count, &ok);
  if (!ok) return Value();
  return list_repeat(seq, n);
}

Value list_iadd(Value a, Value b) {
  if (!is_list(a)) return NotImplemented();
  if (!is_list(b) && !is_tuple(b)) {
    // CPython tries b's __radd__ (number slots) before the in-place concatenation.
    Value r = seq_try_other(a, b, NB_ADD, list_add);
    if (r != NotImplemented()) return r;
  }
  if (list_extend(a, b) < 0) return Value();
  return newref(a);
}

Value list_imul(Value a, Value b) {
  if (!is_list(a) || !has_index(b)) return NotImplemented();
  bool ok;
  int64_t n = repeat_count(b, &ok);
  if (!ok) return Value();
  ListObject* l = L(a);
  int64_t size = l->size;
  if (size == 0 || n == 1) return newref(a);
  if (n <= 0) {
    list_clear_items(l);
    return newref(a);
  }
  if (size > kMaxListSize / n) return raise_no_memory();
  if (list_resize(l, size * n) < 0) return Value();
  for (int64_t k = 1; k < n; k++)
    for (int64_t i = 0; i < size; i++) l->items[k * size + i] = newref(l->items[i]);
  return newref(a);
}

Value list_iter(Value self);

Value list_new_slot(Type* type, const Value*, size_t, Value) {
  Value v = list_alloc(type);
  if (v) gc_track(v.obj());
  return v;
}

int list_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (type_of(self) == &ListType && !check_no_kwargs("list", kwnames)) return -1;
  if (!check_positional("list", nargs, 0, 1)) return -1;
  if (L(self)->items) list_clear_items(L(self));
  if (nargs == 1) return list_extend(self, args[0]);
  return 0;
}

// -- Methods ----------------------------------------------------------------------------------

Value m_append(Value self, const Value* args, size_t, Value) {
  if (list_append(self, args[0]) < 0) return Value();
  return None();
}

Value m_extend(Value self, const Value* args, size_t, Value) {
  if (list_extend(self, args[0]) < 0) return Value();
  return None();
}

bool ssize_arg(Value v, int64_t* out) {
  if (v.is_small()) {
    *out = v.small_value();
    return true;
  }
  // Argument Clinic's Py_ssize_t converter: __index__, then a C ssize_t.
  Value n = number_index(v);
  if (!n) return false;
  bool fits = int_to_i64(n, out);
  decref(n);
  if (!fits) raise(OverflowError, "Python int too large to convert to C ssize_t");
  return fits;
}

Value m_insert(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("insert", nargs, 2, 2)) return Value();
  int64_t where;
  if (!ssize_arg(args[0], &where)) return Value();
  ListObject* l = L(self);
  int64_t n = l->size;
  if (where < 0) {
    where += n;
    if (where < 0) where = 0;
  }
  if (where > n) where = n;
  if (list_resize(l, n + 1) < 0) return Value();
  std::memmove(l->items + where + 1, l->items + where, size_t(n - where) * sizeof(Value));
  l->items[where] = newref(args[1]);
  return None();
}

Value m_pop(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("pop", nargs, 0, 1)) return Value();
  int64_t i = -1;
  if (nargs == 1 && !ssize_arg(args[0], &i)) return Value();
  ListObject* l = L(self);
  if (l->size == 0) return raise(IndexError, "pop from empty list");
  if (i < 0) i += l->size;
  if (uint64_t(i) >= uint64_t(l->size)) return raise(IndexError, "pop index out of range");
  Value v = l->items[i];
  std::memmove(l->items + i, l->items + i + 1, size_t(l->size - i - 1) * sizeof(Value));
  list_resize(l, l->size - 1);
  return v;
}

Value m_remove(Value self, const Value* args, size_t, Value) {
  for (int64_t i = 0; i < list_size(self); i++) {
    Value x = newref(list_item(self, i));
    int k = keys_equal(x, args[0]);
    decref(x);
    if (k < 0) return Value();
    if (k) {
      if (i < list_size(self) && list_replace_range(L(self), i, i + 1, nullptr, 0) < 0)
        return Value();
      return None();
    }
  }
  return raise(ValueError, "list.remove(x): x not in list");
}

Value m_index(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("index", nargs, 1, 3)) return Value();
  int64_t start = 0, stop = INT64_MAX;
  if (nargs > 1 && !slice_index_arg(args[1], &start)) return Value();
  if (nargs > 2 && !slice_index_arg(args[2], &stop)) return Value();
  int64_t n = list_size(self);
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += n;
    if (stop < 0) stop = 0;
  }
  for (int64_t i = start; i < stop && i < list_size(self); i++) {
    Value x = newref(list_item(self, i));
    int k = keys_equal(x, args[0]);
    decref(x);
    if (k < 0) return Value();
    if (k) return int_from_i64(i);
  }
  return raise(ValueError, "%R is not in list", args[0]);
}

Value m_count(Value self, const Value* args, size_t, Value) {
  int64_t count = 0;
  for (int64_t i = 0; i < list_size(self); i++) {
    Value x = newref(list_item(self, i));
    int k = keys_equal(x, args[0]);
    decref(x);
    if (k < 0) return Value();
    count += k;
  }
  return int_from_i64(count);
}

Value m_clear(Value self, const Value*, size_t, Value) {
  list_clear_items(L(self));
  return None();
}

Value m_copy(Value self, const Value*, size_t, Value) {
  return list_slice(self, 0, list_size(self));
}

void reverse_range(Value* lo, Value* hi) {
  --hi;
  while (lo < hi) std::swap(*lo++, *hi--);
}

Value m_reverse(Value self, const Value*, size_t, Value) {
  ListObject* l = L(self);
  if (l->size > 1) reverse_range(l->items, l->items + l->size);
  return None();
}

Value m_sort(Value self, const Value* args, size_t nargs, Value kwnames) {
  size_t nkw = kwnames_count(kwnames);
  if (nargs > 0) return raise(TypeError, "sort() takes no positional arguments");
  if (nkw > 2) return raise(TypeError, "sort() takes at most 2 keyword arguments (%zd given)", nkw);
  Value key = None();
  bool reverse = false;
  for (size_t k = 0; k < nkw; k++) {
    Value name = tuple_item(kwnames, int64_t(k));
    Value v = args[nargs + k];
    if (str_equal_ascii(name, "key")) {
      key = v;
    } else if (str_equal_ascii(name, "reverse")) {
      if (!is_int(v))
        return raise(TypeError, "'%.200s' object cannot be interpreted as an integer",
                     type_name(v));
      reverse = int_sign(v) != 0;
    } else {
      return raise(TypeError, "'%U' is an invalid keyword argument for sort()", name);
    }
  }
  if (list_sort(self, key, reverse) < 0) return Value();
  return None();
}

Value list_reversed_iter(Value self);

Value m_reversed(Value self, const Value*, size_t, Value) { return list_reversed_iter(self); }

Value m_sizeof(Value self, const Value*, size_t, Value) {
  return int_from_i64(int64_t(type_of(self)->basicsize) +
                      L(self)->allocated * int64_t(sizeof(Value)));
}

const MethodDef list_methods[] = {
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {"__reversed__", m_reversed, METH_NOARGS, "Return a reverse iterator over the list."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "Return the size of the list in memory, in bytes."},
    {"clear", m_clear, METH_NOARGS, "Remove all items from list."},
    {"copy", m_copy, METH_NOARGS, "Return a shallow copy of the list."},
    {"append", m_append, METH_O, "Append object to the end of the list."},
    {"insert", m_insert, METH_FASTCALL, "Insert object before index."},
    {"extend", m_extend, METH_O, "Extend list by appending elements from the iterable."},
    {"pop", m_pop, METH_FASTCALL,
     "Remove and return item at index (default last).\n\nRaises IndexError if list is empty "
     "or index is out of range."},
    {"remove", m_remove, METH_O,
     "Remove first occurrence of value.\n\nRaises ValueError if the value is not present."},
    {"index", m_index, METH_FASTCALL,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", m_count, METH_O, "Return number of occurrences of value."},
    {"reverse", m_reverse, METH_NOARGS, "Reverse *IN PLACE*."},
    {"sort", m_sort, METH_FASTCALL | METH_KEYWORDS,
     "Sort the list in ascending order and return None.\n\nThe sort is in-place (i.e. the "
     "list itself is modified) and stable (i.e. the\norder of two equal elements is "
     "maintained).\n\nIf a key function is given, apply it once to each list item and sort "
     "them,\nascending or descending, according to their function values.\n\nThe reverse "
     "flag can be set to sort in descending order."},
    {nullptr, nullptr, 0, nullptr}};

// -- Sorting ------------------------------------------------------------------------------------

// a < b for the sort, with fast paths for the common homogeneous cases; -1 on error.
inline int sort_lt(Value a, Value b) {
  if (a.is_small() && b.is_small()) return a.small_value() < b.small_value();
  if (is_exact_str(a) && is_exact_str(b)) return str_compare(a, b) < 0;
  if (is_exact_float(a) && is_exact_float(b)) return float_value(a) < float_value(b);
  return rich_compare_bool(a, b, CMP_LT);
}

// Sorts keys[0..n) (and vals alongside when keyed) stably. On error (a comparison raised)
// returns -1 with every element still present exactly once.
template <bool kKeyed>
class MergeSorter {
 public:
  MergeSorter(Value* keys, Value* vals, int64_t n) : keys_(keys), vals_(vals), n_(n) {}

  // The runs are found and extended exactly as CPython 3.11's timsort does (count_run,
  // then binary insertion up to minrun), so a list shorter than 64 sees the same
  // comparisons in the same order as under CPython; longer runs are then merged pairwise
  // (CPython gallops, so the comparisons of the merges differ, never the result).
  int run() {
    if (n_ < 2) return 0;
    int64_t minrun = compute_minrun(n_);
    std::vector<int64_t> runs;  // start of each run, in order
    int64_t lo = 0;
    while (lo < n_) {
      bool descending;
      int64_t n = count_run(lo, n_, &descending);
      if (n < 0) return -1;
      if (descending) {
        reverse_range(keys_ + lo, keys_ + lo + n);
        if (kKeyed) reverse_range(vals_ + lo, vals_ + lo + n);
      }
      if (n < minrun) {
        int64_t force = std::min(minrun, n_ - lo);
        if (binary_sort(lo, lo + force, lo + n) < 0) return -1;
        n = force;
      }
      runs.push_back(lo);
      lo += n;
    }
    if (runs.size() > 1) {
      tmp_keys_.resize(size_t(n_));  // a left run can be up to n - 1 long
      if (kKeyed) tmp_vals_.resize(size_t(n_));
    }
    // Merge neighbouring runs pairwise until one is left (stable: left before right).
    while (runs.size() > 1) {
      std::vector<int64_t> next;
      for (size_t i = 0; i < runs.size(); i += 2) {
        if (i + 1 == runs.size()) {
          next.push_back(runs[i]);
          break;
        }
        int64_t hi = i + 2 < runs.size() ? runs[i + 2] : n_;
        if (merge(runs[i], runs[i + 1], hi) < 0) return -1;
        next.push_back(runs[i]);
      }
      runs.swap(next);
    }
    return 0;
  }

 private:
  void move(int64_t dst, int64_t src) {
    keys_[dst] = keys_[src];
    if (kKeyed) vals_[dst] = vals_[src];
  }

  static int64_t compute_minrun(int64_t n) {
    int64_t r = 0;
    while (n >= 64) {
      r |= n & 1;
      n >>= 1;
    }
    return n + r;
  }

  // The length of the run starting at lo: non-descending, or strictly descending
  // (*descending; the caller reverses it). -1 on error.
  int64_t count_run(int64_t lo, int64_t hi, bool* descending) {
    *descending = false;
    if (lo + 1 == hi) return 1;
    int64_t n = 2;
    int r = sort_lt(keys_[lo + 1], keys_[lo]);
    if (r < 0) return -1;
    if (r) {
      *descending = true;
      for (int64_t i = lo + 2; i < hi; i++, n++) {
        r = sort_lt(keys_[i], keys_[i - 1]);
        if (r < 0) return -1;
        if (!r) break;
      }
    } else {
      for (int64_t i = lo + 2; i < hi; i++, n++) {
        r = sort_lt(keys_[i], keys_[i - 1]);
        if (r < 0) return -1;
        if (r) break;
      }
    }
    return n;
  }

  // Binary insertion sort of [lo, hi) whose prefix [lo, start) is sorted.
  int binary_sort(int64_t lo, int64_t hi, int64_t start) {
    if (lo == start) start++;
    for (int64_t i = start; i < hi; i++) {
      Value k = keys_[i];
      Value v = kKeyed ? vals_[i] : Value();
      int64_t l = lo, h = i;
      do {
        int64_t m = l + ((h - l) >> 1);
        int r = sort_lt(k, keys_[m]);
        if (r < 0) return -1;  // [lo, i) sorted, i untouched: nothing lost
        if (r) h = m;
        else l = m + 1;
      } while (l < h);
      for (int64_t j = i; j > l; j--) move(j, j - 1);
      keys_[l] = k;
      if (kKeyed) vals_[l] = v;
    }
    return 0;
  }

  // Merges the sorted runs [lo, mid) and [mid, hi).
  int merge(int64_t lo, int64_t mid, int64_t hi) {
    // Skip the prefix of the left run that is already in place.
    int r = sort_lt(keys_[mid], keys_[mid - 1]);
    if (r <= 0) return r;
    int64_t nl = mid - lo;
    std::copy(keys_ + lo, keys_ + mid, tmp_keys_.begin());
    if (kKeyed) std::copy(vals_ + lo, vals_ + mid, tmp_vals_.begin());
    int64_t i = 0, j = mid, k = lo;
    int status = 0;
    while (i < nl && j < hi) {
      r = sort_lt(keys_[j], tmp_keys_[size_t(i)]);
      if (r < 0) {
        status = -1;
        break;
      }
      if (r) {
        move(k++, j++);
      } else {
        keys_[k] = tmp_keys_[size_t(i)];
        if (kKeyed) vals_[k] = tmp_vals_[size_t(i)];
        k++;
        i++;
      }
    }
    // Whatever happened, the rest of the left run goes back in front of the rest of the
    // right run (k + (nl - i) == j), so every element stays present once.
    for (; i < nl; i++, k++) {
      keys_[k] = tmp_keys_[size_t(i)];
      if (kKeyed) vals_[k] = tmp_vals_[size_t(i)];
    }
    return status;
  }

  Value* keys_;
  Value* vals_;
  int64_t n_;
  std::vector<Value> tmp_keys_, tmp_vals_;
};

// -- Iterators ----------------------------------------------------------------------------------


Value make_list_iter(Type* type, Value seq, int64_t index) {
  Object* o = alloc_object(type, sizeof(ListIterObject));
  if (!o) return Value();
  ListIterObject* it = reinterpret_cast<ListIterObject*>(o);
  it->seq = newref(seq);
  it->index = index;
  gc_track(o);
  return Value::from(o);
}

Value list_iter(Value self) { return make_list_iter(&ListIterType, self, 0); }
Value list_reversed_iter(Value self) {
  return make_list_iter(&ListRevIterType, self, list_size(self) - 1);
}

void listiter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<ListIterObject*>(o)->seq);
  free_object(o);
}
void listiter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<ListIterObject*>(o)->seq, visit, arg);
}
void listiter_clear(Object* o) { clear_ref(&reinterpret_cast<ListIterObject*>(o)->seq); }

Value listiter_next(Value self) {
  ListIterObject* it = self.as<ListIterObject>();
  if (!it->seq) return Value();
  if (it->index < list_size(it->seq)) return newref(list_item(it->seq, it->index++));
  clear_ref(&it->seq);
  return Value();
}

Value listreviter_next(Value self) {
  ListIterObject* it = self.as<ListIterObject>();
  if (!it->seq) return Value();
  int64_t i = it->index;
  if (i >= 0 && i < list_size(it->seq)) {
    it->index--;
    return newref(list_item(it->seq, i));
  }
  it->index = -1;
  clear_ref(&it->seq);
  return Value();
}

Value listiter_length_hint(Value self, const Value*, size_t, Value) {
  ListIterObject* it = self.as<ListIterObject>();
  int64_t n = it->seq ? list_size(it->seq) - it->index : 0;
  return int_from_i64(n < 0 ? 0 : n);
}

Value listreviter_length_hint(Value self, const Value*, size_t, Value) {
  ListIterObject* it = self.as<ListIterObject>();
  int64_t n = it->seq && it->index < list_size(it->seq) ? it->index + 1 : 0;
  return int_from_i64(n < 0 ? 0 : n);
}

const MethodDef listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};
const MethodDef listreviter_methods[] = {
    {"__length_hint__", listreviter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

int list_sort(Value list, Value key, bool reverse) {
  ListObject* l = L(list);
  // Empty the list while sorting, so that mutation by a key or a comparison is seen (and
  // cannot free the items under our feet).
  int64_t n = l->size;
  Value* items = l->items;
  int64_t allocated = l->allocated;
  l->items = nullptr;
  l->size = 0;
  l->allocated = -1;

  int status = 0;
  std::vector<Value> keys;
  bool keyed = key && !is_none(key);
  if (keyed) {
    keys.reserve(size_t(n));
    for (int64_t i = 0; i < n; i++) {
      Value k = call1(key, items[i]);
      if (!k) {
        status = -1;
        break;
      }
      keys.push_back(k);
    }
  }
  if (status == 0 && n > 1) {
    // Reversing before and after keeps equal elements in their original order.
    if (reverse) {
      reverse_range(items, items + n);
      if (keyed) reverse_range(keys.data(), keys.data() + n);
    }
    if (keyed) status = MergeSorter<true>(keys.data(), items, n).run();
    else status = MergeSorter<false>(items, nullptr, n).run();
    if (reverse) {
      reverse_range(items, items + n);
      if (keyed) reverse_range(keys.data(), keys.data() + n);
    }
  }
  for (Value k : keys) decref(k);

  if (l->allocated != -1 && status == 0) {
    raise(ValueError, "list modified during sort");
    status = -1;
  }
  Value* mutated = l->items;
  int64_t mutated_n = l->size;
  l->items = items;
  l->size = n;
  l->allocated = allocated;
  if (mutated) {
    while (--mutated_n >= 0) xdecref(mutated[mutated_n]);
    mem_free(mutated);
  }
  return status;
}

Type ListType = {
    .ob = {kImmortal, &TypeType},
    .name = "list",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE | TF_SEQUENCE | TF_LIST_SUBCLASS | TF_MATCH_SELF,
    .basicsize = sizeof(ListObject),
    .dealloc = list_dealloc,
    .traverse = list_traverse,
    .clear = list_clear_slot,
    .repr = list_repr,
    .hash = hash_not_implemented,
    .richcompare = list_richcompare,
    .iter = list_iter,
    .new_ = list_new_slot,
    .init = list_init,
    .nb = {list_add, nullptr, nullptr, nullptr, nullptr, list_mul, nullptr, nullptr, nullptr,
           nullptr, nullptr, nullptr, nullptr, list_iadd, nullptr, nullptr, nullptr, nullptr,
           list_imul},
    .length = list_length,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .contains = list_contains,
    .methods = list_methods,
    .doc = "Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a "
           "new empty list.\nThe argument must be an iterable if specified.",
};

Type ListIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "list_iterator",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(ListIterObject),
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .clear = listiter_clear,
    .iter = iter_self,
    .iternext = listiter_next,
    .methods = listiter_methods,
};

Type ListRevIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "list_reverseiterator",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(ListIterObject),
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .clear = listiter_clear,
    .iter = iter_self,
    .iternext = listreviter_next,
    .methods = listreviter_methods,
};

}  // namespace strata
