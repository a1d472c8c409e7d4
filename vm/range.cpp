// vm/range.cpp — range (RangeType) over arbitrary ints, its iterators (a fast one over
// int64 values, a general one over ints of any size), and init_container_types(), which
// readies the iterator and view types of the container files.
#include "vm/range.h"

#include <cstddef>

#include "vm/abstract.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

struct RangeObject {
  Object ob;
  Value start, stop, step;  // ints
  Value length;             // int: the number of items (may exceed int64)
};

inline RangeObject* R(Value v) { return v.as<RangeObject>(); }

// (hi - lo - 1) // step + 1 for the side given by step's sign, or 0.
Value compute_length(Value start, Value stop, Value step) {
  if (start.is_small() && stop.is_small() && step.is_small()) {
    int64_t lo = start.small_value(), hi = stop.small_value(), st = step.small_value();
    if (st < 0) {
      std::swap(lo, hi);
      st = -st;
    }
    if (lo >= hi) return Value::small(0);
    // Both within 62 bits, so hi - lo fits.
    return int_from_i64((hi - lo - 1) / st + 1);
  }
  Ref lo, hi, st;
  if (int_sign(step) > 0) {
    lo.reset(newref(start));
    hi.reset(newref(stop));
    st.reset(newref(step));
  } else {
    lo.reset(newref(stop));
    hi.reset(newref(start));
    st.reset(negative(step));
    if (!st) return Value();
  }
  if (int_compare(*lo, *hi) >= 0) return Value::small(0);
  Ref diff(int_sub(*hi, *lo));
  if (!diff) return Value();
  Ref d1(int_sub(*diff, Value::small(1)));
  if (!d1) return Value();
  Ref q(int_floordiv(*d1, *st));
  if (!q) return Value();
  return int_add(*q, Value::small(1));
}

Value make_range(Value start, Value stop, Value step) {
  Value length = compute_length(start, stop, step);
  if (!length) return length;
  Object* o = alloc_object(&RangeType, sizeof(RangeObject));
  if (!o) {
    decref(length);
    return Value();
  }
  RangeObject* r = reinterpret_cast<RangeObject*>(o);
  r->start = newref(start);
  r->stop = newref(stop);
  r->step = newref(step);
  r->length = length;
  return Value::from(o);
}

Value range_new_slot(Type*, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("range", kwnames)) return Value();
  if (!check_positional("range", nargs, 1, 3)) return Value();
  Ref start, stop, step;
  if (nargs == 1) {
    stop.reset(number_index(args[0]));
    if (!stop) return Value();
    start.reset(Value::small(0));
    step.reset(Value::small(1));
  } else {
    start.reset(number_index(args[0]));
    if (!start) return Value();
    stop.reset(number_index(args[1]));
    if (!stop) return Value();
    if (nargs == 3) {
      step.reset(number_index(args[2]));
      if (!step) return Value();
      if (int_sign(*step) == 0) return raise(ValueError, "range() arg 3 must not be zero");
    } else {
      step.reset(Value::small(1));
    }
  }
  return make_range(*start, *stop, *step);
}

void range_dealloc(Object* o) {
  RangeObject* r = reinterpret_cast<RangeObject*>(o);
  decref(r->start);
  decref(r->stop);
  decref(r->step);
  decref(r->length);
  free_object(o);
}

Value range_repr(Value self) {
  RangeObject* r = R(self);
  if (r->step == Value::small(1)) return str_format_c("range(%R, %R)", r->start, r->stop);
  return str_format_c("range(%R, %R, %R)", r->start, r->stop, r->step);
}

