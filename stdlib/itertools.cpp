// stdlib/itertools.cpp — the `itertools` module: the infinite iterators (count, cycle,
// repeat), the iterators that stop on the shortest input (accumulate, chain, compress,
// dropwhile, filterfalse, groupby with its _grouper, islice, pairwise, starmap,
// takewhile, tee with _tee/_tee_dataobject, zip_longest) and the combinatoric ones
// (product, permutations, combinations, combinations_with_replacement), with CPython
// 3.11's argument errors and reprs.
//
// The combinatoric iterators keep their result tuple and hand out the same object again
// when nobody else holds it (refcount 1), as CPython does: a loop that unpacks each
// result allocates nothing per step. A reused tuple's cached hash is reset.
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

// -- Shared helpers ------------------------------------------------------------------------

Object* alloc_iter(Type* type, size_t size) {
  return alloc_object(type, type->basicsize > size ? type->basicsize : size);
}

// _PyType_Name: the part of tp_name after the last dot ("count" for itertools.count).
const char* short_type_name(Type* t) {
  const char* s = strrchr(t->name, '.');
  return s ? s + 1 : t->name;
}

// A tuple the iterator owns, made writable for the next result: the same object when the
// iterator holds the only reference, a copy otherwise (the caller then replaces *slot).
// Null on memory error.
Value writable_result(Value* slot) {
  Value r = *slot;
  if (r.obj()->refcnt == 1) {
    r.as<TupleObject>()->hash = -1;
    return r;
  }
  Value copy = tuple_from(tuple_items(r), tuple_size(r));
  if (!copy) return copy;
  set_ref(slot, copy);
  return copy;
}

inline void tuple_replace(Value t, int64_t i, Value v) {  // increfs v
  Value old = tuple_items(t)[i];
  tuple_items(t)[i] = newref(v);
  xdecref(old);
}

bool no_kwargs(Type* type, Type* own, const char* name, Value kwnames) {
  if (type != own) return true;
  return check_no_kwargs(name, kwnames);
}

// A Python-visible number for count(): int, float, complex or anything with __index__,
// __int__ or __float__ (PyNumber_Check).
bool is_number(Value v) {
  if (v.is_small()) return true;
  Type* t = type_of(v);
  return t->nb_index || t->nb_int || t->nb_float || is_instance_of(v, &ComplexType);
}

#define ITER_TYPE_HEAD(var, tpname, objtype, flags_)                 \
  .ob = {kImmortal, &TypeType}, .name = tpname, .base = &ObjectType, \
  .flags = TF_HAVE_GC | TF_IMMUTABLE | (flags_), .basicsize = sizeof(objtype)

// -- count -----------------------------------------------------------------------------------

struct CountObject {
  Object ob;
  Value cnt;   // the next value
  Value step;
};

Value count_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"start", "step"};
  ArgSpec spec{"count", names, 2, 0, 0, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Value start = a[0] ? a[0] : Value::small(0);
  Value step = a[1] ? a[1] : Value::small(1);
  if (!is_number(start) || !is_number(step)) return raise(TypeError, "a number is required");
  Object* o = alloc_iter(type, sizeof(CountObject));
  if (!o) return Value();
  CountObject* c = reinterpret_cast<CountObject*>(o);
  c->cnt = newref(start);
  c->step = newref(step);
  gc_track(o);
  return Value::from(o);
}

void count_dealloc(Object* o) {
  gc_untrack(o);
  CountObject* c = reinterpret_cast<CountObject*>(o);
  xdecref(c->cnt);
  xdecref(c->step);
  free_object(o);
}
void count_traverse(Object* o, VisitFn visit, void* arg) {
  CountObject* c = reinterpret_cast<CountObject*>(o);
  visit_value(c->cnt, visit, arg);
  visit_value(c->step, visit, arg);
}
void count_clear(Object* o) {
  CountObject* c = reinterpret_cast<CountObject*>(o);
  clear_ref(&c->cnt);
  clear_ref(&c->step);
}

Value count_next(Value self) {
  CountObject* c = self.as<CountObject>();
  Value cur = c->cnt;
  Value nxt;
  if (cur.is_small() && c->step.is_small()) {
    nxt = int_from_i64(cur.small_value() + c->step.small_value());
  } else {
    nxt = binary_op(cur, c->step, NB_ADD);
  }
  if (!nxt) return nxt;
  c->cnt = nxt;
  return cur;  // the reference the object held
}

// The step is left out of the repr when it is an int (or bool) equal to 1.
bool is_unit_step(Value step) {
  int64_t v;
  return is_int(step) && int_to_i64(step, &v) && v == 1;
}

Value count_repr(Value self) {
  CountObject* c = self.as<CountObject>();
  const char* name = short_type_name(type_of(self));
  bool unit_step = is_unit_step(c->step);
  if (unit_step) return str_format_c("%s(%R)", name, c->cnt);
  return str_format_c("%s(%R, %R)", name, c->cnt, c->step);
}

Value count_reduce(Value self, const Value*, size_t, Value) {
  CountObject* c = self.as<CountObject>();
  bool unit_step = is_unit_step(c->step);
  Ref args(unit_step ? tuple_pack({c->cnt}) : tuple_pack({c->cnt, c->step}));
  if (!args) return Value();
  return tuple_pack({Value::from(type_of(self)), *args});
}

const MethodDef count_methods[] = {
    {"__reduce__", count_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr}};

Type CountType = {
    ITER_TYPE_HEAD(CountType, "itertools.count", CountObject, TF_BASETYPE),
    .dealloc = count_dealloc,
    .traverse = count_traverse,
    .clear = count_clear,
    .repr = count_repr,
    .iter = iter_self,
    .iternext = count_next,
    .new_ = count_new,
    .methods = count_methods,
    .doc = "Return a count object whose .__next__() method returns consecutive values.\n\n"
           "Equivalent to:\n    def count(firstval=0, step=1):\n        x = firstval\n"
           "        while 1:\n            yield x\n            x += step",
};

// -- cycle -----------------------------------------------------------------------------------

struct CycleObject {
  Object ob;
  Value it;     // null once the input is exhausted
  Value saved;  // list
  int64_t index;
};

Value cycle_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (!no_kwargs(type, type, "cycle", kwnames)) return Value();
  if (!check_positional("cycle", nargs, 1, 1)) return Value();
  Ref it(get_iter(args[0]));
  if (!it) return Value();
  Ref saved(list_new(0));
  if (!saved) return Value();
  Object* o = alloc_iter(type, sizeof(CycleObject));
  if (!o) return Value();
  CycleObject* c = reinterpret_cast<CycleObject*>(o);
  c->it = it.release();
  c->saved = saved.release();
  c->index = 0;
  gc_track(o);
  return Value::from(o);
}

void cycle_dealloc(Object* o) {
  gc_untrack(o);
  CycleObject* c = reinterpret_cast<CycleObject*>(o);
  xdecref(c->it);
  xdecref(c->saved);
  free_object(o);
}
void cycle_traverse(Object* o, VisitFn visit, void* arg) {
  CycleObject* c = reinterpret_cast<CycleObject*>(o);
  visit_value(c->it, visit, arg);
  visit_value(c->saved, visit, arg);
}
void cycle_clear(Object* o) {
  CycleObject* c = reinterpret_cast<CycleObject*>(o);
  clear_ref(&c->it);
  clear_ref(&c->saved);
}

Value cycle_next(Value self) {
  CycleObject* c = self.as<CycleObject>();
  if (c->it) {
    Value item = iter_next(c->it);
    if (item) {
      if (list_append(c->saved, item) < 0) {
        decref(item);
        return Value();
      }
      return item;
    }
    if (error_occurred()) return Value();
    clear_ref(&c->it);
  }
  if (!c->saved) return Value();
  int64_t n = list_size(c->saved);
  if (n == 0) return Value();
  if (c->index >= n) c->index = 0;
  Value item = list_item(c->saved, c->index);
  c->index++;
  if (c->index >= n) c->index = 0;
  return newref(item);
}

Type CycleType = {
    ITER_TYPE_HEAD(CycleType, "itertools.cycle", CycleObject, TF_BASETYPE),
    .dealloc = cycle_dealloc,
    .traverse = cycle_traverse,
    .clear = cycle_clear,
    .iter = iter_self,
    .iternext = cycle_next,
    .new_ = cycle_new,
    .doc = "Return elements from the iterable until it is exhausted. Then repeat the "
           "sequence indefinitely.",
};

