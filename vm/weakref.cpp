// vm/weakref.cpp — weak references (`weakref.ReferenceType`, proxies) and the `_weakref`
// module. An object whose type has a weaklistoffset keeps there the head of a doubly
// linked list of the weak references to it: the callback-less reference (shared:
// `ref(o) is ref(o)`) and proxies first, then the others newest first. When the object
// dies (free_object) or is found to be cyclic garbage (vm/gc.cpp), every reference is
// cleared and the callbacks run, newest first.
#include <cstdio>
#include <vector>

#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/gc.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"
#include "vm/weakref.h"

namespace strata {

namespace {

WeakRefObject** list_head(Object* o) {
  int64_t off = o->type->weaklistoffset;
  if (off <= 0) return nullptr;
  return reinterpret_cast<WeakRefObject**>(reinterpret_cast<char*>(o) + off);
}

void unlink_ref(WeakRefObject* wr) {
  if (!wr->referent) return;
  WeakRefObject** head = list_head(wr->referent);
  if (wr->prev) wr->prev->next = wr->next;
  if (wr->next) wr->next->prev = wr->prev;
  if (head && *head == wr) *head = wr->next;
  wr->prev = wr->next = nullptr;
  wr->referent = nullptr;
}

bool is_basic(WeakRefObject* wr) {
  return !wr->callback && (wr->ob.type == &WeakRefType || wr->ob.type == &WeakProxyType ||
                           wr->ob.type == &WeakCallableProxyType);
}

void weakref_dealloc(Object* o) {
  gc_untrack(o);
  WeakRefObject* wr = reinterpret_cast<WeakRefObject*>(o);
  unlink_ref(wr);
  clear_ref(&wr->callback);
  free_object(o);
}

void weakref_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<WeakRefObject*>(o)->callback, visit, arg);
}

void weakref_clear(Object* o) {
  WeakRefObject* wr = reinterpret_cast<WeakRefObject*>(o);
  unlink_ref(wr);
  clear_ref(&wr->callback);
}

Value weakref_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (nargs || (kwnames && tuple_size(kwnames))) {
    return raise(TypeError, "weakref() takes no arguments");
  }
  Object* r = self.as<WeakRefObject>()->referent;
  return r ? newref(Value::from(r)) : None();
}

int64_t weakref_hash(Value self) {
  WeakRefObject* wr = self.as<WeakRefObject>();
  if (wr->hash != -1) return wr->hash;
  if (!wr->referent) {
    raise(TypeError, "weak object has gone away");
    return -1;
  }
  wr->hash = hash(Value::from(wr->referent));
  return wr->hash;
}

Value weakref_repr(Value self) {
  WeakRefObject* wr = self.as<WeakRefObject>();
  char addr[32], target[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(wr));
  if (!wr->referent) return str_format_c("<weakref at %s; dead>", addr);
  std::snprintf(target, sizeof target, "%p", static_cast<void*>(wr->referent));
  Value obj = Value::from(wr->referent);
  Value name = lookup_attr(obj, STRATA_NAME(__name__));
  if (!name && error_occurred()) clear_error();
  Value r = name && is_str(name)
                ? str_format_c("<weakref at %s; to '%s' at %s (%U)>", addr, type_name(obj), target, name)
                : str_format_c("<weakref at %s; to '%s' at %s>", addr, type_name(obj), target);
  xdecref(name);
  return r;
}

Value weakref_richcompare(Value a, Value b, int op) {
  if ((op != 2 && op != 3) || !is_instance_of(a, &WeakRefType) || !is_instance_of(b, &WeakRefType)) {
    return NotImplemented();
  }
  Object* x = a.as<WeakRefObject>()->referent;
  Object* y = b.as<WeakRefObject>()->referent;
  if (!x || !y) {
    bool same = a == b;
    return Bool(op == 2 ? same : !same);
  }
  return rich_compare(Value::from(x), Value::from(y), op);
}

Value new_ref(Type* type, Value obj, Value callback) {
  if (callback && is_none(callback)) callback = Value();
  WeakRefObject** head = obj.is_small() ? nullptr : list_head(obj.obj());
  if (!head) {
    return raise(TypeError, "cannot create weak reference to '%s' object", type_name(obj));
  }
  bool plain = type == &WeakRefType || type == &WeakProxyType || type == &WeakCallableProxyType;
  if (!callback && plain) {
    for (WeakRefObject* w = *head; w && is_basic(w); w = w->next) {
      if (w->ob.type == type) return newref(Value::from(&w->ob));
    }
  }
  Object* o = alloc_object(type, type->basicsize ? type->basicsize : sizeof(WeakRefObject));
  if (!o) return Value();
  WeakRefObject* wr = reinterpret_cast<WeakRefObject*>(o);
  wr->referent = obj.obj();
  wr->callback = xnewref(callback);
  wr->hash = -1;
  // Basic references stay at the front; the rest go after them, newest first.
  WeakRefObject* after = nullptr;
  if (!(callback == Value() && plain)) {
    for (WeakRefObject* w = *head; w && is_basic(w); w = w->next) after = w;
  }
  if (after) {
    wr->prev = after;
    wr->next = after->next;
    if (after->next) after->next->prev = wr;
    after->next = wr;
  } else {
    wr->next = *head;
    if (*head) (*head)->prev = wr;
    *head = wr;
  }
  gc_track(o);
  return Value::from(o);
}

