// vm/iterators.cpp — the built-in iterator types that are not tied to one container:
// the sequence iterator (iter() over __getitem__), the callable iterator (iter(f, x)),
// and the classes enumerate, zip (with strict=), map, filter and reversed.
#include <string>
#include <vector>

#include "vm/abstract.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

Value iter_self(Value self) { return newref(self); }

namespace {

// Calls next on an iterator through its slot; null at the end (StopIteration raised by a
// Python-level __next__ is taken as the end too) or on error.
inline Value next_of(Value it) {
  IterNextFn f = type_of(it)->iternext;
  return f ? f(it) : iter_next(it);
}

// True when no error is pending, or the pending one was StopIteration (now cleared).
bool end_or_stop() {
  if (!error_occurred()) return true;
  if (error_matches(StopIteration)) {
    clear_error();
    return true;
  }
  return false;
}

Object* alloc_iter(Type* type, size_t size) {
  return alloc_object(type, type->basicsize > size ? type->basicsize : size);
}

// -- Sequence iterator ----------------------------------------------------------------------

struct SeqIterObject {
  Object ob;
  int64_t index;
  Value seq;  // null once exhausted
};

void seqiter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<SeqIterObject*>(o)->seq);
  free_object(o);
}
void seqiter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<SeqIterObject*>(o)->seq, visit, arg);
}
void seqiter_clear(Object* o) { clear_ref(&reinterpret_cast<SeqIterObject*>(o)->seq); }

Value seqiter_next(Value self) {
  SeqIterObject* it = self.as<SeqIterObject>();
  if (!it->seq) return Value();
  if (it->index == INT64_MAX)
    return raise(OverflowError, "iter index too large");
  Value index = int_from_i64(it->index);
  Value item = getitem(it->seq, index);
  decref(index);
  if (item) {
    it->index++;
    return item;
  }
  if (error_matches(IndexError) || error_matches(StopIteration)) {
    clear_error();
    clear_ref(&it->seq);
  }
  return Value();
}

Value seqiter_length_hint(Value self, const Value*, size_t, Value) {
  SeqIterObject* it = self.as<SeqIterObject>();
  if (!it->seq) return Value::small(0);
  int64_t n = length(it->seq);
  if (n < 0) {
    if (!error_matches(TypeError)) return Value();
    clear_error();
    return NotImplemented();
  }
  n -= it->index;
  return int_from_i64(n < 0 ? 0 : n);
}