// -- repeat ----------------------------------------------------------------------------------

struct RepeatObject {
  Object ob;
  Value element;
  int64_t cnt;  // -1: forever
};

Value repeat_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"object", "times"};
  ArgSpec spec{"repeat", names, 2, 0, 1, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int64_t cnt = -1;
  if (a[1]) {
    cnt = as_ssize(a[1], OverflowError);
    if (cnt == -1 && error_occurred()) return Value();
    if (cnt < 0) cnt = 0;  // an explicit negative count means "never"
  }
  Object* o = alloc_iter(type, sizeof(RepeatObject));
  if (!o) return Value();
  RepeatObject* r = reinterpret_cast<RepeatObject*>(o);
  r->element = newref(a[0]);
  r->cnt = cnt;
  gc_track(o);
  return Value::from(o);
}

void repeat_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<RepeatObject*>(o)->element);
  free_object(o);
}
void repeat_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<RepeatObject*>(o)->element, visit, arg);
}
void repeat_clear(Object* o) { clear_ref(&reinterpret_cast<RepeatObject*>(o)->element); }

Value repeat_next(Value self) {
  RepeatObject* r = self.as<RepeatObject>();
  if (r->cnt == 0) return Value();
  if (r->cnt > 0) r->cnt--;
  return newref(r->element);
}

Value repeat_repr(Value self) {
  RepeatObject* r = self.as<RepeatObject>();
  const char* name = short_type_name(type_of(self));
  if (r->cnt == -1) return str_format_c("%s(%R)", name, r->element);
  return str_format_c("%s(%R, %zd)", name, r->element, r->cnt);
}

Value repeat_length_hint(Value self, const Value*, size_t, Value) {
  RepeatObject* r = self.as<RepeatObject>();
  if (r->cnt == -1) return raise(TypeError, "len() of unsized object");
  return int_from_i64(r->cnt);
}

Value repeat_reduce(Value self, const Value*, size_t, Value) {
  RepeatObject* r = self.as<RepeatObject>();
  Ref cnt(int_from_i64(r->cnt));
  Ref args(r->cnt == -1 ? tuple_pack({r->element}) : tuple_pack({r->element, *cnt}));
  if (!args) return Value();
  return tuple_pack({Value::from(type_of(self)), *args});
}

const MethodDef repeat_methods[] = {
    {"__length_hint__", repeat_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", repeat_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr}};

Type RepeatType = {
    ITER_TYPE_HEAD(RepeatType, "itertools.repeat", RepeatObject, TF_BASETYPE),
    .dealloc = repeat_dealloc,
    .traverse = repeat_traverse,
    .clear = repeat_clear,
    .repr = repeat_repr,
    .iter = iter_self,
    .iternext = repeat_next,
    .new_ = repeat_new,
    .methods = repeat_methods,
    .doc = "repeat(object [,times]) -> create an iterator which returns the object\n"
           "for the specified number of times.  If not specified, returns the object\n"
           "endlessly.",
};

// -- Iterators over one input with a function: dropwhile, takewhile, filterfalse, starmap --

struct FuncIterObject {
  Object ob;
  Value func;
  Value it;
  int64_t state;  // dropwhile: done dropping; takewhile: stopped
};

Value funciter_new(Type* type, Type* own, const char* name, const Value* args, size_t nargs,
                   Value kwnames) {
  if (!no_kwargs(type, own, name, kwnames)) return Value();
  if (!check_positional(name, nargs, 2, 2)) return Value();
  Ref it(get_iter(args[1]));
  if (!it) return Value();
  Object* o = alloc_iter(type, sizeof(FuncIterObject));
  if (!o) return Value();
  FuncIterObject* f = reinterpret_cast<FuncIterObject*>(o);
  f->func = newref(args[0]);
  f->it = it.release();
  f->state = 0;
  gc_track(o);
  return Value::from(o);
}

void funciter_dealloc(Object* o) {
  gc_untrack(o);
  FuncIterObject* f = reinterpret_cast<FuncIterObject*>(o);
  xdecref(f->func);
  xdecref(f->it);
  free_object(o);
}
void funciter_traverse(Object* o, VisitFn visit, void* arg) {
  FuncIterObject* f = reinterpret_cast<FuncIterObject*>(o);
  visit_value(f->func, visit, arg);
  visit_value(f->it, visit, arg);
}
void funciter_clear(Object* o) {
  FuncIterObject* f = reinterpret_cast<FuncIterObject*>(o);
  clear_ref(&f->func);
  clear_ref(&f->it);
}

// -1 error, 0 false, 1 true: bool(pred(item)).
int call_predicate(Value pred, Value item) {
  Value r = call1(pred, item);
  if (!r) return -1;
  int t = is_true(r);
  decref(r);
  return t;
}

extern Type DropWhileType, TakeWhileType, FilterFalseType, StarMapType;

Value dropwhile_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  return funciter_new(type, &DropWhileType, "dropwhile", args, nargs, kwnames);
}
Value takewhile_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  return funciter_new(type, &TakeWhileType, "takewhile", args, nargs, kwnames);
}
Value filterfalse_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  return funciter_new(type, &FilterFalseType, "filterfalse", args, nargs, kwnames);
}
Value starmap_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  return funciter_new(type, &StarMapType, "starmap", args, nargs, kwnames);
}

Value dropwhile_next(Value self) {
  FuncIterObject* f = self.as<FuncIterObject>();
  if (!f->it) return Value();
  for (;;) {
    Value item = iter_next(f->it);
    if (!item) return item;
    if (f->state) return item;
    int ok = call_predicate(f->func, item);
    if (ok < 0) {
      decref(item);
      return Value();
    }
    if (!ok) {
      f->state = 1;
      return item;
    }
    decref(item);
  }
}

Value takewhile_next(Value self) {
  FuncIterObject* f = self.as<FuncIterObject>();
  if (f->state || !f->it) return Value();
  Value item = iter_next(f->it);
  if (!item) return item;
  int ok = call_predicate(f->func, item);
  if (ok < 0) {
    decref(item);
    return Value();
  }
  if (ok) return item;
  decref(item);
  f->state = 1;
  return Value();
}

Value filterfalse_next(Value self) {
  FuncIterObject* f = self.as<FuncIterObject>();
  if (!f->it) return Value();
  for (;;) {
    Value item = iter_next(f->it);
    if (!item) return item;
    int ok = is_none(f->func) ? is_true(item) : call_predicate(f->func, item);
    if (ok < 0) {
      decref(item);
      return Value();
    }
    if (!ok) return item;
    decref(item);
  }
}

Value starmap_next(Value self) {
  FuncIterObject* f = self.as<FuncIterObject>();
  if (!f->it) return Value();
  Value args = iter_next(f->it);
  if (!args) return args;
  if (!is_exact_tuple(args)) {
    Value t = sequence_tuple(args);
    decref(args);
    if (!t) return t;
    args = t;
  }
  Value r = call(f->func, tuple_items(args), size_t(tuple_size(args)));
  decref(args);
  return r;
}

#define FUNC_ITER_TYPE(var, tpname, newfn, nextfn, docstr)                 \
  Type var = {                                                             \
      ITER_TYPE_HEAD(var, tpname, FuncIterObject, TF_BASETYPE),            \
      .dealloc = funciter_dealloc,                                         \
      .traverse = funciter_traverse,                                       \
      .clear = funciter_clear,                                             \
      .iter = iter_self,                                                   \
      .iternext = nextfn,                                                  \
      .new_ = newfn,                                                       \
      .doc = docstr,                                                       \
  };

FUNC_ITER_TYPE(DropWhileType, "itertools.dropwhile", dropwhile_new, dropwhile_next,
               "Drop items from the iterable while predicate(item) is true.\n\n"
               "Afterwards, return every element until the iterable is exhausted.")
FUNC_ITER_TYPE(TakeWhileType, "itertools.takewhile", takewhile_new, takewhile_next,
               "Return successive entries from an iterable as long as the predicate "
               "evaluates to true for each entry.")
