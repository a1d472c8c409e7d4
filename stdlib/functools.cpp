// stdlib/functools.cpp — the `_functools` module that functools.py imports when present:
// reduce, partial (with nested-partial flattening, no __get__: a partial stored in a
// class does not bind), cmp_to_key (whose keys are functools.KeyWrapper objects) and
// _lru_cache_wrapper (the object lru_cache returns: unbounded, bounded LRU or
// uncached, with cache_info/cache_clear; functools.py adds __wrapped__ and
// cache_parameters through __dict__).
#include <cstring>

#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/func.h"
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

// __dict__ of an object with a Value dict slot at `offset`.
Value dict_slot_get(Value* slot) {
  if (!*slot) {
    *slot = dict_new();
    if (!*slot) return Value();
  }
  return newref(*slot);
}
int dict_slot_set(Value* slot, Value v) {
  if (!v) {
    raise(TypeError, "a partial object's dictionary may not be deleted");
    return -1;
  }
  if (!is_dict(v)) {
    raise(TypeError, "setting partial object's dictionary to a non-dict");
    return -1;
  }
  set_ref(slot, newref(v));
  return 0;
}

// -- reduce ----------------------------------------------------------------------------------

Value functools_reduce(Value, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("reduce", kwnames)) return Value();
  if (!check_positional("reduce", nargs, 2, 3)) return Value();
  Value func = args[0];
  Value it = get_iter(args[1]);
  if (!it) {
    if (error_matches(TypeError)) {
      clear_error();
      raise(TypeError, "reduce() arg 2 must support iteration");
    }
    return it;
  }
  Value result = nargs == 3 ? newref(args[2]) : Value();
  for (;;) {
    Value item = iter_next(it);
    if (!item) break;
    if (!result) {
      result = item;
      continue;
    }
    Value r = call2(func, result, item);
    decref(item);
    decref(result);
    result = r;
    if (!r) break;
  }
  decref(it);
  if (error_occurred()) {
    xdecref(result);
    return Value();
  }
  if (!result) return raise(TypeError, "reduce() of empty iterable with no initial value");
  return result;
}

// -- partial ---------------------------------------------------------------------------------

struct PartialObject {
  Object ob;
  Value fn;
  Value args;  // tuple
  Value kw;    // dict
  Value dict;  // __dict__ or null
  Value weakreflist;
};

Value partial_call(Value self, const Value* args, size_t nargs, Value kwnames);

Value partial_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (nargs < 1) return raise(TypeError, "type 'partial' takes at least one argument");
  Value func = args[0];
  Value pargs = Value(), pkw = Value();
  if (!func.is_small() && type_of(func)->call == partial_call) {
    // Same layout (partial or a subclass that keeps partial's call): flatten.
    PartialObject* part = func.as<PartialObject>();
    if (!part->dict) {
      pargs = part->args;
      pkw = part->kw;
      func = part->fn;
    }
  }
  if (!is_callable(func)) return raise(TypeError, "the first argument must be callable");
  int64_t np = pargs ? tuple_size(pargs) : 0;
  int64_t na = int64_t(nargs) - 1;
  Ref targs(tuple_new(np + na));
  if (!targs) return Value();
  for (int64_t i = 0; i < np; i++) tuple_items(*targs)[i] = newref(tuple_item(pargs, i));
  for (int64_t i = 0; i < na; i++) tuple_items(*targs)[np + i] = newref(args[1 + i]);
  Ref kw(pkw ? dict_copy(pkw) : dict_new());
  if (!kw) return Value();
  size_t nkw = kwnames_count(kwnames);
  for (size_t k = 0; k < nkw; k++) {
    if (dict_set(*kw, tuple_item(kwnames, int64_t(k)), args[nargs + k]) < 0) return Value();
  }
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  PartialObject* p = reinterpret_cast<PartialObject*>(o);
  p->fn = newref(func);
  p->args = targs.release();
  p->kw = kw.release();
  gc_track(o);
  return Value::from(o);
}