int64_t range_len(Value self) {
  int64_t n;
  if (!int_to_i64(R(self)->length, &n)) {
    raise(OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
  }
  return n;
}

int range_bool(Value self) { return int_sign(R(self)->length) != 0; }

// start + i * step (i an int within range).
Value compute_item(RangeObject* r, Value i) {
  if (r->start.is_small() && r->step.is_small() && i.is_small()) {
    __int128 v = __int128(r->start.small_value()) +
                 __int128(i.small_value()) * __int128(r->step.small_value());
    if (v >= kSmallIntMin && v <= kSmallIntMax) return Value::small(int64_t(v));
  }
  Ref prod(int_mul(i, r->step));
  if (!prod) return Value();
  return int_add(r->start, *prod);
}

Value range_item_int(RangeObject* r, Value index) {
  Ref i(newref(index));
  if (int_sign(index) < 0) {
    i.reset(int_add(index, r->length));
    if (!i) return Value();
  }
  if (int_sign(*i) < 0 || int_compare(*i, r->length) >= 0)
    return raise(IndexError, "range object index out of range");
  return compute_item(r, *i);
}

Value range_subscript(Value self, Value key) {
  RangeObject* r = R(self);
  if (is_slice(key)) {
    Value start, stop, step;
    if (!slice_long_indices(key, r->length, &start, &stop, &step)) return Value();
    Ref substart(start), substop(stop), substep(step);
    Ref nstart(compute_item(r, *substart));
    if (!nstart) return Value();
    Ref nstop(compute_item(r, *substop));
    if (!nstop) return Value();
    Ref nstep(int_mul(*substep, r->step));
    if (!nstep) return Value();
    return make_range(*nstart, *nstop, *nstep);
  }
  if (has_index(key)) {
    Ref i(number_index(key));
    if (!i) return Value();
    return range_item_int(r, *i);
  }
  return raise(TypeError, "range indices must be integers or slices, not %.200s",
               type_name(key));
}

// For an exact int (or bool) ob: ob in r, by arithmetic. -1 on error.
int contains_long(RangeObject* r, Value ob) {
  int step_sign = int_sign(r->step);
  int c1, c2;
  if (step_sign > 0) {
    c1 = int_compare(r->start, ob) <= 0;
    c2 = int_compare(ob, r->stop) < 0;
  } else {
    c1 = int_compare(ob, r->start) <= 0;
    c2 = int_compare(r->stop, ob) < 0;
  }
  if (!c1 || !c2) return 0;
  Ref diff(int_sub(ob, r->start));
  if (!diff) return -1;
  Ref rem(int_mod(*diff, r->step));
  if (!rem) return -1;
  return int_sign(*rem) == 0;
}

inline bool is_int_or_bool(Value v) {
  return v.is_small() || type_of(v) == &IntType || type_of(v) == &BoolType;
}

int range_contains(Value self, Value ob) {
  if (is_int_or_bool(ob)) return contains_long(R(self), ob);
  int r = for_each(self, [&](Value item) -> int {
    int c = rich_compare_bool(item, ob, CMP_EQ);
    if (c < 0) return -1;
    return c ? 1 : 0;
  });
  return r;
}

int range_equals(Value a, Value b) {
  if (a == b) return 1;
  RangeObject* r0 = R(a);
  RangeObject* r1 = R(b);
  int c = int_compare(r0->length, r1->length);
  if (c != 0) return 0;
  if (int_sign(r0->length) == 0) return 1;
  if (int_compare(r0->start, r1->start) != 0) return 0;
  if (r0->length == Value::small(1)) return 1;
  return int_compare(r0->step, r1->step) == 0;
}

Value range_richcompare(Value a, Value b, int op) {
  if (type_of(b) != &RangeType || (op != CMP_EQ && op != CMP_NE)) return NotImplemented();
  int eq = range_equals(a, b);
  return Bool((eq == 1) == (op == CMP_EQ));
}

int64_t range_hash(Value self) {
  RangeObject* r = R(self);
  Value t;
  if (int_sign(r->length) == 0) t = tuple_pack({r->length, None(), None()});
  else if (r->length == Value::small(1)) t = tuple_pack({r->length, r->start, None()});
  else t = tuple_pack({r->length, r->start, r->step});
  if (!t) return -1;
  int64_t h = hash(t);
  decref(t);
  return h;
}

// -- Iterators ----------------------------------------------------------------------------------


struct LongRangeIterObject {
  Object ob;
  Value start, step, len;  // len counts down to 0
};

Value make_iter(Value start, Value step, Value len) {
  int64_t s, st, n;
  // The fast iterator needs every produced value to fit, as CPython's (all fit a C long).
  if (int_to_i64(start, &s) && int_to_i64(step, &st) && int_to_i64(len, &n)) {
    __int128 last = __int128(s) + __int128(st) * (n > 0 ? n - 1 : 0);
    if (last >= INT64_MIN && last <= INT64_MAX) {
      Object* o = alloc_object(&RangeIterType, sizeof(RangeIterObject));
      if (!o) return Value();
      RangeIterObject* it = reinterpret_cast<RangeIterObject*>(o);
      it->start = s;
      it->step = st;
      it->len = n;
      return Value::from(o);
    }
  }
  Object* o = alloc_object(&LongRangeIterType, sizeof(LongRangeIterObject));
  if (!o) return Value();
  LongRangeIterObject* it = reinterpret_cast<LongRangeIterObject*>(o);
  it->start = newref(start);
  it->step = newref(step);
  it->len = newref(len);
  return Value::from(o);
}

Value range_iter(Value self) {
  RangeObject* r = R(self);
  return make_iter(r->start, r->step, r->length);
}

Value m_reversed(Value self, const Value*, size_t, Value) {
  RangeObject* r = R(self);
  if (int_sign(r->length) == 0) return make_iter(Value::small(0), Value::small(1), r->length);
  Ref last_index(int_sub(r->length, Value::small(1)));
  if (!last_index) return Value();
  Ref last(compute_item(r, *last_index));
  if (!last) return Value();
  Ref neg(negative(r->step));
  if (!neg) return Value();
  return make_iter(*last, *neg, r->length);
}

Value m_count(Value self, const Value* args, size_t, Value) {
  if (is_int_or_bool(args[0])) {
    int c = contains_long(R(self), args[0]);
    if (c < 0) return Value();
    return Value::small(c);
  }
  int64_t count = 0;
  int r = for_each(self, [&](Value item) -> int {
    int c = rich_compare_bool(item, args[0], CMP_EQ);
    if (c < 0) return -1;
    count += c;
    return 0;
  });
  if (r < 0) return Value();
  return int_from_i64(count);
}

Value m_index(Value self, const Value* args, size_t, Value) {
  RangeObject* r = R(self);
  Value ob = args[0];
  if (is_int_or_bool(ob)) {
    int c = contains_long(r, ob);
    if (c < 0) return Value();
    if (c) {
      Ref diff(int_sub(ob, r->start));
      if (!diff) return Value();
      return int_floordiv(*diff, r->step);
    }
  } else {
    int64_t i = 0;
    int found = for_each(self, [&](Value item) -> int {
      int c = rich_compare_bool(item, ob, CMP_EQ);
      if (c < 0) return -1;
      if (c) return 1;
      i++;
      return 0;
    });
    if (found < 0) return Value();
    if (found) return int_from_i64(i);
  }
  return raise(ValueError, "%R is not in range", ob);
}

Value m_reduce(Value self, const Value*, size_t, Value) {
  RangeObject* r = R(self);
  Value args = tuple_pack({r->start, r->stop, r->step});
  if (!args) return args;
  Value res = tuple_pack({Value::from(&RangeType), args});
  decref(args);
  return res;
}

const MethodDef range_methods[] = {
    {"__reversed__", m_reversed, METH_NOARGS,
     "Return a reverse iterator."},
    {"__reduce__", m_reduce, METH_NOARGS, nullptr},
    {"count", m_count, METH_O, "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", m_index, METH_O,
     "rangeobject.index(value) -> integer -- return index of value.\nRaise ValueError if the "
     "value is not present."},
    {nullptr, nullptr, 0, nullptr}};

const MemberDef range_members[] = {
    {"start", MemberKind::ReadOnlyObject, offsetof(RangeObject, start), true, nullptr},
    {"stop", MemberKind::ReadOnlyObject, offsetof(RangeObject, stop), true, nullptr},
    {"step", MemberKind::ReadOnlyObject, offsetof(RangeObject, step), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr}};

void rangeiter_dealloc(Object* o) { free_object(o); }

Value rangeiter_next(Value self) {
  RangeIterObject* it = self.as<RangeIterObject>();
  if (it->len <= 0) return Value();
  int64_t v = it->start;
  it->start = v + (it->len > 1 ? it->step : 0);
  it->len--;
  return int_from_i64(v);
}

Value rangeiter_length_hint(Value self, const Value*, size_t, Value) {
  return int_from_i64(self.as<RangeIterObject>()->len);
}

const MethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};