FUNC_ITER_TYPE(FilterFalseType, "itertools.filterfalse", filterfalse_new, filterfalse_next,
               "Return those items of iterable for which function(item) is false.\n\n"
               "If function is None, return the items that are false.")
FUNC_ITER_TYPE(StarMapType, "itertools.starmap", starmap_new, starmap_next,
               "Return an iterator whose values are returned from the function evaluated "
               "with an argument tuple taken from the given sequence.")

// -- accumulate ------------------------------------------------------------------------------

struct AccumulateObject {
  Object ob;
  Value total;    // null before the first item
  Value it;
  Value binop;    // null: addition
  Value initial;  // null once returned (or when not given)
};

Value accumulate_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"iterable", "func", "initial"};
  ArgSpec spec{"accumulate", names, 3, 0, 1, 2};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Ref it(get_iter(a[0]));
  if (!it) return Value();
  Object* o = alloc_iter(type, sizeof(AccumulateObject));
  if (!o) return Value();
  AccumulateObject* acc = reinterpret_cast<AccumulateObject*>(o);
  acc->it = it.release();
  acc->binop = (a[1] && !is_none(a[1])) ? newref(a[1]) : Value();
  acc->initial = (a[2] && !is_none(a[2])) ? newref(a[2]) : Value();
  acc->total = Value();
  gc_track(o);
  return Value::from(o);
}

void accumulate_dealloc(Object* o) {
  gc_untrack(o);
  AccumulateObject* a = reinterpret_cast<AccumulateObject*>(o);
  xdecref(a->total);
  xdecref(a->it);
  xdecref(a->binop);
  xdecref(a->initial);
  free_object(o);
}
void accumulate_traverse(Object* o, VisitFn visit, void* arg) {
  AccumulateObject* a = reinterpret_cast<AccumulateObject*>(o);
  visit_value(a->total, visit, arg);
  visit_value(a->it, visit, arg);
  visit_value(a->binop, visit, arg);
  visit_value(a->initial, visit, arg);
}
void accumulate_clear(Object* o) {
  AccumulateObject* a = reinterpret_cast<AccumulateObject*>(o);
  clear_ref(&a->total);
  clear_ref(&a->it);
  clear_ref(&a->binop);
  clear_ref(&a->initial);
}

Value accumulate_next(Value self) {
  AccumulateObject* a = self.as<AccumulateObject>();
  if (a->initial) {
    set_ref(&a->total, a->initial);
    a->initial = Value();
    return newref(a->total);
  }
  if (!a->it) return Value();
  Value val = iter_next(a->it);
  if (!val) return val;
  if (!a->total) {
    a->total = val;
    return newref(val);
  }
  Value nt = a->binop ? call2(a->binop, a->total, val) : binary_op(a->total, val, NB_ADD);
  decref(val);
  if (!nt) return nt;
  set_ref(&a->total, nt);
  return newref(nt);
}

Type AccumulateType = {
    ITER_TYPE_HEAD(AccumulateType, "itertools.accumulate", AccumulateObject, TF_BASETYPE),
    .dealloc = accumulate_dealloc,
    .traverse = accumulate_traverse,
    .clear = accumulate_clear,
    .iter = iter_self,
    .iternext = accumulate_next,
    .new_ = accumulate_new,
    .doc = "Return series of accumulated sums (or other binary function results).",
};

// -- chain -----------------------------------------------------------------------------------

struct ChainObject {
  Object ob;
  Value source;  // iterator over the iterables; null when exhausted
  Value active;  // iterator of the current iterable, or null
};

extern Type ChainType;

Value chain_make(Type* type, Value source) {  // steals source
  Object* o = alloc_iter(type, sizeof(ChainObject));
  if (!o) {
    decref(source);
    return Value();
  }
  ChainObject* c = reinterpret_cast<ChainObject*>(o);
  c->source = source;
  c->active = Value();
  gc_track(o);
  return Value::from(o);
}

Value chain_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (!no_kwargs(type, &ChainType, "chain", kwnames)) return Value();
  Ref t(tuple_from(args, int64_t(nargs)));
  if (!t) return Value();
  Value source = get_iter(*t);
  if (!source) return source;
  return chain_make(type, source);
}

Value chain_from_iterable(Value cls, const Value* args, size_t, Value) {
  Value source = get_iter(args[0]);
  if (!source) return source;
  return chain_make(cls.as<Type>(), source);
}

void chain_dealloc(Object* o) {
  gc_untrack(o);
  ChainObject* c = reinterpret_cast<ChainObject*>(o);
  xdecref(c->source);
  xdecref(c->active);
  free_object(o);
}
void chain_traverse(Object* o, VisitFn visit, void* arg) {
  ChainObject* c = reinterpret_cast<ChainObject*>(o);
  visit_value(c->source, visit, arg);
  visit_value(c->active, visit, arg);
}
void chain_clear(Object* o) {
  ChainObject* c = reinterpret_cast<ChainObject*>(o);
  clear_ref(&c->source);
  clear_ref(&c->active);
}

Value chain_next(Value self) {
  ChainObject* c = self.as<ChainObject>();
  while (c->source) {
    if (!c->active) {
      Value iterable = iter_next(c->source);
      if (!iterable) {
        clear_ref(&c->source);
        return Value();
      }
      Value it = get_iter(iterable);
      decref(iterable);
      if (!it) {
        clear_ref(&c->source);
        return Value();
      }
      c->active = it;
    }
    Value item = iter_next(c->active);
    if (item) return item;
    if (error_occurred()) return Value();
    clear_ref(&c->active);
  }
  return Value();
}

const MethodDef chain_methods[] = {
    {"from_iterable", chain_from_iterable, METH_O | METH_CLASS,
     "Alternative chain() constructor taking a single iterable argument that evaluates "
     "lazily."},
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr}};

Type ChainType = {
    ITER_TYPE_HEAD(ChainType, "itertools.chain", ChainObject, TF_BASETYPE),
    .dealloc = chain_dealloc,
    .traverse = chain_traverse,
    .clear = chain_clear,
    .iter = iter_self,
    .iternext = chain_next,
    .new_ = chain_new,
    .methods = chain_methods,
    .doc = "chain(*iterables) --> chain object\n\nReturn a chain object whose .__next__() "
           "method returns elements from the\nfirst iterable until it is exhausted, then "
           "elements from the next\niterable, until all of the iterables are exhausted.",
};

// -- compress --------------------------------------------------------------------------------

struct CompressObject {
  Object ob;
  Value data;
  Value selectors;
};

Value compress_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"data", "selectors"};
  ArgSpec spec{"compress", names, 2, 0, 2, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Ref data(get_iter(a[0]));
  if (!data) return Value();
  Ref sel(get_iter(a[1]));
  if (!sel) return Value();
  Object* o = alloc_iter(type, sizeof(CompressObject));
  if (!o) return Value();
  CompressObject* c = reinterpret_cast<CompressObject*>(o);
  c->data = data.release();
  c->selectors = sel.release();
  gc_track(o);
  return Value::from(o);
}

void compress_dealloc(Object* o) {
  gc_untrack(o);
  CompressObject* c = reinterpret_cast<CompressObject*>(o);
  xdecref(c->data);
  xdecref(c->selectors);
  free_object(o);
}
void compress_traverse(Object* o, VisitFn visit, void* arg) {
  CompressObject* c = reinterpret_cast<CompressObject*>(o);
  visit_value(c->data, visit, arg);
  visit_value(c->selectors, visit, arg);
}
void compress_clear(Object* o) {
  CompressObject* c = reinterpret_cast<CompressObject*>(o);
  clear_ref(&c->data);
  clear_ref(&c->selectors);
}

Value compress_next(Value self) {
  CompressObject* c = self.as<CompressObject>();
  if (!c->data || !c->selectors) return Value();
  for (;;) {
    Value datum = iter_next(c->data);
    if (!datum) return datum;
    Value sel = iter_next(c->selectors);
    if (!sel) {
      decref(datum);
      return sel;
    }
    int ok = is_true(sel);
    decref(sel);
    if (ok > 0) return datum;
    decref(datum);
    if (ok < 0) return Value();
  }
}