void partial_dealloc(Object* o) {
  gc_untrack(o);
  PartialObject* p = reinterpret_cast<PartialObject*>(o);
  xdecref(p->fn);
  xdecref(p->args);
  xdecref(p->kw);
  xdecref(p->dict);
  free_object(o);
}
void partial_traverse(Object* o, VisitFn visit, void* arg) {
  PartialObject* p = reinterpret_cast<PartialObject*>(o);
  visit_value(p->fn, visit, arg);
  visit_value(p->args, visit, arg);
  visit_value(p->kw, visit, arg);
  visit_value(p->dict, visit, arg);
}
void partial_clear(Object* o) {
  PartialObject* p = reinterpret_cast<PartialObject*>(o);
  clear_ref(&p->fn);
  clear_ref(&p->args);
  clear_ref(&p->kw);
  clear_ref(&p->dict);
}

Value partial_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  PartialObject* p = self.as<PartialObject>();
  int64_t np = tuple_size(p->args);
  size_t nkw = kwnames_count(kwnames);
  if (dict_size(p->kw) == 0) {
    // Vector call: the stored arguments, then the given ones (keywords stay last).
    if (np == 0) return call(p->fn, args, nargs, kwnames);
    size_t total = size_t(np) + nargs + nkw;
    Value small[16];
    Value* buf = small;
    if (total > 16) {
      buf = static_cast<Value*>(mem_alloc(total * sizeof(Value)));
      if (!buf) return raise_no_memory();
    }
    for (int64_t i = 0; i < np; i++) buf[i] = tuple_item(p->args, i);
    for (size_t i = 0; i < nargs + nkw; i++) buf[np + int64_t(i)] = args[i];
    Value r = call(p->fn, buf, size_t(np) + nargs, kwnames);
    if (buf != small) mem_free(buf);
    return r;
  }
  Ref kw(dict_copy(p->kw));
  if (!kw) return Value();
  for (size_t k = 0; k < nkw; k++) {
    if (dict_set(*kw, tuple_item(kwnames, int64_t(k)), args[nargs + k]) < 0) return Value();
  }
  Ref targs(tuple_new(np + int64_t(nargs)));
  if (!targs) return Value();
  for (int64_t i = 0; i < np; i++) tuple_items(*targs)[i] = newref(tuple_item(p->args, i));
  for (size_t i = 0; i < nargs; i++) tuple_items(*targs)[np + int64_t(i)] = newref(args[i]);
  return call_tuple_dict(p->fn, *targs, *kw);
}

Value partial_repr(Value self) {
  PartialObject* p = self.as<PartialObject>();
  int r = repr_enter(self);
  if (r < 0) return Value();
  if (r > 0) return str_from_ascii("...");
  Value out = Value();
  text::StrBuilder b;
  b.append_utf8(type_of(self)->name);
  b.append('(');
  Ref fr(repr(p->fn));
  if (fr) {
    b.append_str(*fr);
    bool ok = true;
    Ref args(newref(p->args));  // the repr of an item may change p->args
    for (int64_t i = 0; ok && i < tuple_size(*args); i++) {
      Ref ar(repr(tuple_item(*args, i)));
      if (!ar) {
        ok = false;
        break;
      }
      b.append_ascii(", ");
      b.append_str(*ar);
    }
    Ref kw(newref(p->kw));
    int64_t pos = 0;
    Value k, v;
    while (ok && dict_next(*kw, &pos, &k, &v)) {
      Ref kk(newref(k)), vv(newref(v));
      Ref ks(str(*kk));
      Ref vr(ks ? repr(*vv) : Value());
      if (!vr) {
        ok = false;
        break;
      }
      b.append_ascii(", ");
      b.append_str(*ks);
      b.append('=');
      b.append_str(*vr);
    }
    if (ok) {
      b.append(')');
      out = b.finish();
    }
  }
  repr_leave(self);
  return out;
}