void longrangeiter_dealloc(Object* o) {
  LongRangeIterObject* it = reinterpret_cast<LongRangeIterObject*>(o);
  decref(it->start);
  decref(it->step);
  decref(it->len);
  free_object(o);
}

Value longrangeiter_next(Value self) {
  LongRangeIterObject* it = self.as<LongRangeIterObject>();
  if (int_sign(it->len) <= 0) return Value();
  Value next_len = int_sub(it->len, Value::small(1));
  if (!next_len) return Value();
  Value next_start = int_add(it->start, it->step);
  if (!next_start) {
    decref(next_len);
    return Value();
  }
  Value result = it->start;  // ownership moves to the caller
  it->start = next_start;
  set_ref(&it->len, next_len);
  return result;
}

Value longrangeiter_length_hint(Value self, const Value*, size_t, Value) {
  return newref(self.as<LongRangeIterObject>()->len);
}

const MethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Type RangeType = {
    .ob = {kImmortal, &TypeType},
    .name = "range",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE | TF_SEQUENCE,
    .basicsize = sizeof(RangeObject),
    .dealloc = range_dealloc,
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .iter = range_iter,
    .new_ = range_new_slot,
    .nb_bool = range_bool,
    .length = range_len,
    .getitem = range_subscript,
    .contains = range_contains,
    .methods = range_methods,
    .members = range_members,
    .doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nReturn "
           "an object that produces a sequence of integers from start (inclusive)\nto stop "
           "(exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\nstart defaults "
           "to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\nThese are exactly the "
           "valid indices for a list of 4 elements.\nWhen step is given, it specifies the "
           "increment (or decrement).",
};