Type CompressType = {
    ITER_TYPE_HEAD(CompressType, "itertools.compress", CompressObject, TF_BASETYPE),
    .dealloc = compress_dealloc,
    .traverse = compress_traverse,
    .clear = compress_clear,
    .iter = iter_self,
    .iternext = compress_next,
    .new_ = compress_new,
    .doc = "Return data elements corresponding to true selector elements.\n\n"
           "Forms a shorter iterator from selected data elements using the selectors to\n"
           "choose the data elements.",
};

// -- groupby and _grouper --------------------------------------------------------------------

struct GroupByObject {
  Object ob;
  Value it;
  Value keyfunc;    // None: the identity
  Value tgtkey;     // key of the group being handed out
  Value currkey;    // key of currvalue
  Value currvalue;  // the item read ahead, or null
  Object* currgrouper;  // borrowed: the only _grouper that may still advance
};

struct GrouperObject {
  Object ob;
  Value parent;  // GroupByObject
  Value tgtkey;
};

extern Type GrouperType;

Value groupby_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"iterable", "key"};
  ArgSpec spec{"groupby", names, 2, 0, 1, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Ref it(get_iter(a[0]));
  if (!it) return Value();
  Object* o = alloc_iter(type, sizeof(GroupByObject));
  if (!o) return Value();
  GroupByObject* g = reinterpret_cast<GroupByObject*>(o);
  g->it = it.release();
  g->keyfunc = newref(a[1] ? a[1] : None());
  gc_track(o);
  return Value::from(o);
}

void groupby_dealloc(Object* o) {
  gc_untrack(o);
  GroupByObject* g = reinterpret_cast<GroupByObject*>(o);
  xdecref(g->it);
  xdecref(g->keyfunc);
  xdecref(g->tgtkey);
  xdecref(g->currkey);
  xdecref(g->currvalue);
  free_object(o);
}
void groupby_traverse(Object* o, VisitFn visit, void* arg) {
  GroupByObject* g = reinterpret_cast<GroupByObject*>(o);
  visit_value(g->it, visit, arg);
  visit_value(g->keyfunc, visit, arg);
  visit_value(g->tgtkey, visit, arg);
  visit_value(g->currkey, visit, arg);
  visit_value(g->currvalue, visit, arg);
}
void groupby_clear(Object* o) {
  GroupByObject* g = reinterpret_cast<GroupByObject*>(o);
  clear_ref(&g->it);
  clear_ref(&g->keyfunc);
  clear_ref(&g->tgtkey);
  clear_ref(&g->currkey);
  clear_ref(&g->currvalue);
}

// Reads the next item and its key into currvalue/currkey; -1 at the end or on error.
int groupby_step(GroupByObject* g) {
  if (!g->it) return -1;
  Value v = iter_next(g->it);
  if (!v) return -1;
  Value k;
  if (is_none(g->keyfunc)) {
    k = newref(v);
  } else {
    k = call1(g->keyfunc, v);
    if (!k) {
      decref(v);
      return -1;
    }
  }
  set_ref(&g->currvalue, v);
  set_ref(&g->currkey, k);
  return 0;
}

Value groupby_next(Value self) {
  GroupByObject* g = self.as<GroupByObject>();
  g->currgrouper = nullptr;
  // Skip the rest of the current group.
  for (;;) {
    if (!g->currkey) {
      // read below
    } else if (!g->tgtkey) {
      break;
    } else {
      int eq = rich_compare_bool(g->tgtkey, g->currkey, CMP_EQ);
      if (eq < 0) return Value();
      if (eq == 0) break;
    }
    if (groupby_step(g) < 0) return Value();
  }
  set_ref(&g->tgtkey, newref(g->currkey));
  Object* go = alloc_object(&GrouperType, sizeof(GrouperObject));
  if (!go) return Value();
  GrouperObject* gr = reinterpret_cast<GrouperObject*>(go);
  gr->parent = newref(self);
  gr->tgtkey = newref(g->tgtkey);
  gc_track(go);
  g->currgrouper = go;
  Value grouper = Value::from(go);
  Value r = tuple_pack({g->currkey, grouper});
  decref(grouper);
  return r;
}

Type GroupByType = {
    ITER_TYPE_HEAD(GroupByType, "itertools.groupby", GroupByObject, TF_BASETYPE),
    .dealloc = groupby_dealloc,
    .traverse = groupby_traverse,
    .clear = groupby_clear,
    .iter = iter_self,
    .iternext = groupby_next,
    .new_ = groupby_new,
    .doc = "make an iterator that returns consecutive keys and groups from the iterable\n\n"
           "  iterable\n    Elements to divide into groups according to the key function.\n"
           "  key\n    A function for computing the group category for each element.\n"
           "    If the key function is not specified or is None, the element itself\n"
           "    is used for grouping.",
};

void grouper_dealloc(Object* o) {
  gc_untrack(o);
  GrouperObject* gr = reinterpret_cast<GrouperObject*>(o);
  if (gr->parent) {
    GroupByObject* g = gr->parent.as<GroupByObject>();
    if (g->currgrouper == o) g->currgrouper = nullptr;
  }
  xdecref(gr->parent);
  xdecref(gr->tgtkey);
  free_object(o);
}
void grouper_traverse(Object* o, VisitFn visit, void* arg) {
  GrouperObject* gr = reinterpret_cast<GrouperObject*>(o);
  visit_value(gr->parent, visit, arg);
  visit_value(gr->tgtkey, visit, arg);
}
void grouper_clear(Object* o) {
  GrouperObject* gr = reinterpret_cast<GrouperObject*>(o);
  clear_ref(&gr->parent);
  clear_ref(&gr->tgtkey);
}

Value grouper_next(Value self) {
  GrouperObject* gr = self.as<GrouperObject>();
  if (!gr->parent) return Value();
  GroupByObject* g = gr->parent.as<GroupByObject>();
  if (g->currgrouper != self.obj()) return Value();
  if (!g->currvalue) {
    if (groupby_step(g) < 0) return Value();
  }
  int eq = rich_compare_bool(gr->tgtkey, g->currkey, CMP_EQ);
  if (eq <= 0) return Value();
  Value r = g->currvalue;
  g->currvalue = Value();
  clear_ref(&g->currkey);
  return r;
}

Type GrouperType = {
    ITER_TYPE_HEAD(GrouperType, "itertools._grouper", GrouperObject, 0),
    .dealloc = grouper_dealloc,
    .traverse = grouper_traverse,
    .clear = grouper_clear,
    .iter = iter_self,
    .iternext = grouper_next,
};

// -- islice ----------------------------------------------------------------------------------

struct ISliceObject {
  Object ob;
  Value it;       // null when exhausted
  int64_t next;   // index of the next item to return
  int64_t stop;   // -1: no limit
  int64_t step;
  int64_t cnt;    // items consumed so far
};

extern Type ISliceType;

Value islice_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (!no_kwargs(type, &ISliceType, "islice", kwnames)) return Value();
  if (!check_positional("islice", nargs, 2, 4)) return Value();
  const char* stop_msg =
      "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
  int64_t start = 0, stop = -1, step = 1;
  Value seq = args[0];
  if (nargs == 2) {
    if (!is_none(args[1])) {
      stop = as_ssize(args[1], OverflowError);
      if (stop == -1) {
        if (error_occurred()) clear_error();
        return raise(ValueError, "%s", stop_msg);
      }
    }
  } else {
    if (!is_none(args[1])) start = as_ssize(args[1], OverflowError);
    if (start == -1 && error_occurred()) clear_error();
    if (!is_none(args[2])) {
      stop = as_ssize(args[2], OverflowError);
      if (stop == -1) {
        if (error_occurred()) clear_error();
        return raise(ValueError, "%s", stop_msg);
      }
    }
  }
  if (start < 0 || stop < -1) {
    return raise(ValueError,
                 "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
  }
  if (nargs == 4 && !is_none(args[3])) {
    step = as_ssize(args[3], OverflowError);
    if (step == -1 && error_occurred()) clear_error();
  }
  if (step < 1) return raise(ValueError, "Step for islice() must be a positive integer or None.");
  Ref it(get_iter(seq));
  if (!it) return Value();
  Object* o = alloc_iter(type, sizeof(ISliceObject));
  if (!o) return Value();
  ISliceObject* s = reinterpret_cast<ISliceObject*>(o);
  s->it = it.release();
  s->next = start;
  s->stop = stop;
  s->step = step;
  s->cnt = 0;
  gc_track(o);
  return Value::from(o);
}