Value partial_reduce(Value self, const Value*, size_t, Value) {
  PartialObject* p = self.as<PartialObject>();
  Ref fnargs(tuple_pack({p->fn}));
  if (!fnargs) return Value();
  Value kw = dict_size(p->kw) ? p->kw : None();
  Value d = p->dict ? p->dict : None();
  Ref state(tuple_pack({p->fn, p->args, kw, d}));
  if (!state) return Value();
  return tuple_pack({Value::from(type_of(self)), *fnargs, *state});
}

Value partial_setstate(Value self, const Value* args, size_t, Value) {
  PartialObject* p = self.as<PartialObject>();
  Value state = args[0];
  if (!is_tuple(state)) return raise(TypeError, "argument to __setstate__ must be a tuple");
  if (tuple_size(state) != 4) {
    return raise(TypeError, "expected 4 items in state, got %zd", tuple_size(state));
  }
  Value fn = tuple_item(state, 0), fnargs = tuple_item(state, 1), kw = tuple_item(state, 2),
        dict = tuple_item(state, 3);
  if (!is_callable(fn) || !is_tuple(fnargs) || (!is_none(kw) && !is_dict(kw))) {
    return raise(TypeError, "invalid partial state");
  }
  Value nargs = is_exact_tuple(fnargs) ? newref(fnargs)
                                       : tuple_from(tuple_items(fnargs), tuple_size(fnargs));
  if (!nargs) return nargs;
  Value nkw = is_none(kw) ? dict_new() : (is_exact_dict(kw) ? newref(kw) : dict_copy(kw));
  if (!nkw) {
    decref(nargs);
    return nkw;
  }
  set_ref(&p->fn, newref(fn));
  set_ref(&p->args, nargs);
  set_ref(&p->kw, nkw);
  set_ref(&p->dict, is_none(dict) ? Value() : newref(dict));
  return None();
}

Value partial_get_dict(Value self) { return dict_slot_get(&self.as<PartialObject>()->dict); }
int partial_set_dict(Value self, Value v) { return dict_slot_set(&self.as<PartialObject>()->dict, v); }

const MethodDef partial_methods[] = {
    {"__reduce__", partial_reduce, METH_NOARGS, nullptr},
    {"__setstate__", partial_setstate, METH_O, nullptr},
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr}};

const MemberDef partial_members[] = {
    {"func", MemberKind::Object, offsetof(PartialObject, fn), true,
     "function object to use in future partial calls"},
    {"args", MemberKind::Object, offsetof(PartialObject, args), true,
     "tuple of arguments to future partial calls"},
    {"keywords", MemberKind::Object, offsetof(PartialObject, kw), true,
     "dictionary of keyword arguments to future partial calls"},
    {nullptr, MemberKind::Object, 0, false, nullptr}};

const GetSetDef partial_getset[] = {
    {"__dict__", partial_get_dict, partial_set_dict, nullptr},
    {nullptr, nullptr, nullptr, nullptr}};

Type PartialType = {
    .ob = {kImmortal, &TypeType},
    .name = "functools.partial",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(PartialObject),
    .dictoffset = offsetof(PartialObject, dict),
    .weaklistoffset = offsetof(PartialObject, weakreflist),
    .dealloc = partial_dealloc,
    .traverse = partial_traverse,
    .clear = partial_clear,
    .repr = partial_repr,
    .call = partial_call,
    .new_ = partial_new,
    .methods = partial_methods,
    .members = partial_members,
    .getset = partial_getset,
    .doc = "partial(func, *args, **keywords) - new function with partial application\n"
           "    of the given arguments and keywords.\n",
};

// -- cmp_to_key ------------------------------------------------------------------------------

struct KeyObject {
  Object ob;
  Value cmp;
  Value object;  // null in the factory cmp_to_key returns
};

extern Type KeyWrapperType;

Value keyobject_make(Value cmp, Value object) {
  Object* o = alloc_object(&KeyWrapperType, sizeof(KeyObject));
  if (!o) return Value();
  KeyObject* k = reinterpret_cast<KeyObject*>(o);
  k->cmp = newref(cmp);
  k->object = xnewref(object);
  gc_track(o);
  return Value::from(o);
}

