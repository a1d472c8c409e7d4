// vm/slice.cpp — slice objects (SliceType): construction, repr, comparison, indices(),
// and the index arithmetic every sequence's slicing uses (PySlice_Unpack /
// PySlice_AdjustIndices, and the arbitrary-precision form for slice.indices and range).
#include <cstddef>
#include <string>

#include "vm/abstract.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"

namespace strata {

namespace {

inline SliceObject* SL(Value v) { return v.as<SliceObject>(); }

// _PyEval_SliceIndex: None keeps *out; an index is clamped to int64.
bool slice_index(Value v, int64_t* out) {
  if (is_none(v)) return true;
  if (v.is_small()) {
    *out = v.small_value();
    return true;
  }
  if (!has_index(v)) {
    raise(TypeError, "slice indices must be integers or None or have an __index__ method");
    return false;
  }
  int64_t i = as_ssize(v, nullptr);
  if (i == -1 && error_occurred()) return false;
  *out = i;
  return true;
}

}  // namespace

Value slice_new(Value start, Value stop, Value step) {
  Object* o = alloc_object(&SliceType, sizeof(SliceObject));
  if (!o) return Value();
  SliceObject* s = reinterpret_cast<SliceObject*>(o);
  s->start = start ? newref(start) : None();
  s->stop = stop ? newref(stop) : None();
  s->step = step ? newref(step) : None();
  gc_track(o);
  return Value::from(o);
}

bool slice_unpack(Value slice, int64_t* start, int64_t* stop, int64_t* step) {
  SliceObject* s = SL(slice);
  constexpr int64_t kMax = INT64_MAX;
  if (is_none(s->step)) {
    *step = 1;
  } else {
    if (!slice_index(s->step, step)) return false;
    if (*step == 0) {
      raise(ValueError, "slice step cannot be zero");
      return false;
    }
    // Keeps -step from overflowing when the step is reversed.
    if (*step < -kMax) *step = -kMax;
  }
  *start = *step < 0 ? kMax : 0;
  if (!slice_index(s->start, start)) return false;
  *stop = *step < 0 ? INT64_MIN : kMax;
  if (!slice_index(s->stop, stop)) return false;
  return true;
}

int64_t slice_adjust(int64_t length, int64_t* start, int64_t* stop, int64_t step) {
  if (*start < 0) {
    *start += length;
    if (*start < 0) *start = step < 0 ? -1 : 0;
  } else if (*start >= length) {
    *start = step < 0 ? length - 1 : length;
  }
  if (*stop < 0) {
    *stop += length;
    if (*stop < 0) *stop = step < 0 ? -1 : 0;
  } else if (*stop >= length) {
    *stop = step < 0 ? length - 1 : length;
  }
  if (step < 0) {
    if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
  } else if (*start < *stop) {
    return (*stop - *start - 1) / step + 1;
  }
  return 0;
}

int64_t slice_indices(Value slice, int64_t length, int64_t* start, int64_t* stop,
                      int64_t* step) {
  if (!slice_unpack(slice, start, stop, step)) return -1;
  return slice_adjust(length, start, stop, *step);
}

namespace {

// An int from a slice field for the long form (evaluate_slice_index).
Value long_index(Value v) {
  if (v.is_small()) return v;
  if (!has_index(v))
    return raise(TypeError, "slice indices must be integers or None or have an __index__ method");
  return number_index(v);
}

}  // namespace

bool slice_long_indices(Value slice, Value length, Value* start_out, Value* stop_out,
                        Value* step_out) {
  SliceObject* s = SL(slice);
  Ref step, lower, upper, start, stop;
  bool neg;
  if (is_none(s->step)) {
    step.reset(Value::small(1));
    neg = false;
  } else {
    step.reset(long_index(s->step));
    if (!step) return false;
    int sign = int_sign(*step);
    if (sign == 0) {
      raise(ValueError, "slice step cannot be zero");
      return false;
    }
    neg = sign < 0;
  }
  if (neg) {
    lower.reset(Value::small(-1));
    upper.reset(int_add(length, *lower));
    if (!upper) return false;
  } else {
    lower.reset(Value::small(0));
    upper.reset(newref(length));
  }
  // start and stop: relative to the end when negative, then clipped to [lower, upper].
  for (int which = 0; which < 2; which++) {
    Value field = which == 0 ? s->start : s->stop;
    Ref v;
    if (is_none(field)) {
      bool take_upper = which == 0 ? neg : !neg;
      v.reset(newref(take_upper ? *upper : *lower));
    } else {
      v.reset(long_index(field));
      if (!v) return false;
      if (int_sign(*v) < 0) {
        v.reset(int_add(*v, length));
        if (!v) return false;
        if (int_compare(*v, *lower) < 0) v.reset(newref(*lower));
      } else if (int_compare(*v, *upper) > 0) {
        v.reset(newref(*upper));
      }
    }
    (which == 0 ? start : stop) = std::move(v);
  }
  *start_out = start.release();
  *stop_out = stop.release();
  *step_out = step.release();
  return true;
}

namespace {

// -- Slots ---------------------------------------------------------------------------------

void slice_dealloc(Object* o) {
  gc_untrack(o);
  SliceObject* s = reinterpret_cast<SliceObject*>(o);
  xdecref(s->start);
  xdecref(s->stop);
  xdecref(s->step);
  free_object(o);
}

void slice_traverse(Object* o, VisitFn visit, void* arg) {
  SliceObject* s = reinterpret_cast<SliceObject*>(o);
  visit_value(s->start, visit, arg);
  visit_value(s->stop, visit, arg);
  visit_value(s->step, visit, arg);
}

void slice_clear(Object* o) {
  // Fields must stay non-null: replace them by None.
  SliceObject* s = reinterpret_cast<SliceObject*>(o);
  set_ref(&s->start, None());
  set_ref(&s->stop, None());
  set_ref(&s->step, None());
}

Value slice_repr(Value self) {
  SliceObject* s = SL(self);
  return str_format_c("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

Value slice_richcompare(Value a, Value b, int op) {
  if (!is_slice(a) || !is_slice(b)) return NotImplemented();
  if (a == b) {
    switch (op) {
      case CMP_EQ:
      case CMP_LE:
      case CMP_GE: return True();
      default: return False();
    }
  }
  Value ta = tuple_pack({SL(a)->start, SL(a)->stop, SL(a)->step});
  if (!ta) return ta;
  Value tb = tuple_pack({SL(b)->start, SL(b)->stop, SL(b)->step});
  if (!tb) {
    decref(ta);
    return tb;
  }
  Value r = rich_compare(ta, tb, op);
  decref(ta);
  decref(tb);
  return r;
}

Value slice_new_slot(Type*, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("slice", kwnames)) return Value();
  if (!check_positional("slice", nargs, 1, 3)) return Value();
  if (nargs == 1) return slice_new(Value(), args[0], Value());
  return slice_new(args[0], args[1], nargs == 3 ? args[2] : Value());
}

Value m_indices(Value self, const Value* args, size_t, Value) {
  Value length = number_index(args[0]);
  if (!length) return length;
  if (int_sign(length) < 0) {
    decref(length);
    return raise(ValueError, "length should not be negative");
  }
  Value start, stop, step;
  bool ok = slice_long_indices(self, length, &start, &stop, &step);
  decref(length);
  if (!ok) return Value();
  Value r = tuple_pack({start, stop, step});
  decref(start);
  decref(stop);
  decref(step);
  return r;
}

Value m_reduce(Value self, const Value*, size_t, Value) {
  SliceObject* s = SL(self);
  Value args = tuple_pack({s->start, s->stop, s->step});
  if (!args) return args;
  Value r = tuple_pack({Value::from(&SliceType), args});
  decref(args);
  return r;
}

const MethodDef slice_methods[] = {
    {"indices", m_indices, METH_O,
     "S.indices(len) -> (start, stop, stride)\n\nAssuming a sequence of length len, "
     "calculate the start and stop\nindices, and the stride length of the extended slice "
     "described by\nS. Out of bounds indices are clipped in a manner consistent with the\n"
     "handling of normal slices."},
    {"__reduce__", m_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr}};

const MemberDef slice_members[] = {
    {"start", MemberKind::ReadOnlyObject, offsetof(SliceObject, start), true, nullptr},
    {"stop", MemberKind::ReadOnlyObject, offsetof(SliceObject, stop), true, nullptr},
    {"step", MemberKind::ReadOnlyObject, offsetof(SliceObject, step), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr}};

}  // namespace

Type SliceType = {
    .ob = {kImmortal, &TypeType},
    .name = "slice",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(SliceObject),
    .dealloc = slice_dealloc,
    .traverse = slice_traverse,
    .clear = slice_clear,
    .repr = slice_repr,
    .hash = hash_not_implemented,
    .richcompare = slice_richcompare,
    .new_ = slice_new_slot,
    .methods = slice_methods,
    .members = slice_members,
    .doc = "slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.  This is used "
           "for extended slicing (e.g. a[0:10:2]).",
};

}  // namespace strata