void islice_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<ISliceObject*>(o)->it);
  free_object(o);
}
void islice_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<ISliceObject*>(o)->it, visit, arg);
}
void islice_clear(Object* o) { clear_ref(&reinterpret_cast<ISliceObject*>(o)->it); }

Value islice_next(Value self) {
  ISliceObject* s = self.as<ISliceObject>();
  if (!s->it) return Value();
  while (s->cnt < s->next) {
    Value item = iter_next(s->it);
    if (!item) {
      clear_ref(&s->it);
      return item;
    }
    decref(item);
    s->cnt++;
  }
  if (s->stop != -1 && s->cnt >= s->stop) {
    clear_ref(&s->it);
    return Value();
  }
  Value item = iter_next(s->it);
  if (!item) {
    clear_ref(&s->it);
    return item;
  }
  s->cnt++;
  int64_t old = s->next;
  if (__builtin_add_overflow(s->next, s->step, &s->next) || s->next < old ||
      (s->stop != -1 && s->next > s->stop)) {
    s->next = s->stop;
  }
  return item;
}

Type ISliceType = {
    ITER_TYPE_HEAD(ISliceType, "itertools.islice", ISliceObject, TF_BASETYPE),
    .dealloc = islice_dealloc,
    .traverse = islice_traverse,
    .clear = islice_clear,
    .iter = iter_self,
    .iternext = islice_next,
    .new_ = islice_new,
    .doc = "islice(iterable, stop) --> islice object\nislice(iterable, start, stop[, step]) "
           "--> islice object\n\nReturn an iterator whose next() method returns selected "
           "values from an\niterable.  If start is specified, will skip all preceding "
           "elements;\notherwise, start defaults to zero.  Step defaults to one.  If\n"
           "specified as another value, step determines how many values are\nskipped "
           "between successive calls.  Works like a slice() on a list\nbut returns an "
           "iterator.",
};

// -- pairwise --------------------------------------------------------------------------------

struct PairwiseObject {
  Object ob;
  Value it;
  Value old;
};

extern Type PairwiseType;

Value pairwise_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (!no_kwargs(type, &PairwiseType, "pairwise", kwnames)) return Value();
  if (!check_positional("pairwise", nargs, 1, 1)) return Value();
  Ref it(get_iter(args[0]));
  if (!it) return Value();
  Object* o = alloc_iter(type, sizeof(PairwiseObject));
  if (!o) return Value();
  PairwiseObject* p = reinterpret_cast<PairwiseObject*>(o);
  p->it = it.release();
  p->old = Value();
  gc_track(o);
  return Value::from(o);
}

void pairwise_dealloc(Object* o) {
  gc_untrack(o);
  PairwiseObject* p = reinterpret_cast<PairwiseObject*>(o);
  xdecref(p->it);
  xdecref(p->old);
  free_object(o);
}
void pairwise_traverse(Object* o, VisitFn visit, void* arg) {
  PairwiseObject* p = reinterpret_cast<PairwiseObject*>(o);
  visit_value(p->it, visit, arg);
  visit_value(p->old, visit, arg);
}
void pairwise_clear(Object* o) {
  PairwiseObject* p = reinterpret_cast<PairwiseObject*>(o);
  clear_ref(&p->it);
  clear_ref(&p->old);
}

Value pairwise_next(Value self) {
  PairwiseObject* p = self.as<PairwiseObject>();
  if (!p->it) return Value();
  if (!p->old) {
    p->old = iter_next(p->it);
    if (!p->old) {
      clear_ref(&p->it);
      return Value();
    }
  }
  Value nw = iter_next(p->it);
  if (!nw) {
    clear_ref(&p->it);
    clear_ref(&p->old);
    return Value();
  }
  Value r = tuple_pack({p->old, nw});
  set_ref(&p->old, nw);
  return r;
}

Type PairwiseType = {
    ITER_TYPE_HEAD(PairwiseType, "itertools.pairwise", PairwiseObject, TF_BASETYPE),
    .dealloc = pairwise_dealloc,
    .traverse = pairwise_traverse,
    .clear = pairwise_clear,
    .iter = iter_self,
    .iternext = pairwise_next,
    .new_ = pairwise_new,
    .doc = "Return an iterator of overlapping pairs taken from the input iterator.\n\n"
           "    s -> (s0,s1), (s1,s2), (s2, s3), ...",
};

// -- tee: _tee_dataobject (a linked list of blocks of read-ahead items) and _tee ----------

constexpr int kLinkCells = 57;

struct TeeDataObject {
  Object ob;
  Value it;
  int numread;   // cells of `values` filled
  bool running;  // reading from `it` right now (re-entry is an error)
  Value nextlink;
  Value values[kLinkCells];
};

struct TeeObject {
  Object ob;
  Value dataobj;
  int index;  // the next cell of dataobj to read
  Value weakreflist;
};

extern Type TeeDataType, TeeType;

Value teedata_new(Value it) {
  Object* o = alloc_object(&TeeDataType, sizeof(TeeDataObject));
  if (!o) return Value();
  TeeDataObject* d = reinterpret_cast<TeeDataObject*>(o);
  d->it = newref(it);
  d->numread = 0;
  d->running = false;
  d->nextlink = Value();
  gc_track(o);
  return Value::from(o);
}

void teedata_release(TeeDataObject* d) {
  for (int i = 0; i < d->numread; i++) clear_ref(&d->values[i]);
  d->numread = 0;
  clear_ref(&d->it);
}

void teedata_dealloc(Object* o) {
  gc_untrack(o);
  TeeDataObject* d = reinterpret_cast<TeeDataObject*>(o);
  teedata_release(d);
  // Unlink the chain iteratively: a long tee buffer would otherwise recurse once per block.
  Value next = d->nextlink;
  d->nextlink = Value();
  free_object(o);
  while (next && next.obj()->refcnt == 1) {
    TeeDataObject* n = next.as<TeeDataObject>();
    Value after = n->nextlink;
    n->nextlink = Value();
    decref(next);
    next = after;
  }
  xdecref(next);
}
void teedata_traverse(Object* o, VisitFn visit, void* arg) {
  TeeDataObject* d = reinterpret_cast<TeeDataObject*>(o);
  visit_value(d->it, visit, arg);
  for (int i = 0; i < d->numread; i++) visit_value(d->values[i], visit, arg);
  visit_value(d->nextlink, visit, arg);
}
void teedata_clear(Object* o) {
  TeeDataObject* d = reinterpret_cast<TeeDataObject*>(o);
  teedata_release(d);
  clear_ref(&d->nextlink);
}

Type TeeDataType = {
    ITER_TYPE_HEAD(TeeDataType, "itertools._tee_dataobject", TeeDataObject, 0),
    .dealloc = teedata_dealloc,
    .traverse = teedata_traverse,
    .clear = teedata_clear,
    .doc = "teedataobject(iterable, values, next, /)\n--\n\nData container common to "
           "multiple tee objects.",
};

Value tee_from_data(Value data, int index) {
  Object* o = alloc_object(&TeeType, sizeof(TeeObject));
  if (!o) return Value();
  TeeObject* t = reinterpret_cast<TeeObject*>(o);
  t->dataobj = newref(data);
  t->index = index;
  t->weakreflist = Value();
  gc_track(o);
  return Value::from(o);
}

Value tee_from_iterable(Value iterable) {
  Ref it(get_iter(iterable));
  if (!it) return Value();
  if (type_of(*it) == &TeeType) {
    TeeObject* src = it.get().as<TeeObject>();
    return tee_from_data(src->dataobj, src->index);
  }
  Ref data(teedata_new(*it));
  if (!data) return Value();
  return tee_from_data(*data, 0);
}

Value tee_new(Type*, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("_tee", kwnames)) return Value();
  if (!check_positional("_tee", nargs, 1, 1)) return Value();
  return tee_from_iterable(args[0]);
}

void tee_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<TeeObject*>(o)->dataobj);
  free_object(o);
}
void tee_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<TeeObject*>(o)->dataobj, visit, arg);
}
void tee_clear(Object* o) { clear_ref(&reinterpret_cast<TeeObject*>(o)->dataobj); }