void keyobject_dealloc(Object* o) {
  gc_untrack(o);
  KeyObject* k = reinterpret_cast<KeyObject*>(o);
  xdecref(k->cmp);
  xdecref(k->object);
  free_object(o);
}
void keyobject_traverse(Object* o, VisitFn visit, void* arg) {
  KeyObject* k = reinterpret_cast<KeyObject*>(o);
  visit_value(k->cmp, visit, arg);
  visit_value(k->object, visit, arg);
}
void keyobject_clear(Object* o) {
  KeyObject* k = reinterpret_cast<KeyObject*>(o);
  clear_ref(&k->cmp);
  clear_ref(&k->object);
}

Value keyobject_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"obj"};
  ArgSpec spec{"K", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  return keyobject_make(self.as<KeyObject>()->cmp, a[0]);
}

Value keyobject_richcompare(Value a, Value b, int op) {
  if (type_of(b) != type_of(a)) return raise(TypeError, "other argument must be K instance");
  KeyObject* x = a.as<KeyObject>();
  KeyObject* y = b.as<KeyObject>();
  if (!x->object || !y->object) return raise(AttributeError, "object");
  Ref res(call2(x->cmp, x->object, y->object));
  if (!res) return Value();
  return rich_compare(*res, Value::small(0), op);
}

const MemberDef keyobject_members[] = {
    {"obj", MemberKind::Object, offsetof(KeyObject, object), false,
     "Value wrapped by a key function."},
    {nullptr, MemberKind::Object, 0, false, nullptr}};

Type KeyWrapperType = {
    .ob = {kImmortal, &TypeType},
    .name = "functools.KeyWrapper",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(KeyObject),
    .dealloc = keyobject_dealloc,
    .traverse = keyobject_traverse,
    .clear = keyobject_clear,
    .hash = hash_not_implemented,
    .richcompare = keyobject_richcompare,
    .call = keyobject_call,
    .members = keyobject_members,
};

Value functools_cmp_to_key(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"mycmp"};
  ArgSpec spec{"cmp_to_key", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  return keyobject_make(a[0], Value());
}

// -- _lru_cache_wrapper ----------------------------------------------------------------------
// The bounded cache keeps a circular doubly linked list of links (oldest after `root`,
// newest before it) and a dict from key to link. Links are internal objects that are not
// tracked by the collector: the wrapper's traverse visits their keys and results.

struct LruLink {
  Object ob;
  LruLink* prev;
  LruLink* next;
  int64_t hash;
  Value key;
  Value result;
};

void lrulink_dealloc(Object* o) {
  LruLink* l = reinterpret_cast<LruLink*>(o);
  xdecref(l->key);
  xdecref(l->result);
  free_object(o);
}

Type LruLinkType = {
    .ob = {kImmortal, &TypeType},
    .name = "functools._lru_list_elem",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE,
    .basicsize = sizeof(LruLink),
    .dealloc = lrulink_dealloc,
};

enum LruKind : int { LRU_UNCACHED, LRU_INFINITE, LRU_BOUNDED };

struct LruCacheObject {
  Object ob;
  LruLink root;  // sentinel (never a Python object of its own)
  int kind;
  bool typed;
  int64_t maxsize;
  int64_t hits, misses;
  Value func;
  Value cache;       // dict
  Value cache_info_type;
  Value kwd_mark;
  Value dict;
  Value weakreflist;
};

extern Type LruCacheType;