const MethodDef seqiter_methods[] = {
    {"__length_hint__", seqiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};

// -- Callable iterator -------------------------------------------------------------------------

struct CallIterObject {
  Object ob;
  Value callable;  // both null once exhausted
  Value sentinel;
};

void calliter_dealloc(Object* o) {
  gc_untrack(o);
  CallIterObject* it = reinterpret_cast<CallIterObject*>(o);
  xdecref(it->callable);
  xdecref(it->sentinel);
  free_object(o);
}
void calliter_traverse(Object* o, VisitFn visit, void* arg) {
  CallIterObject* it = reinterpret_cast<CallIterObject*>(o);
  visit_value(it->callable, visit, arg);
  visit_value(it->sentinel, visit, arg);
}
void calliter_clear(Object* o) {
  CallIterObject* it = reinterpret_cast<CallIterObject*>(o);
  clear_ref(&it->callable);
  clear_ref(&it->sentinel);
}

Value calliter_next(Value self) {
  CallIterObject* it = self.as<CallIterObject>();
  if (!it->callable) return Value();
  Value r = call0(it->callable);
  if (!r) {
    if (error_matches(StopIteration)) {
      clear_error();
      clear_ref(&it->callable);
      clear_ref(&it->sentinel);
    }
    return Value();
  }
  if (!it->sentinel) return r;  // cleared by a reentrant call
  int c = rich_compare_bool(r, it->sentinel, CMP_EQ);
  if (c == 0) return r;
  decref(r);
  if (c > 0) {
    clear_ref(&it->callable);
    clear_ref(&it->sentinel);
  }
  return Value();
}

// -- enumerate -----------------------------------------------------------------------------------

struct EnumerateObject {
  Object ob;
  int64_t index;  // the next index while it fits a small int
  Value it;
  Value long_index;  // the next index once it no longer fits (or the start was big)
};

// Keyword arguments for a function of named parameters (CPython's "'x' is an invalid
// keyword argument for f()" and "f() takes at most N arguments (M given)").
bool bind_args(const char* fname, const char* const* names, size_t nparams, const Value* args,
               size_t nargs, Value kwnames, Value* out) {
  size_t nkw = kwnames_count(kwnames);
  if (nargs + nkw > nparams) {
    raise(TypeError, "%s() takes at most %zd argument%s (%zd given)", fname, nparams,
          nparams == 1 ? "" : "s", nargs + nkw);
    return false;
  }
  for (size_t i = 0; i < nparams; i++) out[i] = i < nargs ? args[i] : Value();
  for (size_t k = 0; k < nkw; k++) {
    Value name = tuple_item(kwnames, int64_t(k));
    size_t j = 0;
    for (; j < nparams; j++)
      if (str_equal_ascii(name, names[j])) break;
    if (j == nparams) {
      raise(TypeError, "'%U' is an invalid keyword argument for %s()", name, fname);
      return false;
    }
    if (out[j]) {
      raise(TypeError, "argument for %s() given by name ('%s') and position (%zd)", fname,
            names[j], j + 1);
      return false;
    }
    out[j] = args[nargs + k];
  }
  return true;
}

Value enumerate_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"iterable", "start"};
  Value bound[2];
  if (!bind_args("enumerate", names, 2, args, nargs, kwnames, bound)) return Value();
  if (!bound[0]) return raise(TypeError, "enumerate() missing required argument 'iterable'");
  Ref start;
  if (bound[1]) {
    start.reset(number_index(bound[1]));
    if (!start) return Value();
  }
  Value it = get_iter(bound[0]);
  if (!it) return it;
  Object* o = alloc_iter(type, sizeof(EnumerateObject));
  if (!o) {
    decref(it);
    return Value();
  }
  EnumerateObject* e = reinterpret_cast<EnumerateObject*>(o);
  e->it = it;
  e->index = 0;
  if (start) {
    if (start.get().is_small() && start.get().small_value() < kSmallIntMax)
      e->index = start.get().small_value();
    else
      e->long_index = start.release();
  }
  gc_track(o);
  return Value::from(o);
}

void enumerate_dealloc(Object* o) {
  gc_untrack(o);
  EnumerateObject* e = reinterpret_cast<EnumerateObject*>(o);
  xdecref(e->it);
  xdecref(e->long_index);
  free_object(o);
}
void enumerate_traverse(Object* o, VisitFn visit, void* arg) {
  EnumerateObject* e = reinterpret_cast<EnumerateObject*>(o);
  visit_value(e->it, visit, arg);
  visit_value(e->long_index, visit, arg);
}
void enumerate_clear(Object* o) {
  EnumerateObject* e = reinterpret_cast<EnumerateObject*>(o);
  clear_ref(&e->it);
  clear_ref(&e->long_index);
}

Value enumerate_next(Value self) {
  EnumerateObject* e = self.as<EnumerateObject>();
  if (!e->it) return Value();
  Value item = next_of(e->it);
  if (!item) return Value();
  Value index;
  if (!e->long_index) {
    index = Value::small(e->index);
    if (e->index == kSmallIntMax - 1) e->long_index = int_from_i64(kSmallIntMax);
    else e->index++;
  } else {
    Value next = int_add(e->long_index, Value::small(1));
    if (!next) {
      decref(item);
      return Value();
    }
    index = e->long_index;  // moved into the result
    e->long_index = next;
  }
  Value r = tuple_new(2);
  if (!r) {
    decref(index);
    decref(item);
    return r;
  }
  tuple_items(r)[0] = index;
  tuple_items(r)[1] = item;
  return r;
}

// -- zip ---------------------------------------------------------------------------------------

struct ZipObject {
  Object ob;
  Value iters;  // tuple of iterators (null once exhausted)
  bool strict;
};