Value tee_next(Value self) {
  TeeObject* t = self.as<TeeObject>();
  if (!t->dataobj) return Value();
  if (t->index >= kLinkCells) {
    TeeDataObject* d = t->dataobj.as<TeeDataObject>();
    if (!d->nextlink) {
      d->nextlink = teedata_new(d->it);
      if (!d->nextlink) return Value();
    }
    set_ref(&t->dataobj, newref(d->nextlink));
    t->index = 0;
  }
  TeeDataObject* d = t->dataobj.as<TeeDataObject>();
  Value v;
  if (t->index < d->numread) {
    v = newref(d->values[t->index]);
  } else {
    if (d->running) return raise(RuntimeError, "cannot re-enter the tee iterator");
    if (!d->it) return Value();
    d->running = true;
    v = iter_next(d->it);
    d->running = false;
    if (!v) return v;
    d->values[d->numread++] = newref(v);
  }
  t->index++;
  return v;
}

Value tee_copy(Value self, const Value*, size_t, Value) {
  TeeObject* t = self.as<TeeObject>();
  return tee_from_data(t->dataobj, t->index);
}

const MethodDef tee_methods[] = {
    {"__copy__", tee_copy, METH_NOARGS, "Returns an independent iterator."},
    {nullptr, nullptr, 0, nullptr}};

Type TeeType = {
    ITER_TYPE_HEAD(TeeType, "itertools._tee", TeeObject, 0),
    .weaklistoffset = offsetof(TeeObject, weakreflist),
    .dealloc = tee_dealloc,
    .traverse = tee_traverse,
    .clear = tee_clear,
    .iter = iter_self,
    .iternext = tee_next,
    .new_ = tee_new,
    .methods = tee_methods,
    .doc = "Iterator wrapped to make it copyable.",
};

Value itertools_tee(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("tee", nargs, 1, 2)) return Value();
  int64_t n = 2;
  if (nargs == 2) {
    n = as_ssize(args[1], OverflowError);
    if (n == -1 && error_occurred()) return Value();
  }
  if (n < 0) return raise(ValueError, "n must be >= 0");
  Ref result(tuple_new(n));
  if (!result || n == 0) return result.release();
  Ref it(get_iter(args[0]));
  if (!it) return Value();
  Ref copyfunc(lookup_attr(*it, STRATA_NAME(__copy__)));
  Ref copyable;
  if (copyfunc) {
    copyable = std::move(it);
  } else {
    if (error_occurred()) return Value();
    copyable.reset(tee_from_iterable(*it));
    if (!copyable) return Value();
    copyfunc.reset(getattr(*copyable, STRATA_NAME(__copy__)));
    if (!copyfunc) return Value();
  }
  tuple_items(*result)[0] = copyable.release();
  for (int64_t i = 1; i < n; i++) {
    Value c = call0(*copyfunc);
    if (!c) return c;
    tuple_items(*result)[i] = c;
  }
  return result.release();
}

// -- zip_longest -----------------------------------------------------------------------------

struct ZipLongestObject {
  Object ob;
  Value* iters;  // mem_alloc'ed, tuplesize entries; null entries are exhausted inputs
  int64_t tuplesize;
  int64_t numactive;
  Value fillvalue;
  Value result;  // the last result tuple, reused when nobody else holds it
};

Value zip_longest_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  Value fill = None();
  size_t nkw = kwnames_count(kwnames);
  if (nkw > 0) {
    if (nkw != 1 || !str_equal_ascii(tuple_item(kwnames, 0), "fillvalue")) {
      return raise(TypeError, "zip_longest() got an unexpected keyword argument");
    }
    fill = args[nargs];
  }
  Value* iters = nullptr;
  if (nargs) {
    iters = static_cast<Value*>(mem_alloc(nargs * sizeof(Value)));
    if (!iters) return raise_no_memory();
  }
  for (size_t i = 0; i < nargs; i++) {
    Value it = get_iter(args[i]);
    if (!it) {
      for (size_t j = 0; j < i; j++) decref(iters[j]);
      mem_free(iters);
      return it;
    }
    iters[i] = it;
  }
  Object* o = alloc_iter(type, sizeof(ZipLongestObject));
  if (!o) {
    for (size_t j = 0; j < nargs; j++) decref(iters[j]);
    mem_free(iters);
    return Value();
  }
  ZipLongestObject* z = reinterpret_cast<ZipLongestObject*>(o);
  z->iters = iters;
  z->tuplesize = int64_t(nargs);
  z->numactive = int64_t(nargs);
  z->fillvalue = newref(fill);
  z->result = Value();
  gc_track(o);
  return Value::from(o);
}

void zip_longest_release(ZipLongestObject* z) {
  for (int64_t i = 0; i < z->tuplesize; i++) clear_ref(&z->iters[i]);
  z->numactive = 0;
}
void zip_longest_dealloc(Object* o) {
  gc_untrack(o);
  ZipLongestObject* z = reinterpret_cast<ZipLongestObject*>(o);
  zip_longest_release(z);
  mem_free(z->iters);
  xdecref(z->fillvalue);
  xdecref(z->result);
  free_object(o);
}
void zip_longest_traverse(Object* o, VisitFn visit, void* arg) {
  ZipLongestObject* z = reinterpret_cast<ZipLongestObject*>(o);
  for (int64_t i = 0; i < z->tuplesize; i++) visit_value(z->iters[i], visit, arg);
  visit_value(z->fillvalue, visit, arg);
  visit_value(z->result, visit, arg);
}
void zip_longest_clear(Object* o) {
  ZipLongestObject* z = reinterpret_cast<ZipLongestObject*>(o);
  zip_longest_release(z);
  clear_ref(&z->fillvalue);
  clear_ref(&z->result);
}

Value zip_longest_next(Value self) {
  ZipLongestObject* z = self.as<ZipLongestObject>();
  if (z->tuplesize == 0 || z->numactive == 0) return Value();
  // Reuse the previous tuple when only this iterator holds it: the items are replaced one
  // by one (the old item is dropped after its replacement is in place).
  bool reuse = z->result && z->result.obj()->refcnt == 1;
  Value result;
  if (reuse) {
    result = z->result;
    result.as<TupleObject>()->hash = -1;
  } else {
    result = tuple_new(z->tuplesize);
    if (!result) return result;
    for (int64_t i = 0; i < z->tuplesize; i++) tuple_items(result)[i] = newref(None());
  }
  for (int64_t i = 0; i < z->tuplesize; i++) {
    Value item;
    if (!z->iters[i]) {
      item = newref(z->fillvalue);
    } else {
      item = iter_next(z->iters[i]);
      if (!item) {
        z->numactive--;
        if (z->numactive == 0 || error_occurred()) {
          z->numactive = 0;
          if (!reuse) decref(result);
          return Value();
        }
        clear_ref(&z->iters[i]);
        item = newref(z->fillvalue);
      }
    }
    Value old = tuple_items(result)[i];
    tuple_items(result)[i] = item;
    decref(old);
  }
  if (!reuse) set_ref(&z->result, result);  // the new tuple's reference
  return newref(result);
}

Type ZipLongestType = {
    ITER_TYPE_HEAD(ZipLongestType, "itertools.zip_longest", ZipLongestObject, TF_BASETYPE),
    .dealloc = zip_longest_dealloc,
    .traverse = zip_longest_traverse,
    .clear = zip_longest_clear,
    .iter = iter_self,
    .iternext = zip_longest_next,
    .new_ = zip_longest_new,
    .doc = "zip_longest(iter1 [,iter2 [...]], [fillvalue=None]) --> zip_longest object\n\n"
           "Return a zip_longest object whose .__next__() method returns a tuple where\n"
           "the i-th element comes from the i-th iterable argument.  The .__next__()\n"
           "method continues until the longest iterable in the argument sequence\n"
           "is exhausted and then it raises StopIteration.  When the shorter iterables\n"
           "are exhausted, the fillvalue is substituted in their place.  The fillvalue\n"
           "defaults to None or can be specified by a keyword argument.\n",
};

// -- The combinatoric iterators --------------------------------------------------------------
// One layout for all four: the input pool(s), index arrays, the result tuple.