Value weakref_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (nargs < 1 || nargs > 2) {
    return raise(TypeError, "__new__ expected at most 2 arguments, got %zu", nargs);
  }
  return new_ref(type, args[0], nargs > 1 ? args[1] : Value());
}

int weakref_init(Value, const Value*, size_t, Value) { return 0; }

Value wget_callback(Value self) {
  Value cb = self.as<WeakRefObject>()->callback;
  return newref(cb ? cb : None());
}

const GetSetDef weakref_getset[] = {
    {"__callback__", wget_callback, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// Proxies forward everything to the referent.
Value proxy_target(Value self) {
  Object* r = self.as<WeakRefObject>()->referent;
  if (!r) return raise(ReferenceError, "weakly-referenced object no longer exists");
  return Value::from(r);
}

Value proxy_getattr(Value self, Value name) {
  Value t = proxy_target(self);
  return t ? getattr(t, name) : t;
}

int proxy_setattr(Value self, Value name, Value v) {
  Value t = proxy_target(self);
  if (!t) return -1;
  return v ? setattr(t, name, v) : delattr(t, name);
}

Value proxy_repr(Value self) {
  char addr[32], target[32];
  WeakRefObject* wr = self.as<WeakRefObject>();
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(wr));
  std::snprintf(target, sizeof target, "%p", static_cast<void*>(wr->referent));
  return str_format_c("<weakproxy at %s; to '%s' at %s>", addr,
                      wr->referent ? wr->referent->type->name : "NoneType", target);
}

Value proxy_str(Value self) {
  Value t = proxy_target(self);
  return t ? str(t) : t;
}

Value proxy_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value t = proxy_target(self);
  return t ? call(t, args, nargs, kwnames) : t;
}

int64_t proxy_length(Value self) {
  Value t = proxy_target(self);
  return t ? length(t) : -1;
}

Value proxy_getitem(Value self, Value key) {
  Value t = proxy_target(self);
  return t ? getitem(t, key) : t;
}

int proxy_setitem(Value self, Value key, Value v) {
  Value t = proxy_target(self);
  if (!t) return -1;
  return v ? setitem(t, key, v) : delitem(t, key);
}

int proxy_bool(Value self) {
  Value t = proxy_target(self);
  return t ? is_true(t) : -1;
}

Value proxy_iter(Value self) {
  Value t = proxy_target(self);
  return t ? get_iter(t) : t;
}

Value proxy_richcompare(Value a, Value b, int op) {
  if (type_of(a) == &WeakProxyType || type_of(a) == &WeakCallableProxyType) {
    a = proxy_target(a);
    if (!a) return a;
  }
  if (type_of(b) == &WeakProxyType || type_of(b) == &WeakCallableProxyType) {
    b = proxy_target(b);
    if (!b) return b;
  }
  return rich_compare(a, b, op);
}

// -- The _weakref module -------------------------------------------------------------------

Value mod_getweakrefcount(Value, const Value* args, size_t, Value) {
  Value obj = args[0];
  WeakRefObject** head = obj.is_small() ? nullptr : list_head(obj.obj());
  int64_t n = 0;
  for (WeakRefObject* w = head ? *head : nullptr; w; w = w->next) n++;
  return int_from_i64(n);
}

Value mod_getweakrefs(Value, const Value* args, size_t, Value) {
  Value obj = args[0];
  Value out = list_new(0);
  if (!out) return out;
  WeakRefObject** head = obj.is_small() ? nullptr : list_head(obj.obj());
  for (WeakRefObject* w = head ? *head : nullptr; w; w = w->next) {
    if (list_append(out, Value::from(&w->ob)) < 0) {
      decref(out);
      return Value();
    }
  }
  return out;
}

Value mod_proxy(Value, const Value* args, size_t nargs, Value) {
  if (nargs < 1 || nargs > 2) return raise(TypeError, "proxy expected at most 2 arguments, got %zu", nargs);
  Type* t = is_callable(args[0]) ? &WeakCallableProxyType : &WeakProxyType;
  return new_ref(t, args[0], nargs > 1 ? args[1] : Value());
}