Value zip_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  bool strict = false;
  size_t nkw = kwnames_count(kwnames);
  for (size_t k = 0; k < nkw; k++) {
    Value name = tuple_item(kwnames, int64_t(k));
    if (!str_equal_ascii(name, "strict"))
      return raise(TypeError, "'%U' is an invalid keyword argument for zip()", name);
    int t = is_true(args[nargs + k]);
    if (t < 0) return Value();
    strict = t;
  }
  Value iters = tuple_new(int64_t(nargs));
  if (!iters) return iters;
  for (size_t i = 0; i < nargs; i++) {
    Value it = get_iter(args[i]);
    if (!it) {
      decref(iters);
      return it;
    }
    tuple_items(iters)[i] = it;
  }
  Object* o = alloc_iter(type, sizeof(ZipObject));
  if (!o) {
    decref(iters);
    return Value();
  }
  ZipObject* z = reinterpret_cast<ZipObject*>(o);
  z->iters = iters;
  z->strict = strict;
  gc_track(o);
  return Value::from(o);
}

void zip_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<ZipObject*>(o)->iters);
  free_object(o);
}
void zip_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<ZipObject*>(o)->iters, visit, arg);
}
void zip_clear(Object* o) { clear_ref(&reinterpret_cast<ZipObject*>(o)->iters); }

Value zip_next(Value self) {
  ZipObject* z = self.as<ZipObject>();
  if (!z->iters) return Value();
  int64_t n = tuple_size(z->iters);
  if (n == 0) return Value();
  Value result = tuple_new(n);
  if (!result) return result;
  for (int64_t i = 0; i < n; i++) {
    Value item = next_of(tuple_item(z->iters, i));
    if (item) {
      tuple_items(result)[i] = item;
      continue;
    }
    decref(result);
    if (!z->strict) return Value();
    if (!end_or_stop()) return Value();
    if (i > 0) {
      const char* plural = i == 1 ? " " : "s 1-";
      return raise(ValueError, "zip() argument %zd is shorter than argument%s%zd", i + 1,
                   plural, i);
    }
    for (int64_t j = 1; j < n; j++) {
      Value extra = next_of(tuple_item(z->iters, j));
      if (extra) {
        decref(extra);
        const char* plural = j == 1 ? " " : "s 1-";
        return raise(ValueError, "zip() argument %zd is longer than argument%s%zd", j + 1,
                     plural, j);
      }
      if (!end_or_stop()) return Value();
    }
    return Value();
  }
  return result;
}

// -- map ----------------------------------------------------------------------------------------

struct MapObject {
  Object ob;
  Value func;
  Value iters;  // tuple of iterators
};

Value map_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (type == &MapType && !check_no_kwargs("map", kwnames)) return Value();
  if (nargs < 2) return raise(TypeError, "map() must have at least two arguments.");
  Value iters = tuple_new(int64_t(nargs - 1));
  if (!iters) return iters;
  for (size_t i = 1; i < nargs; i++) {
    Value it = get_iter(args[i]);
    if (!it) {
      decref(iters);
      return it;
    }
    tuple_items(iters)[i - 1] = it;
  }
  Object* o = alloc_iter(type, sizeof(MapObject));
  if (!o) {
    decref(iters);
    return Value();
  }
  MapObject* m = reinterpret_cast<MapObject*>(o);
  m->func = newref(args[0]);
  m->iters = iters;
  gc_track(o);
  return Value::from(o);
}

void map_dealloc(Object* o) {
  gc_untrack(o);
  MapObject* m = reinterpret_cast<MapObject*>(o);
  xdecref(m->func);
  xdecref(m->iters);
  free_object(o);
}
void map_traverse(Object* o, VisitFn visit, void* arg) {
  MapObject* m = reinterpret_cast<MapObject*>(o);
  visit_value(m->func, visit, arg);
  visit_value(m->iters, visit, arg);
}
void map_clear(Object* o) {
  MapObject* m = reinterpret_cast<MapObject*>(o);
  clear_ref(&m->func);
  clear_ref(&m->iters);
}

Value map_next(Value self) {
  MapObject* m = self.as<MapObject>();
  if (!m->iters) return Value();
  int64_t n = tuple_size(m->iters);
  Value small[8];
  std::vector<Value> big;
  Value* items = small;
  if (n > 8) {
    big.resize(size_t(n));
    items = big.data();
  }
  int64_t got = 0;
  for (; got < n; got++) {
    Value item = next_of(tuple_item(m->iters, got));
    if (!item) break;
    items[got] = item;
  }
  Value r;
  if (got == n) r = call(m->func, items, size_t(n));
  for (int64_t i = 0; i < got; i++) decref(items[i]);
  return r;
}

// -- filter ------------------------------------------------------------------------------------

struct FilterObject {
  Object ob;
  Value func;  // None or bool: truth test
  Value it;
};