struct CombObject {
  Object ob;
  Value pools;        // product: tuple of tuples; the others: the pool tuple
  int64_t* indices;   // mem_alloc'ed
  int64_t* cycles;    // permutations only
  Value result;       // null before the first result
  int64_t r;
  bool stopped;
};

void comb_dealloc(Object* o) {
  gc_untrack(o);
  CombObject* c = reinterpret_cast<CombObject*>(o);
  xdecref(c->pools);
  xdecref(c->result);
  mem_free(c->indices);
  mem_free(c->cycles);
  free_object(o);
}
void comb_traverse(Object* o, VisitFn visit, void* arg) {
  CombObject* c = reinterpret_cast<CombObject*>(o);
  visit_value(c->pools, visit, arg);
  visit_value(c->result, visit, arg);
}
void comb_clear(Object* o) {
  CombObject* c = reinterpret_cast<CombObject*>(o);
  clear_ref(&c->pools);
  clear_ref(&c->result);
}

// A zeroed index array of n entries (n may be 0); null with MemoryError.
int64_t* alloc_indices(int64_t n) {
  if (n > int64_t(INT64_MAX / sizeof(int64_t))) {
    raise_no_memory();
    return nullptr;
  }
  void* p = mem_alloc(size_t(n ? n : 1) * sizeof(int64_t));
  if (!p) {
    raise_no_memory();
    return nullptr;
  }
  memset(p, 0, size_t(n ? n : 1) * sizeof(int64_t));
  return static_cast<int64_t*>(p);
}

Value comb_alloc(Type* type, Value pools, int64_t nindices, int64_t r, bool stopped) {
  int64_t* indices = alloc_indices(nindices);
  if (!indices) return Value();
  Object* o = alloc_iter(type, sizeof(CombObject));
  if (!o) {
    mem_free(indices);
    return Value();
  }
  CombObject* c = reinterpret_cast<CombObject*>(o);
  c->pools = newref(pools);
  c->indices = indices;
  c->cycles = nullptr;
  c->result = Value();
  c->r = r;
  c->stopped = stopped;
  return Value::from(o);
}

// product

extern Type ProductType;

Value product_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  int64_t repeat = 1;
  size_t nkw = kwnames_count(kwnames);
  if (nkw) {
    static const char* const names[] = {"repeat"};
    ArgSpec spec{"product", names, 1, 0, 0, 0};
    Value a[1];
    if (!unpack_keywords(spec, args + nargs, 0, kwnames, a)) return Value();
    if (a[0]) {
      repeat = as_ssize(a[0], OverflowError);
      if (repeat == -1 && error_occurred()) return Value();
      if (repeat < 0) return raise(ValueError, "repeat argument cannot be negative");
    }
  }
  int64_t npools;
  if (repeat && __builtin_mul_overflow(int64_t(nargs), repeat, &npools)) {
    return raise(OverflowError, "repeat argument too large");
  }
  if (!repeat) npools = 0;
  Ref bases(tuple_new(int64_t(nargs)));
  if (!bases) return Value();
  for (size_t i = 0; i < nargs; i++) {
    Value t = sequence_tuple(args[i]);
    if (!t) return t;
    tuple_items(*bases)[i] = t;
  }
  Ref pools(tuple_new(npools));
  if (!pools) return Value();
  for (int64_t i = 0; i < npools; i++) {
    tuple_items(*pools)[i] = newref(tuple_item(*bases, i % int64_t(nargs)));
  }
  Value o = comb_alloc(type, *pools, npools, 0, false);
  if (o) gc_track(o.obj());
  return o;
}

Value product_next(Value self) {
  CombObject* c = self.as<CombObject>();
  if (c->stopped) return Value();
  Value pools = c->pools;
  int64_t npools = tuple_size(pools);
  if (!c->result) {
    Value result = tuple_new(npools);
    if (!result) return result;
    for (int64_t i = 0; i < npools; i++) {
      Value pool = tuple_item(pools, i);
      if (tuple_size(pool) == 0) {
        for (int64_t j = i; j < npools; j++) tuple_items(result)[j] = newref(None());
        decref(result);
        c->stopped = true;
        return Value();
      }
      tuple_items(result)[i] = newref(tuple_item(pool, 0));
    }
    c->result = result;
  } else {
    Value result = writable_result(&c->result);
    if (!result) return result;
    int64_t* indices = c->indices;
    int64_t i;
    for (i = npools - 1; i >= 0; i--) {
      Value pool = tuple_item(pools, i);
      indices[i]++;
      if (indices[i] == tuple_size(pool)) {
        indices[i] = 0;
        tuple_replace(result, i, tuple_item(pool, 0));
      } else {
        tuple_replace(result, i, tuple_item(pool, indices[i]));
        break;
      }
    }
    if (i < 0) {
      c->stopped = true;
      return Value();
    }
  }
  return newref(c->result);
}

Type ProductType = {
    ITER_TYPE_HEAD(ProductType, "itertools.product", CombObject, TF_BASETYPE),
    .dealloc = comb_dealloc,
    .traverse = comb_traverse,
    .clear = comb_clear,
    .iter = iter_self,
    .iternext = product_next,
    .new_ = product_new,
    .doc = "product(*iterables, repeat=1) --> product object\n\nCartesian product of input "
           "iterables.  Equivalent to nested for-loops.\n\nFor example, product(A, B) "
           "returns the same as:  ((x,y) for x in A for y in B).\nThe leftmost iterators "
           "are in the outermost for-loop, so the output tuples\ncycle in a manner similar "
           "to an odometer (with the rightmost element changing\non every iteration).\n\n"
           "To compute the product of an iterable with itself, specify the number\nof "
           "repetitions with the optional repeat keyword argument. For example,\n"
           "product(A, repeat=4) means the same as product(A, A, A, A).\n\n"
           "product('ab', range(3)) --> ('a',0) ('a',1) ('a',2) ('b',0) ('b',1) ('b',2)\n"
           "product((0,1), (0,1), (0,1)) --> (0,0,0) (0,0,1) (0,1,0) (0,1,1) (1,0,0) ...",
};

// combinations / combinations_with_replacement

Value comb_common_new(Type* type, const char* name, const Value* args, size_t nargs,
                      Value kwnames, bool replace) {
  static const char* const names[] = {"iterable", "r"};
  ArgSpec spec{name, names, 2, 0, 2, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Ref pool(sequence_tuple(a[0]));
  if (!pool) return Value();
  int64_t r = as_ssize(a[1], OverflowError);
  if (r == -1 && error_occurred()) return Value();
  if (r < 0) return raise(ValueError, "r must be non-negative");
  int64_t n = tuple_size(*pool);
  bool stopped = replace ? (n == 0 && r > 0) : (r > n);
  Value o = comb_alloc(type, *pool, r, r, stopped);
  if (!o) return o;
  CombObject* c = o.as<CombObject>();
  if (!replace) {
    for (int64_t i = 0; i < r; i++) c->indices[i] = i;
  }
  gc_track(o.obj());
  return o;
}

Value combinations_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  return comb_common_new(type, "combinations", args, nargs, kwnames, false);
}
Value cwr_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  return comb_common_new(type, "combinations_with_replacement", args, nargs, kwnames, true);
}

Value combinations_next(Value self) {
  CombObject* c = self.as<CombObject>();
  if (c->stopped) return Value();
  Value pool = c->pools;
  int64_t n = tuple_size(pool), r = c->r;
  int64_t* indices = c->indices;
  if (!c->result) {
    Value result = tuple_new(r);
    if (!result) return result;
    for (int64_t i = 0; i < r; i++) tuple_items(result)[i] = newref(tuple_item(pool, i));
    c->result = result;
  } else {
    Value result = writable_result(&c->result);
    if (!result) return result;
    int64_t i = r - 1;
    while (i >= 0 && indices[i] == i + n - r) i--;
    if (i < 0) {
      c->stopped = true;
      return Value();
    }
    indices[i]++;
    for (int64_t j = i + 1; j < r; j++) indices[j] = indices[j - 1] + 1;
    for (; i < r; i++) tuple_replace(result, i, tuple_item(pool, indices[i]));
  }
  return newref(c->result);
}