// _make_key: the key for args/kwargs, as the C version of CPython builds it.
Value lru_make_key(LruCacheObject* c, const Value* args, size_t nargs, Value kwnames) {
  size_t nkw = kwnames_count(kwnames);
  if (nkw == 0 && !c->typed && nargs == 1) {
    Value a = args[0];
    if (a.is_small() || type_of(a) == &IntType || type_of(a) == &StrType) return newref(a);
  }
  int64_t n = int64_t(nargs);
  if (nkw) n += 1 + 2 * int64_t(nkw);
  if (c->typed) n += int64_t(nargs + nkw);
  Value key = tuple_new(n);
  if (!key) return key;
  Value* it = tuple_items(key);
  for (size_t i = 0; i < nargs; i++) *it++ = newref(args[i]);
  if (nkw) {
    *it++ = newref(c->kwd_mark);
    for (size_t k = 0; k < nkw; k++) {
      *it++ = newref(tuple_item(kwnames, int64_t(k)));
      *it++ = newref(args[nargs + k]);
    }
  }
  if (c->typed) {
    for (size_t i = 0; i < nargs + nkw; i++) *it++ = newref(Value::from(type_of(args[i])));
  }
  return key;
}

void lru_unlink(LruLink* l) {
  l->prev->next = l->next;
  l->next->prev = l->prev;
}
void lru_append(LruCacheObject* c, LruLink* l) {  // as the newest
  LruLink* root = &c->root;
  LruLink* last = root->prev;
  last->next = l;
  root->prev = l;
  l->prev = last;
  l->next = root;
}

Value lru_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  LruCacheObject* c = self.as<LruCacheObject>();
  if (c->kind == LRU_UNCACHED) {
    c->misses++;
    return call(c->func, args, nargs, kwnames);
  }
  Ref key(lru_make_key(c, args, nargs, kwnames));
  if (!key) return Value();
  int64_t h = hash(*key);
  if (h == -1) return Value();
  Value found = dict_get_known_hash(c->cache, *key, h);
  if (found) {
    c->hits++;
    if (c->kind == LRU_INFINITE) return newref(found);
    LruLink* l = found.as<LruLink>();
    lru_unlink(l);
    lru_append(c, l);
    return newref(l->result);
  }
  if (error_occurred()) return Value();
  c->misses++;
  Value result = call(c->func, args, nargs, kwnames);
  if (!result) return result;
  if (c->kind == LRU_INFINITE) {
    if (dict_set(c->cache, *key, result) < 0) {
      decref(result);
      return Value();
    }
    return result;
  }
  // The call may have filled the cache with this key already (recursion).
  Value again = dict_get_known_hash(c->cache, *key, h);
  if (again || error_occurred()) {
    if (!again) {
      decref(result);
      return Value();
    }
    return result;
  }
  if (dict_size(c->cache) < c->maxsize || c->root.next == &c->root) {
    Object* o = alloc_object(&LruLinkType, sizeof(LruLink));
    if (!o) {
      decref(result);
      return Value();
    }
    LruLink* l = reinterpret_cast<LruLink*>(o);
    l->hash = h;
    l->key = newref(*key);
    l->result = newref(result);
    if (dict_set(c->cache, *key, Value::from(o)) < 0) {
      decref(Value::from(o));
      decref(result);
      return Value();
    }
    decref(Value::from(o));  // the dict holds it
    lru_append(c, l);
    return result;
  }
  // Full: reuse the oldest link for the new entry.
  LruLink* oldest = c->root.next;
  Value link = newref(Value::from(&oldest->ob));
  lru_unlink(oldest);
  Value popped = dict_pop(c->cache, oldest->key);
  if (!popped) {
    // Not in the dict any more (cleared during the call): forget the link.
    decref(link);
    if (error_occurred()) {
      decref(result);
      return Value();
    }
    return result;
  }
  decref(popped);
  Value old_key = oldest->key, old_result = oldest->result;
  oldest->hash = h;
  oldest->key = newref(*key);
  oldest->result = newref(result);
  if (dict_set(c->cache, *key, link) < 0) {
    decref(link);
    decref(old_key);
    decref(old_result);
    decref(result);
    return Value();
  }
  lru_append(c, oldest);
  decref(link);
  decref(old_key);
  decref(old_result);
  return result;
}

void lru_clear_links(LruCacheObject* c) {
  LruLink* l = c->root.next;
  c->root.next = c->root.prev = &c->root;
  // The dict holds the links; clearing it releases them.
  (void)l;
}