Value filter_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (type == &FilterType && !check_no_kwargs("filter", kwnames)) return Value();
  if (!check_positional("filter", nargs, 2, 2)) return Value();
  Value it = get_iter(args[1]);
  if (!it) return it;
  Object* o = alloc_iter(type, sizeof(FilterObject));
  if (!o) {
    decref(it);
    return Value();
  }
  FilterObject* f = reinterpret_cast<FilterObject*>(o);
  f->func = newref(args[0]);
  f->it = it;
  gc_track(o);
  return Value::from(o);
}

void filter_dealloc(Object* o) {
  gc_untrack(o);
  FilterObject* f = reinterpret_cast<FilterObject*>(o);
  xdecref(f->func);
  xdecref(f->it);
  free_object(o);
}
void filter_traverse(Object* o, VisitFn visit, void* arg) {
  FilterObject* f = reinterpret_cast<FilterObject*>(o);
  visit_value(f->func, visit, arg);
  visit_value(f->it, visit, arg);
}
void filter_clear(Object* o) {
  FilterObject* f = reinterpret_cast<FilterObject*>(o);
  clear_ref(&f->func);
  clear_ref(&f->it);
}

Value filter_next(Value self) {
  FilterObject* f = self.as<FilterObject>();
  if (!f->it) return Value();
  bool truth = is_none(f->func) || f->func == Value::from(&BoolType);
  for (;;) {
    Value item = next_of(f->it);
    if (!item) return Value();
    int ok;
    if (truth) {
      ok = is_true(item);
    } else {
      Value good = call1(f->func, item);
      if (!good) {
        decref(item);
        return Value();
      }
      ok = is_true(good);
      decref(good);
    }
    if (ok > 0) return item;
    decref(item);
    if (ok < 0) return Value();
  }
}

// -- reversed -------------------------------------------------------------------------------------

struct ReversedObject {
  Object ob;
  int64_t index;
  Value seq;  // null once exhausted
};

Value reversed_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (type == &ReversedType && !check_no_kwargs("reversed", kwnames)) return Value();
  if (!check_positional("reversed", nargs, 1, 1)) return Value();
  Value seq = args[0];
  Value meth = lookup_special(seq, STRATA_NAME(__reversed__));
  if (meth) {
    if (is_none(meth))
      return raise(TypeError, "'%.200s' object is not reversible", type_name(seq));
    DescrGetFn get = type_of(meth)->descr_get;
    if (!get) return call1(meth, seq);
    Value bound = get(meth, seq, Value::from(type_of(seq)));
    if (!bound) return bound;
    Value r = call0(bound);
    decref(bound);
    return r;
  }
  if (error_occurred()) return Value();
  if (!type_of(seq)->getitem || is_dict(seq))
    return raise(TypeError, "'%.200s' object is not reversible", type_name(seq));
  int64_t n = length(seq);
  if (n < 0) return Value();
  Object* o = alloc_iter(type, sizeof(ReversedObject));
  if (!o) return Value();
  ReversedObject* r = reinterpret_cast<ReversedObject*>(o);
  r->index = n - 1;
  r->seq = newref(seq);
  gc_track(o);
  return Value::from(o);
}

void reversed_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<ReversedObject*>(o)->seq);
  free_object(o);
}
void reversed_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<ReversedObject*>(o)->seq, visit, arg);
}
void reversed_clear(Object* o) { clear_ref(&reinterpret_cast<ReversedObject*>(o)->seq); }

Value reversed_next(Value self) {
  ReversedObject* r = self.as<ReversedObject>();
  if (!r->seq) return Value();
  if (r->index >= 0) {
    Value index = int_from_i64(r->index);
    Value item = getitem(r->seq, index);
    decref(index);
    if (item) {
      r->index--;
      return item;
    }
    if (!error_matches(IndexError) && !error_matches(StopIteration)) return Value();
    clear_error();
  }
  r->index = -1;
  clear_ref(&r->seq);
  return Value();
}

Value reversed_length_hint(Value self, const Value*, size_t, Value) {
  ReversedObject* r = self.as<ReversedObject>();
  if (!r->seq) return Value::small(0);
  int64_t n = length(r->seq);
  if (n < 0) return Value();
  return int_from_i64(n < r->index + 1 ? 0 : r->index + 1);
}

