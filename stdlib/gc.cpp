// stdlib/gc.cpp — the `gc` module over the cycle collector (vm/gc.h).
#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/gc.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/tuple.h"

namespace strata {

namespace {

Value gc_collect_fn(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"generation"};
  ArgSpec spec{"collect", names, 1, 0, 0, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int64_t g = 2;
  if (a[0]) {
    g = int_as_i64(a[0]);
    if (g == -1 && error_occurred()) return Value();
    if (g < 0 || g > 2) return raise(ValueError, "invalid generation");
  }
  return int_from_i64(gc_collect(static_cast<int>(g)));
}

Value gc_enable_fn(Value, const Value*, size_t, Value) {
  gc_set_enabled(true);
  return None();
}
Value gc_disable_fn(Value, const Value*, size_t, Value) {
  gc_set_enabled(false);
  return None();
}
Value gc_isenabled_fn(Value, const Value*, size_t, Value) { return Bool(gc_enabled()); }

Value gc_get_count_fn(Value, const Value*, size_t, Value) {
  return tuple_pack({int_from_i64(gc_count(0)), int_from_i64(gc_count(1)), int_from_i64(gc_count(2))});
}

Value gc_get_threshold_fn(Value, const Value*, size_t, Value) {
  return tuple_pack({int_from_i64(gc_threshold(0)), int_from_i64(gc_threshold(1)),
                     int_from_i64(gc_threshold(2))});
}

Value gc_set_threshold_fn(Value, const Value* args, size_t nargs, Value) {
  if (nargs < 1 || nargs > 3) {
    return raise(TypeError, "set_threshold() takes at most 3 arguments (%zu given)", nargs);
  }
  for (size_t i = 0; i < nargs; i++) {
    int64_t v = int_as_i64(args[i]);
    if (v == -1 && error_occurred()) return Value();
    gc_set_threshold(static_cast<int>(i), static_cast<int>(v));
  }
  return None();
}

Value gc_is_tracked_fn(Value, const Value* args, size_t, Value) {
  Value v = args[0];
  return Bool(!v.is_small() && has_flag(v.obj()->type, TF_HAVE_GC) && gc_is_tracked(v.obj()));
}

Value gc_is_finalized_fn(Value, const Value* args, size_t, Value) {
  Value v = args[0];
  return Bool(!v.is_small() && gc_is_finalized(v.obj()));
}

Value gc_get_stats_fn(Value, const Value*, size_t, Value) {
  Value out = list_new(0);
  if (!out) return out;
  for (int g = 0; g < 3; g++) {
    const GCStats& s = gc_stats(g);
    Ref d(dict_new());
    if (!d || dict_set_cstr(*d, "collections", int_from_i64(s.collections)) < 0 ||
        dict_set_cstr(*d, "collected", int_from_i64(s.collected)) < 0 ||
        dict_set_cstr(*d, "uncollectable", int_from_i64(s.uncollectable)) < 0 ||
        list_append(out, *d) < 0) {
      decref(out);
      return Value();
    }
  }
  return out;
}

void add_object(Object* o, void* list) {
  if (list_append(*static_cast<Value*>(list), Value::from(o)) < 0) clear_error();
}

Value gc_get_objects_fn(Value, const Value*, size_t, Value) {
  Value out = list_new(0);
  if (!out) return out;
  gc_for_each_tracked(add_object, &out);
  return out;
}

struct Referrers {
  Value targets;
  Value out;
  Object* candidate;
  bool found;
};

void check_target(Object* o, void* arg) {
  Referrers* r = static_cast<Referrers*>(arg);
  for (int64_t i = 0; i < tuple_size(r->targets); i++) {
    if (tuple_item(r->targets, i).obj() == o) r->found = true;
  }
}

void find_referrer(Object* o, void* arg) {
  Referrers* r = static_cast<Referrers*>(arg);
  if (!o->type->traverse) return;
  r->found = false;
  o->type->traverse(o, check_target, r);
  if (r->found && list_append(r->out, Value::from(o)) < 0) clear_error();
}

Value gc_get_referrers_fn(Value, const Value* args, size_t nargs, Value) {
  Ref targets(tuple_from(args, static_cast<int64_t>(nargs)));
  if (!targets) return Value();
  Referrers r{*targets, list_new(0), nullptr, false};
  if (!r.out) return Value();
  gc_for_each_tracked(find_referrer, &r);
  return r.out;
}

void add_referent(Object* o, void* list) { add_object(o, list); }

Value gc_get_referents_fn(Value, const Value* args, size_t nargs, Value) {
  Value out = list_new(0);
  if (!out) return out;
  for (size_t i = 0; i < nargs; i++) {
    Value v = args[i];
    if (v.is_small() || !v.obj()->type->traverse) continue;
    v.obj()->type->traverse(v.obj(), add_referent, &out);
  }
  return out;
}

Value gc_noop_fn(Value, const Value*, size_t, Value) { return None(); }
Value gc_freeze_count_fn(Value, const Value*, size_t, Value) { return Value::small(0); }

const MethodDef gc_methods[] = {
    {"collect", gc_collect_fn, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"enable", gc_enable_fn, METH_NOARGS, nullptr},
    {"disable", gc_disable_fn, METH_NOARGS, nullptr},
    {"isenabled", gc_isenabled_fn, METH_NOARGS, nullptr},
    {"get_count", gc_get_count_fn, METH_NOARGS, nullptr},
    {"get_threshold", gc_get_threshold_fn, METH_NOARGS, nullptr},
    {"set_threshold", gc_set_threshold_fn, METH_FASTCALL, nullptr},
    {"is_tracked", gc_is_tracked_fn, METH_O, nullptr},
    {"is_finalized", gc_is_finalized_fn, METH_O, nullptr},
    {"get_stats", gc_get_stats_fn, METH_NOARGS, nullptr},
    {"get_objects", gc_get_objects_fn, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"get_referrers", gc_get_referrers_fn, METH_FASTCALL, nullptr},
    {"get_referents", gc_get_referents_fn, METH_FASTCALL, nullptr},
    {"freeze", gc_noop_fn, METH_NOARGS, nullptr},
    {"unfreeze", gc_noop_fn, METH_NOARGS, nullptr},
    {"get_freeze_count", gc_freeze_count_fn, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

int gc_module_init(Value m) {
  Value d = module_dict(m);
  Ref garbage(list_new(0)), callbacks(list_new(0));
  if (!garbage || !callbacks) return -1;
  if (dict_set_cstr(d, "garbage", *garbage) < 0 || dict_set_cstr(d, "callbacks", *callbacks) < 0 ||
      dict_set_cstr(d, "DEBUG_STATS", Value::small(1)) < 0 ||
      dict_set_cstr(d, "DEBUG_COLLECTABLE", Value::small(2)) < 0 ||
      dict_set_cstr(d, "DEBUG_UNCOLLECTABLE", Value::small(4)) < 0 ||
      dict_set_cstr(d, "DEBUG_SAVEALL", Value::small(32)) < 0 ||
      dict_set_cstr(d, "DEBUG_LEAK", Value::small(38)) < 0) {
    return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef gc_module_def;
const BuiltinModuleDef gc_module_def = {"gc", gc_module_init, gc_methods,
                                        "This module provides access to the garbage collector."};

}  // namespace strata