Value mod_remove_dead_weakref(Value, const Value* args, size_t nargs, Value) {
  if (nargs != 2) return raise(TypeError, "_remove_dead_weakref expected 2 arguments, got %zu", nargs);
  Value d = args[0], key = args[1];
  Value v = getitem(d, key);
  if (!v) {
    if (error_matches(KeyError)) {
      clear_error();
      return None();
    }
    return v;
  }
  bool dead = is_instance_of(v, &WeakRefType) && !v.as<WeakRefObject>()->referent;
  decref(v);
  if (dead && delitem(d, key) < 0) {
    if (!error_matches(KeyError)) return Value();
    clear_error();
  }
  return None();
}

const MethodDef weakref_module_methods[] = {
    {"getweakrefcount", mod_getweakrefcount, METH_O, nullptr},
    {"getweakrefs", mod_getweakrefs, METH_O, nullptr},
    {"proxy", mod_proxy, METH_FASTCALL, nullptr},
    {"_remove_dead_weakref", mod_remove_dead_weakref, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

int weakref_module_init(Value m) {
  Value d = module_dict(m);
  if (dict_set_cstr(d, "ref", Value::from(&WeakRefType)) < 0 ||
      dict_set_cstr(d, "ReferenceType", Value::from(&WeakRefType)) < 0 ||
      dict_set_cstr(d, "ProxyType", Value::from(&WeakProxyType)) < 0 ||
      dict_set_cstr(d, "CallableProxyType", Value::from(&WeakCallableProxyType)) < 0) {
    return -1;
  }
  return 0;
}

}  // namespace

Type WeakRefType = {
    .ob = {kImmortal, &TypeType},
    .name = "weakref.ReferenceType",
    .flags = TF_HAVE_GC | TF_BASETYPE,
    .basicsize = sizeof(WeakRefObject),
    .dealloc = weakref_dealloc,
    .traverse = weakref_traverse,
    .clear = weakref_clear,
    .repr = weakref_repr,
    .hash = weakref_hash,
    .richcompare = weakref_richcompare,
    .call = weakref_call,
    .new_ = weakref_new,
    .init = weakref_init,
    .getset = weakref_getset,
};

Type WeakProxyType = {
    .ob = {kImmortal, &TypeType},
    .name = "weakref.ProxyType",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(WeakRefObject),
    .dealloc = weakref_dealloc,
    .traverse = weakref_traverse,
    .clear = weakref_clear,
    .repr = proxy_repr,
    .str = proxy_str,
    .hash = hash_not_implemented,
    .richcompare = proxy_richcompare,
    .getattr = proxy_getattr,
    .setattr = proxy_setattr,
    .iter = proxy_iter,
    .nb_bool = proxy_bool,
    .length = proxy_length,
    .getitem = proxy_getitem,
    .setitem = proxy_setitem,
};

Type WeakCallableProxyType = {
    .ob = {kImmortal, &TypeType},
    .name = "weakref.CallableProxyType",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(WeakRefObject),
    .dealloc = weakref_dealloc,
    .traverse = weakref_traverse,
    .clear = weakref_clear,
    .repr = proxy_repr,
    .str = proxy_str,
    .hash = hash_not_implemented,
    .richcompare = proxy_richcompare,
    .getattr = proxy_getattr,
    .setattr = proxy_setattr,
    .call = proxy_call,
    .iter = proxy_iter,
    .nb_bool = proxy_bool,
    .length = proxy_length,
    .getitem = proxy_getitem,
    .setitem = proxy_setitem,
};

const BuiltinModuleDef weakref_module_def = {"_weakref", weakref_module_init, weakref_module_methods,
                                             nullptr};

namespace {

// Detaches every weak reference of o; returns those with callbacks (new references).
void detach_all(Object* o, std::vector<Value>& with_callbacks) {
  WeakRefObject** head = list_head(o);
  if (!head) return;
  while (WeakRefObject* w = *head) {
    unlink_ref(w);
    if (w->callback && w->ob.refcnt > 0) with_callbacks.push_back(newref(Value::from(&w->ob)));
  }
}

void run_callbacks(std::vector<Value>& refs) {
  for (Value wr : refs) {
    Value cb = wr.as<WeakRefObject>()->callback;
    if (cb) {
      Value cbref = newref(cb);
      Value r = call1(cbref, wr);
      if (r) {
        decref(r);
      } else {
        write_unraisable(cbref);
      }
      decref(cbref);
    }
    decref(wr);
  }
}

}  // namespace

void clear_weakrefs(Object* o) {
  std::vector<Value> refs;
  detach_all(o, refs);
  if (refs.empty()) return;
  Value saved = fetch_error();
  run_callbacks(refs);
  restore_error(saved);
}

void clear_weakrefs_of_garbage(const std::vector<Object*>& garbage) {
  std::vector<Value> refs;
  for (Object* o : garbage) {
    std::vector<Value> mine;
    detach_all(o, mine);
    for (Value wr : mine) {
      // A weak reference that is garbage itself never calls back (CPython's rule).
      if (gc_in_limbo(wr.obj())) {
        decref(wr);
      } else {
        refs.push_back(wr);
      }
    }
  }
  run_callbacks(refs);
}

}  // namespace strata