const MethodDef enumerate_methods[] = {
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr}};

const MethodDef reversed_methods[] = {
    {"__length_hint__", reversed_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Value seq_iter_new(Value seq) {
  Object* o = alloc_object(&SeqIterType, sizeof(SeqIterObject));
  if (!o) return Value();
  SeqIterObject* it = reinterpret_cast<SeqIterObject*>(o);
  it->seq = newref(seq);
  gc_track(o);
  return Value::from(o);
}

Value callable_iter_new(Value callable, Value sentinel) {
  Object* o = alloc_object(&CallableIterType, sizeof(CallIterObject));
  if (!o) return Value();
  CallIterObject* it = reinterpret_cast<CallIterObject*>(o);
  it->callable = newref(callable);
  it->sentinel = newref(sentinel);
  gc_track(o);
  return Value::from(o);
}

Type SeqIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "iterator",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(SeqIterObject),
    .dealloc = seqiter_dealloc,
    .traverse = seqiter_traverse,
    .clear = seqiter_clear,
    .iter = iter_self,
    .iternext = seqiter_next,
    .methods = seqiter_methods,
};

Type CallableIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "callable_iterator",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(CallIterObject),
    .dealloc = calliter_dealloc,
    .traverse = calliter_traverse,
    .clear = calliter_clear,
    .iter = iter_self,
    .iternext = calliter_next,
};

Type EnumerateType = {
    .ob = {kImmortal, &TypeType},
    .name = "enumerate",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(EnumerateObject),
    .dealloc = enumerate_dealloc,
    .traverse = enumerate_traverse,
    .clear = enumerate_clear,
    .iter = iter_self,
    .iternext = enumerate_next,
    .new_ = enumerate_new,
    .methods = enumerate_methods,
    .doc = "Return an enumerate object.\n\n  iterable\n    an object supporting iteration\n\n"
           "The enumerate object yields pairs containing a count (from start, which\ndefaults "
           "to zero) and a value yielded by the iterable argument.\n\nenumerate is useful for "
           "obtaining an indexed list:\n    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...",
};

Type ZipType = {
    .ob = {kImmortal, &TypeType},
    .name = "zip",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(ZipObject),
    .dealloc = zip_dealloc,
    .traverse = zip_traverse,
    .clear = zip_clear,
    .iter = iter_self,
    .iternext = zip_next,
    .new_ = zip_new,
    .doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.\n\n   "
           ">>> list(zip('abcdefg', range(3), range(4)))\n   [('a', 0, 0), ('b', 1, 1), ('c', "
           "2, 2)]\n\nThe zip object yields n-length tuples, where n is the number of "
           "iterables\npassed as positional arguments to zip().  The i-th element in every "
           "tuple\ncomes from the i-th iterable argument to zip().  This continues until the\n"
           "shortest argument is exhausted.\n\nIf strict is true and one of the arguments is "
           "exhausted before the others,\nraise a ValueError.",
};

Type MapType = {
    .ob = {kImmortal, &TypeType},
    .name = "map",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(MapObject),
    .dealloc = map_dealloc,
    .traverse = map_traverse,
    .clear = map_clear,
    .iter = iter_self,
    .iternext = map_next,
    .new_ = map_new,
    .doc = "map(func, *iterables) --> map object\n\nMake an iterator that computes the "
           "function using arguments from\neach of the iterables.  Stops when the shortest "
           "iterable is exhausted.",
};

Type FilterType = {
    .ob = {kImmortal, &TypeType},
    .name = "filter",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(FilterObject),
    .dealloc = filter_dealloc,
    .traverse = filter_traverse,
    .clear = filter_clear,
    .iter = iter_self,
    .iternext = filter_next,
    .new_ = filter_new,
    .doc = "filter(function or None, iterable) --> filter object\n\nReturn an iterator "
           "yielding those items of iterable for which function(item)\nis true. If function is "
           "None, return the items that are true.",
};

Type ReversedType = {
    .ob = {kImmortal, &TypeType},
    .name = "reversed",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(ReversedObject),
    .dealloc = reversed_dealloc,
    .traverse = reversed_traverse,
    .clear = reversed_clear,
    .iter = iter_self,
    .iternext = reversed_next,
    .new_ = reversed_new,
    .methods = reversed_methods,
    .doc = "Return a reverse iterator over the values of the given sequence.",
};

}  // namespace strata