Type RangeIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "range_iterator",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE,
    .basicsize = sizeof(RangeIterObject),
    .dealloc = rangeiter_dealloc,
    .iter = iter_self,
    .iternext = rangeiter_next,
    .methods = rangeiter_methods,
};

Type LongRangeIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "longrange_iterator",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE,
    .basicsize = sizeof(LongRangeIterObject),
    .dealloc = longrangeiter_dealloc,
    .iter = iter_self,
    .iternext = longrangeiter_next,
    .methods = longrangeiter_methods,
};

int init_container_types() {
  static Type* const types[] = {
      &TupleIterType,      &ListIterType,         &ListRevIterType,     &DictKeysType,
      &DictValuesType,     &DictItemsType,        &DictKeyIterType,     &DictValueIterType,
      &DictItemIterType,   &DictRevKeyIterType,   &DictRevValueIterType, &DictRevItemIterType,
      &SetIterType,        &RangeIterType,        &LongRangeIterType,   &SeqIterType,
      &CallableIterType,   &EnumerateType,        &ZipType,             &MapType,
      &FilterType,         &ReversedType,         &GenericAliasType};
  for (Type* t : types)
    if (!has_flag(t, TF_READY) && type_ready(t) < 0) return -1;
  return 0;
}

}  // namespace strata