Value lru_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"user_function", "maxsize", "typed", "cache_info_type"};
  ArgSpec spec{"_lru_cache_wrapper", names, 4, 0, 4, 4};
  Value a[4];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  if (!is_callable(a[0])) return raise(TypeError, "the first argument must be callable");
  int kind;
  int64_t maxsize = 0;
  if (is_none(a[1])) {
    kind = LRU_INFINITE;
  } else if (is_int(a[1])) {
    maxsize = as_ssize(a[1], OverflowError);
    if (maxsize == -1 && error_occurred()) return Value();
    if (maxsize < 0) maxsize = 0;
    kind = maxsize == 0 ? LRU_UNCACHED : LRU_BOUNDED;
  } else {
    return raise(TypeError, "maxsize should be integer or None");
  }
  int typed = is_true(a[2]);
  if (typed < 0) return Value();
  Ref cache(dict_new());
  if (!cache) return Value();
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  LruCacheObject* c = reinterpret_cast<LruCacheObject*>(o);
  c->root.prev = c->root.next = &c->root;
  c->kind = kind;
  c->typed = typed;
  c->maxsize = maxsize;
  c->func = newref(a[0]);
  c->cache = cache.release();
  c->cache_info_type = newref(a[3]);
  static Value kwd_mark = Value();
  if (!kwd_mark) {
    Object* m = alloc_object(&ObjectType, sizeof(Object));
    if (!m) {
      decref(Value::from(o));
      return Value();
    }
    make_immortal(m);
    kwd_mark = Value::from(m);
  }
  c->kwd_mark = kwd_mark;
  gc_track(o);
  return Value::from(o);
}

void lru_dealloc(Object* o) {
  gc_untrack(o);
  LruCacheObject* c = reinterpret_cast<LruCacheObject*>(o);
  lru_clear_links(c);
  xdecref(c->cache);
  xdecref(c->func);
  xdecref(c->cache_info_type);
  xdecref(c->dict);
  free_object(o);
}
void lru_traverse(Object* o, VisitFn visit, void* arg) {
  LruCacheObject* c = reinterpret_cast<LruCacheObject*>(o);
  for (LruLink* l = c->root.next; l != &c->root; l = l->next) {
    visit_value(l->key, visit, arg);
    visit_value(l->result, visit, arg);
  }
  if (c->kind != LRU_BOUNDED) visit_value(c->cache, visit, arg);
  visit_value(c->func, visit, arg);
  visit_value(c->cache_info_type, visit, arg);
  visit_value(c->dict, visit, arg);
}
void lru_clear_slot(Object* o) {
  LruCacheObject* c = reinterpret_cast<LruCacheObject*>(o);
  lru_clear_links(c);
  if (c->cache) dict_clear(c->cache);
  clear_ref(&c->func);
  clear_ref(&c->cache_info_type);
  clear_ref(&c->dict);
}

Value lru_cache_info(Value self, const Value*, size_t, Value) {
  LruCacheObject* c = self.as<LruCacheObject>();
  Ref hits(int_from_i64(c->hits)), misses(int_from_i64(c->misses));
  Ref cursize(int_from_i64(c->kind == LRU_UNCACHED ? 0 : dict_size(c->cache)));
  Ref maxsize(c->kind == LRU_INFINITE ? newref(None()) : int_from_i64(c->maxsize));
  Value argv[4] = {*hits, *misses, *maxsize, *cursize};
  return call(c->cache_info_type, argv, 4);
}

Value lru_cache_clear(Value self, const Value*, size_t, Value) {
  LruCacheObject* c = self.as<LruCacheObject>();
  c->hits = c->misses = 0;
  lru_clear_links(c);
  dict_clear(c->cache);
  return None();
}

Value lru_descr_get(Value self, Value obj, Value) {
  if (!obj || is_none(obj)) return newref(self);
  return method_new(self, obj);
}

Value lru_reduce(Value self, const Value*, size_t, Value) {
  return getattr(self, STRATA_NAME(__qualname__));
}
Value lru_copy(Value self, const Value*, size_t, Value) { return newref(self); }