Value cwr_next(Value self) {
  CombObject* c = self.as<CombObject>();
  if (c->stopped) return Value();
  Value pool = c->pools;
  int64_t n = tuple_size(pool), r = c->r;
  int64_t* indices = c->indices;
  if (!c->result) {
    Value result = tuple_new(r);
    if (!result) return result;
    for (int64_t i = 0; i < r; i++) tuple_items(result)[i] = newref(tuple_item(pool, 0));
    c->result = result;
  } else {
    Value result = writable_result(&c->result);
    if (!result) return result;
    int64_t i = r - 1;
    while (i >= 0 && indices[i] == n - 1) i--;
    if (i < 0) {
      c->stopped = true;
      return Value();
    }
    int64_t index = indices[i] + 1;
    Value elem = tuple_item(pool, index);
    for (; i < r; i++) {
      indices[i] = index;
      tuple_replace(result, i, elem);
    }
  }
  return newref(c->result);
}

Type CombinationsType = {
    ITER_TYPE_HEAD(CombinationsType, "itertools.combinations", CombObject, TF_BASETYPE),
    .dealloc = comb_dealloc,
    .traverse = comb_traverse,
    .clear = comb_clear,
    .iter = iter_self,
    .iternext = combinations_next,
    .new_ = combinations_new,
    .doc = "Return successive r-length combinations of elements in the iterable.\n\n"
           "combinations(range(4), 3) --> (0,1,2), (0,1,3), (0,2,3), (1,2,3)",
};

Type CwrType = {
    ITER_TYPE_HEAD(CwrType, "itertools.combinations_with_replacement", CombObject,
                   TF_BASETYPE),
    .dealloc = comb_dealloc,
    .traverse = comb_traverse,
    .clear = comb_clear,
    .iter = iter_self,
    .iternext = cwr_next,
    .new_ = cwr_new,
    .doc = "Return successive r-length combinations of elements in the iterable allowing "
           "individual elements to have successive repeats.\n\n"
           "combinations_with_replacement('ABC', 2) --> ('A','A'), ('A','B'), ('A','C'), "
           "('B','B'), ('B','C'), ('C','C')",
};

// permutations

Value permutations_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"iterable", "r"};
  ArgSpec spec{"permutations", names, 2, 0, 1, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Ref pool(sequence_tuple(a[0]));
  if (!pool) return Value();
  int64_t n = tuple_size(*pool);
  int64_t r = n;
  if (a[1] && !is_none(a[1])) {
    if (!is_int(a[1])) return raise(TypeError, "Expected int as r");
    r = int_as_i64(a[1]);
    if (r == -1 && error_occurred()) return Value();
  }
  if (r < 0) return raise(ValueError, "r must be non-negative");
  int64_t* cycles = alloc_indices(r);
  if (!cycles) return Value();
  Value o = comb_alloc(type, *pool, n, r, r > n);
  if (!o) {
    mem_free(cycles);
    return o;
  }
  CombObject* c = o.as<CombObject>();
  c->cycles = cycles;
  for (int64_t i = 0; i < n; i++) c->indices[i] = i;
  for (int64_t i = 0; i < r; i++) c->cycles[i] = n - i;
  gc_track(o.obj());
  return o;
}

Value permutations_next(Value self) {
  CombObject* c = self.as<CombObject>();
  if (c->stopped) return Value();
  Value pool = c->pools;
  int64_t n = tuple_size(pool), r = c->r;
  int64_t* indices = c->indices;
  int64_t* cycles = c->cycles;
  if (!c->result) {
    Value result = tuple_new(r);
    if (!result) return result;
    for (int64_t i = 0; i < r; i++) tuple_items(result)[i] = newref(tuple_item(pool, indices[i]));
    c->result = result;
  } else {
    if (n == 0) {
      c->stopped = true;
      return Value();
    }
    Value result = writable_result(&c->result);
    if (!result) return result;
    int64_t i;
    for (i = r - 1; i >= 0; i--) {
      cycles[i]--;
      if (cycles[i] == 0) {
        // Rotate indices[i:] left by one.
        int64_t index = indices[i];
        for (int64_t j = i; j < n - 1; j++) indices[j] = indices[j + 1];
        indices[n - 1] = index;
        cycles[i] = n - i;
      } else {
        int64_t j = cycles[i];
        int64_t index = indices[i];
        indices[i] = indices[n - j];
        indices[n - j] = index;
        for (int64_t k = i; k < r; k++) tuple_replace(result, k, tuple_item(pool, indices[k]));
        break;
      }
    }
    if (i < 0) {
      c->stopped = true;
      return Value();
    }
  }
  return newref(c->result);
}

Type PermutationsType = {
    ITER_TYPE_HEAD(PermutationsType, "itertools.permutations", CombObject, TF_BASETYPE),
    .dealloc = comb_dealloc,
    .traverse = comb_traverse,
    .clear = comb_clear,
    .iter = iter_self,
    .iternext = permutations_next,
    .new_ = permutations_new,
    .doc = "Return successive r-length permutations of elements in the iterable.\n\n"
           "permutations(range(3), 2) --> (0,1), (0,2), (1,0), (1,2), (2,0), (2,1)",
};

// -- The module ------------------------------------------------------------------------------

const MethodDef itertools_methods[] = {
    {"tee", itertools_tee, METH_FASTCALL,
     "tee($module, iterable, n=2, /)\n--\n\nReturns a tuple of n independent iterators."},
    {nullptr, nullptr, 0, nullptr},
};

Type* const kItertoolsTypes[] = {
    &AccumulateType, &CombinationsType, &CwrType,         &CycleType,    &DropWhileType,
    &TakeWhileType,  &ISliceType,       &StarMapType,     &ChainType,    &CompressType,
    &FilterFalseType, &CountType,       &ZipLongestType,  &PairwiseType, &PermutationsType,
    &ProductType,    &RepeatType,       &GroupByType,     &GrouperType,  &TeeType,
    &TeeDataType,
};

int itertools_init(Value m) {
  static bool ready = false;
  if (!ready) {
    for (Type* t : kItertoolsTypes) {
      if (type_ready(t) < 0) return -1;
    }
    ready = true;
  }
  Value d = module_dict(m);
  for (Type* t : kItertoolsTypes) {
    if (dict_set_cstr(d, short_type_name(t), Value::from(t)) < 0) return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef itertools_module_def;
const BuiltinModuleDef itertools_module_def = {
    "itertools", itertools_init, itertools_methods,
    "Functional tools for creating and using iterators.\n\nInfinite iterators:\n"
    "count(start=0, step=1) --> start, start+step, start+2*step, ...\n"
    "cycle(p) --> p0, p1, ... plast, p0, p1, ...\n"
    "repeat(elem [,n]) --> elem, elem, elem, ... endlessly or up to n times\n\n"
    "Iterators terminating on the shortest input sequence:\n"
    "accumulate(p[, func]) --> p0, p0+p1, p0+p1+p2\n"
    "chain(p, q, ...) --> p0, p1, ... plast, q0, q1, ...\n"
    "chain.from_iterable([p, q, ...]) --> p0, p1, ... plast, q0, q1, ...\n"
    "compress(data, selectors) --> (d[0] if s[0]), (d[1] if s[1]), ...\n"
    "dropwhile(pred, seq) --> seq[n], seq[n+1], starting when pred fails\n"
    "groupby(iterable[, keyfunc]) --> sub-iterators grouped by value of keyfunc(v)\n"
    "filterfalse(pred, seq) --> elements of seq where pred(elem) is False\n"
    "islice(seq, [start,] stop [, step]) --> elements from\n"
    "       seq[start:stop:step]\n"
    "pairwise(s) --> (s[0],s[1]), (s[1],s[2]), (s[2], s[3]), ...\n"
    "starmap(fun, seq) --> fun(*seq[0]), fun(*seq[1]), ...\n"
    "tee(it, n=2) --> (it1, it2 , ... itn) splits one iterator into n\n"
    "takewhile(pred, seq) --> seq[0], seq[1], until pred fails\n"
    "zip_longest(p, q, ...) --> (p[0], q[0]), (p[1], q[1]), ...\n\n"
    "Combinatoric generators:\n"
    "product(p, q, ... [repeat=1]) --> cartesian product\n"
    "permutations(p[, r])\n"
    "combinations(p, r)\n"
    "combinations_with_replacement(p, r)\n"};

}  // namespace strata