Value lru_get_dict(Value self) { return dict_slot_get(&self.as<LruCacheObject>()->dict); }
int lru_set_dict(Value self, Value v) {
  if (!v || !is_dict(v)) {
    raise(TypeError, "__dict__ must be set to a dictionary, not a '%s'",
          v ? type_of(v)->name : "NoneType");
    return -1;
  }
  set_ref(&self.as<LruCacheObject>()->dict, newref(v));
  return 0;
}

const MethodDef lru_methods[] = {
    {"cache_info", lru_cache_info, METH_NOARGS, "Report cache statistics"},
    {"cache_clear", lru_cache_clear, METH_NOARGS, "Clear the cache and cache statistics"},
    {"__reduce__", lru_reduce, METH_NOARGS, nullptr},
    {"__copy__", lru_copy, METH_NOARGS, nullptr},
    {"__deepcopy__", lru_copy, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr}};

const GetSetDef lru_getset[] = {
    {"__dict__", lru_get_dict, lru_set_dict, nullptr},
    {nullptr, nullptr, nullptr, nullptr}};

Type LruCacheType = {
    .ob = {kImmortal, &TypeType},
    .name = "functools._lru_cache_wrapper",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE | TF_METHOD_DESCRIPTOR,
    .basicsize = sizeof(LruCacheObject),
    .dictoffset = offsetof(LruCacheObject, dict),
    .weaklistoffset = offsetof(LruCacheObject, weakreflist),
    .dealloc = lru_dealloc,
    .traverse = lru_traverse,
    .clear = lru_clear_slot,
    .call = lru_call,
    .descr_get = lru_descr_get,
    .new_ = lru_new,
    .methods = lru_methods,
    .getset = lru_getset,
    .doc = "Create a cached callable that wraps another function.\n\n"
           "user_function:      the function being cached\n\n"
           "maxsize:  0         for no caching\n"
           "          None      for unlimited cache size\n"
           "          n         for a bounded cache\n\n"
           "typed:    False     cache f(3) and f(3.0) as identical calls\n"
           "          True      cache f(3) and f(3.0) as distinct calls\n\n"
           "cache_info_type:    namedtuple class with the fields:\n"
           "                        hits misses currsize maxsize\n",
};

// -- The module ------------------------------------------------------------------------------

const MethodDef functools_methods[] = {
    {"reduce", functools_reduce, METH_FASTCALL | METH_KEYWORDS,
     "reduce(function, iterable[, initial]) -> value\n\nApply a function of two arguments "
     "cumulatively to the items of a sequence\nor iterable, from left to right, so as to "
     "reduce the iterable to a single\nvalue.  For example, reduce(lambda x, y: x+y, [1, 2, "
     "3, 4, 5]) calculates\n((((1+2)+3)+4)+5).  If initial is present, it is placed before "
     "the items\nof the iterable in the calculation, and serves as a default when the\n"
     "iterable is empty."},
    {"cmp_to_key", functools_cmp_to_key, METH_FASTCALL | METH_KEYWORDS,
     "Convert a cmp= function into a key= function."},
    {nullptr, nullptr, 0, nullptr},
};

int functools_init(Value m) {
  static bool ready = false;
  if (!ready) {
    for (Type* t : {&PartialType, &KeyWrapperType, &LruLinkType, &LruCacheType}) {
      if (type_ready(t) < 0) return -1;
    }
    ready = true;
  }
  Value d = module_dict(m);
  if (dict_set_cstr(d, "partial", Value::from(&PartialType)) < 0 ||
      dict_set_cstr(d, "KeyWrapper", Value::from(&KeyWrapperType)) < 0 ||
      dict_set_cstr(d, "_lru_cache_wrapper", Value::from(&LruCacheType)) < 0) {
    return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef functools_module_def;
const BuiltinModuleDef functools_module_def = {"_functools", functools_init, functools_methods,
                                               "Tools that operate on functions."};

}  // namespace strata
