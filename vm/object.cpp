// vm/object.cpp — the `object` type (the root of every class: creation and its argument
// rules, the default repr/str/hash/comparison, the generic attribute algorithm, __class__,
// __dict__, __dir__, __format__, pickling support, __init_subclass__), and the singletons
// None, NotImplemented and Ellipsis with their types. CPython's Objects/object.c and the
// object part of Objects/typeobject.c are the model.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"  // designated Type tables

#include <algorithm>
#include <cstdio>
#include <vector>

#include "vm/abstract.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

// -- Attribute errors ------------------------------------------------------------------------

// 3.11's "Did you mean" hints read `name` and `obj` from the AttributeError
// (attribute_error_set_context, vm/exceptions.h).
Value raise_no_attribute(Value obj, Value name) {
  raise(AttributeError, "'%s' object has no attribute '%U'", type_of(obj)->name, name);
  attribute_error_set_context(obj, name);
  return Value();
}

// -- The generic attribute algorithm ---------------------------------------------------------

Value instance_dict(Value obj) {
  Value* slot = instance_dict_slot(obj);
  if (!slot) return Value();
  if (!*slot) {
    Type* t = type_of(obj);
    Value d = t->cached_keys ? dict_new_split(static_cast<DictKeys*>(t->cached_keys))
                             : dict_new();
    if (!d) return Value();
    *slot = d;
  }
  return *slot;
}

Value generic_getattr(Value obj, Value name) {
  if (!is_str(name)) {
    return raise(TypeError, "attribute name must be string, not '%T'", name);
  }
  Type* tp = type_of(obj);
  Value descr = type_lookup(tp, name);
  DescrGetFn f = nullptr;
  Ref hold;
  if (descr) {
    hold.reset(newref(descr));  // a descriptor call may drop the class's reference
    Type* dt = type_of(descr);
    f = dt->descr_get;
    if (f && dt->descr_set) return f(descr, obj, Value::from(tp));
  }
  if (Value* slot = instance_dict_slot(obj); slot && *slot) {
    Value d = *slot;
    Value v = is_exact_str(name) ? dict_get_str(d, name) : dict_get(d, name);
    if (v) return newref(v);
    if (error_occurred()) return Value();
  }
  if (f) return f(descr, obj, Value::from(tp));
  if (descr) return hold.release();
  return raise_no_attribute(obj, name);
}

int generic_setattr(Value obj, Value name, Value v) {
  if (!is_str(name)) {
    raise(TypeError, "attribute name must be string, not '%T'", name);
    return -1;
  }
  Type* tp = type_of(obj);
  Value descr = type_lookup(tp, name);
  Ref hold;
  if (descr) {
    hold.reset(newref(descr));
    if (DescrSetFn f = type_of(descr)->descr_set) return f(descr, obj, v);
  }
  Value* slot = instance_dict_slot(obj);
  if (!slot) {
    if (!descr) {
      raise_no_attribute(obj, name);
    } else {
      raise(AttributeError, "'%s' object attribute '%U' is read-only", tp->name, name);
      attribute_error_set_context(obj, name);
    }
    return -1;
  }
  if (v) {
    Value d = instance_dict(obj);
    if (!d) return -1;
    return dict_set(d, name, v);
  }
  if (!*slot || dict_del(*slot, name) < 0) {
    if (*slot && !error_matches(KeyError)) return -1;
    clear_error();
    raise_no_attribute(obj, name);
    return -1;
  }
  return 0;
}

// -- object ------------------------------------------------------------------------------------

static bool excess_args(size_t nargs, Value kwnames) {
  return nargs > 0 || (kwnames && tuple_size(kwnames) > 0);
}

// "Can't instantiate abstract class A with abstract methods f, g" (3.11's words).
static Value raise_abstract(Type* type) {
  Value am = type->dict ? dict_get_str(type->dict, STRATA_NAME(__abstractmethods__)) : Value();
  if (!am) return raise(TypeError, "Can't instantiate abstract class %s", type->name);
  Ref sorted(sequence_list(am));
  if (!sorted) return Value();
  if (list_sort(*sorted, Value(), false) < 0) return Value();
  Ref sep(str_from_ascii(", "));
  Ref joined(str_join(*sep, *sorted));
  if (!joined) return Value();
  return raise(TypeError, "Can't instantiate abstract class %s with abstract method%s %U",
               type->name, list_size(*sorted) > 1 ? "s" : "", *joined);
}

Value object_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (excess_args(nargs, kwnames)) {
    if (type->new_ != object_new) {
      return raise(TypeError,
                   "object.__new__() takes exactly one argument (the type to instantiate)");
    }
    if (type->init == object_init) {
      return raise(TypeError, "%s() takes no arguments", type->name);
    }
  }
  if (has_flag(type, TF_ABSTRACT)) return raise_abstract(type);
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  if (has_flag(type, TF_HAVE_GC)) gc_track(o);
  return Value::from(o);
}

int object_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (excess_args(nargs, kwnames)) {
    Type* type = type_of(self);
    if (type->init != object_init) {
      raise(TypeError,
            "object.__init__() takes exactly one argument (the instance to initialize)");
      return -1;
    }
    if (type->new_ == object_new) {
      raise(TypeError,
            "%s.__init__() takes exactly one argument (the instance to initialize)",
            type->name);
      return -1;
    }
  }
  return 0;
}

static void object_dealloc(Object* o) { free_object(o); }

int64_t hash_pointer(const void* p) {
  // Rotated by 4 bits: the low bits of an address are always zero (CPython's choice).
  uint64_t y = reinterpret_cast<uintptr_t>(p);
  y = (y >> 4) | (y << 60);
  int64_t h = int64_t(y);
  return h == -1 ? -2 : h;
}

static int64_t object_hash(Value self) { return hash_pointer(self.obj()); }

Value object_repr(Value self) {
  Type* t = type_of(self);
  Ref mod(type_module(t));
  if (!mod) clear_error();
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(self.obj()));
  Value qual = t->qualname;
  if (mod && is_str(*mod) && !str_equal_ascii(*mod, "builtins")) {
    if (qual) return str_format_c("<%U.%U object at %s>", *mod, qual, addr);
    return str_format_c("<%U.%s object at %s>", *mod, t->name, addr);
  }
  if (qual) return str_format_c("<%U object at %s>", qual, addr);
  return str_format_c("<%s object at %s>", t->name, addr);
}

static Value object_str(Value self) {
  UnaryFn f = type_of(self)->repr;
  if (!f) f = object_repr;
  return f(self);
}

static Value object_richcompare(Value self, Value other, int op) {
  switch (op) {
    case CMP_EQ:
      // Identity gives True; otherwise the other side decides (NotImplemented).
      return newref(self == other ? True() : NotImplemented());
    case CMP_NE: {
      // By default __ne__ delegates to __eq__ and inverts the result.
      RichCompareFn eq = type_of(self)->richcompare;
      if (!eq) return newref(NotImplemented());
      Value r = eq(self, other, CMP_EQ);
      if (!r || r == NotImplemented()) return r;
      int t = is_true(r);
      decref(r);
      if (t < 0) return Value();
      return newref(Bool(!t));
    }
    default:
      return newref(NotImplemented());
  }
}

// __class__
static Value object_get_class(Value self) { return newref(Value::from(type_of(self))); }

// Two types are compatible for __class__ assignment when their instances have the same
// layout: same solid base, same size, the same dict/weakref slots and __slots__ names.
static Type* solid_base_of(Type* t) {
  while (t->base && has_flag(t, TF_HEAPTYPE) && t->basicsize == t->base->basicsize &&
         t->itemsize == t->base->itemsize)
    t = t->base;
  while (t->base && has_flag(t, TF_HEAPTYPE)) t = t->base;
  return t;
}

static bool same_slot_names(Type* a, Type* b) {
  Value x = a->slot_names, y = b->slot_names;
  if (!x && !y) return true;
  if (!x || !y || tuple_size(x) != tuple_size(y)) return false;
  for (int64_t i = 0; i < tuple_size(x); ++i)
    if (!str_equal(tuple_item(x, i), tuple_item(y, i))) return false;
  return true;
}

static bool compatible_layout(Type* a, Type* b) {
  while (a != b) {
    if (a->basicsize != b->basicsize || a->itemsize != b->itemsize ||
        a->dictoffset != b->dictoffset || a->weaklistoffset != b->weaklistoffset ||
        has_flag(a, TF_HAVE_GC) != has_flag(b, TF_HAVE_GC))
      return false;
    if (!same_slot_names(a, b)) return false;
    // Types without fields of their own share their base's layout.
    if (!has_flag(a, TF_HEAPTYPE) || !has_flag(b, TF_HEAPTYPE)) return false;
    a = a->base;
    b = b->base;
    if (!a || !b) return a == b;
  }
  return true;
}

static int object_set_class(Value self, Value v) {
  if (!v) {
    raise(TypeError, "can't delete __class__ attribute");
    return -1;
  }
  if (!is_type(v)) {
    raise(TypeError, "__class__ must be set to a class, not '%T' object", v);
    return -1;
  }
  Type* newto = v.as<Type>();
  Type* oldto = type_of(self);
  bool modules = is_subtype(newto, &ModuleType) && is_subtype(oldto, &ModuleType);
  if (!modules && (has_flag(newto, TF_IMMUTABLE) || has_flag(oldto, TF_IMMUTABLE) ||
                   self.is_small())) {
    raise(TypeError,
          "__class__ assignment only supported for mutable types or ModuleType subclasses");
    return -1;
  }
  if (newto != oldto) {
    Type* a = newto;
    Type* b = oldto;
    // Compare the two layouts from the most derived types down to their solid bases.
    if (solid_base_of(a) != solid_base_of(b) || a->dealloc != b->dealloc ||
        !compatible_layout(a, b)) {
      if (a->dealloc != b->dealloc && solid_base_of(a) == solid_base_of(b)) {
        raise(TypeError, "__class__ assignment: '%s' deallocator differs from '%s'",
              newto->name, oldto->name);
      } else {
        raise(TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
              newto->name, oldto->name);
      }
      return -1;
    }
  }
  if (has_flag(newto, TF_HEAPTYPE)) incref(&newto->ob);
  self.obj()->type = newto;
  if (has_flag(oldto, TF_HEAPTYPE)) decref(&oldto->ob);
  return 0;
}

// The slot names of obj's class and its bases (for __getstate__), mangled as stored.
static Value collect_slot_names(Type* t) {
  Ref names(list_new(0));
  if (!names) return Value();
  Value mro = t->mro;
  int64_t n = mro ? tuple_size(mro) : 0;
  for (int64_t i = 0; i < n; ++i) {
    Type* b = tuple_item(mro, i).as<Type>();
    if (!b->slot_names) continue;
    for (int64_t j = 0; j < tuple_size(b->slot_names); ++j) {
      Value s = tuple_item(b->slot_names, j);
      if (str_equal_ascii(s, "__dict__") || str_equal_ascii(s, "__weakref__")) continue;
      if (list_append(*names, s) < 0) return Value();
    }
  }
  return names.release();
}

// object.__getstate__(): the instance dict (or None), paired with the values of the
// __slots__ members when there are any.
static Value object_getstate_impl(Value self, bool required) {
  Type* t = type_of(self);
  if (required && t->itemsize) return raise(TypeError, "cannot pickle %s objects", t->name);
  Value state = None();
  if (Value* slot = instance_dict_slot(self); slot && *slot && dict_size(*slot) > 0)
    state = *slot;
  Ref st(newref(state));
  Ref names(collect_slot_names(t));
  if (!names) return Value();
  if (required) {
    // Fields beyond the dict, weakref and __slots__ ones hold C state pickle cannot see.
    size_t basicsize = ObjectType.basicsize;
    if (t->dictoffset) basicsize += sizeof(Value);
    if (t->weaklistoffset) basicsize += sizeof(Value);
    basicsize += size_t(list_size(*names)) * sizeof(Value);
    if (t->basicsize > basicsize) return raise(TypeError, "cannot pickle '%s' object", t->name);
  }
  if (list_size(*names) > 0) {
    Ref slots(dict_new());
    if (!slots) return Value();
    for (int64_t i = 0; i < list_size(*names); ++i) {
      Value name = list_item(*names, i);
      Value v = getattr(self, name);
      if (!v) {
        if (!error_matches(AttributeError)) return Value();
        clear_error();
        continue;
      }
      int r = dict_set(*slots, name, v);
      decref(v);
      if (r < 0) return Value();
    }
    if (dict_size(*slots) > 0) return tuple_pack({*st, *slots});
  }
  return st.release();
}

static Value object_getstate(Value self, const Value*, size_t, Value) {
  return object_getstate_impl(self, false);
}

static Value import_copyreg() {
  return import_name(STRATA_NAME(copyreg), Value(), Value(), 0);
}

// obj.__reduce_ex__(2+): (copyreg.__newobj__, (cls, *args), state, listitems, dictitems).
static Value reduce_newobj(Value self) {
  Type* t = type_of(self);
  if (!t->new_) return raise(TypeError, "cannot pickle '%s' object", t->name);
  Ref newargs;
  if (lookup_special(self, STRATA_NAME(__getnewargs__))) {
    newargs.reset(call_method0(self, STRATA_NAME(__getnewargs__)));
    if (!newargs) return Value();
    if (!is_tuple(*newargs)) {
      return raise(TypeError, "__getnewargs__ should return a tuple, not '%T'", *newargs);
    }
  } else {
    newargs.reset(tuple_empty());
  }
  bool required = tuple_size(*newargs) == 0 && !is_list(self) && !is_dict(self);
  Ref state;
  Value gs = lookup_special(self, STRATA_NAME(__getstate__));
  if (gs && gs != type_lookup(&ObjectType, STRATA_NAME(__getstate__))) {
    state.reset(call_method0(self, STRATA_NAME(__getstate__)));
  } else {
    state.reset(object_getstate_impl(self, required));
  }
  if (!state) return Value();
  Ref copyreg(import_copyreg());
  if (!copyreg) return Value();
  Ref newobj(getattr(*copyreg, "__newobj__"));
  if (!newobj) return Value();
  int64_t n = tuple_size(*newargs);
  Ref args(tuple_new(n + 1));
  if (!args) return Value();
  tuple_items(*args)[0] = newref(Value::from(t));
  for (int64_t i = 0; i < n; ++i) tuple_items(*args)[i + 1] = newref(tuple_item(*newargs, i));
  Ref listitems(newref(None()));
  Ref dictitems(newref(None()));
  if (is_list(self)) {
    listitems.reset(get_iter(self));
    if (!listitems) return Value();
  }
  if (is_dict(self)) {
    Ref items(call_method0(self, STRATA_NAME(items)));
    if (!items) return Value();
    dictitems.reset(get_iter(*items));
    if (!dictitems) return Value();
  }
  return tuple_pack({*newobj, *args, *state, *listitems, *dictitems});
}

static Value common_reduce(Value self, int64_t proto) {
  if (proto >= 2) return reduce_newobj(self);
  Ref copyreg(import_copyreg());
  if (!copyreg) return Value();
  Ref fn(getattr(*copyreg, "_reduce_ex"));
  if (!fn) return Value();
  Ref p(int_from_i64(proto));
  return call2(*fn, self, *p);
}

static Value object_reduce(Value self, const Value*, size_t, Value) {
  return common_reduce(self, 0);
}

static Value object_reduce_ex(Value self, const Value* args, size_t, Value) {
  int64_t proto = int_as_i64(args[0]);
  if (proto == -1 && error_occurred()) return Value();
  // An overridden __reduce__ takes precedence.
  Value mine = type_lookup(type_of(self), STRATA_NAME(__reduce__));
  Value base = type_lookup(&ObjectType, STRATA_NAME(__reduce__));
  if (mine && mine != base) return call_method0(self, STRATA_NAME(__reduce__));
  return common_reduce(self, proto);
}

static Value object_subclasshook(Value, const Value*, size_t, Value) {
  return newref(NotImplemented());
}

static Value object_init_subclass(Value, const Value*, size_t, Value) { return newref(None()); }

static Value object_format(Value self, const Value* args, size_t, Value) {
  Value spec = args[0];
  if (!is_str(spec)) {
    return raise(TypeError, "__format__() argument must be str, not %T", spec);
  }
  if (str_length(spec) > 0) {
    return raise(TypeError, "unsupported format string passed to %s.__format__",
                 type_of(self)->name);
  }
  return str(self);
}

static Value object_sizeof(Value self, const Value*, size_t, Value) {
  Type* t = type_of(self);
  int64_t size = int64_t(t->basicsize);
  if (t->itemsize > 0 && !self.is_small())
    size += int64_t(t->itemsize) * self.as<VarObject>()->size;
  return int_from_i64(size);
}

// Adds the names of aclass's dict and of its bases' dicts (recursively) to `dict`.
static int merge_class_dict(Value dict, Value aclass) {
  Ref classdict;
  if (is_type(aclass)) {
    classdict.reset(xnewref(aclass.as<Type>()->dict));
  } else {
    classdict.reset(lookup_attr(aclass, STRATA_NAME(__dict__)));
    if (!classdict && error_occurred()) return -1;
  }
  if (classdict && dict_update(dict, *classdict) < 0) return -1;
  Ref bases;
  if (is_type(aclass)) {
    bases.reset(xnewref(aclass.as<Type>()->bases));
  } else {
    bases.reset(lookup_attr(aclass, STRATA_NAME(__bases__)));
    if (!bases && error_occurred()) return -1;
  }
  if (!bases || !is_tuple(*bases)) return 0;
  for (int64_t i = 0; i < tuple_size(*bases); ++i)
    if (merge_class_dict(dict, tuple_item(*bases, i)) < 0) return -1;
  return 0;
}

static Value object_dir(Value self, const Value*, size_t, Value) {
  Ref d(lookup_attr(self, STRATA_NAME(__dict__)));
  if (!d && error_occurred()) return Value();
  if (d && is_dict(*d)) {
    d.reset(dict_copy(*d));
  } else {
    d.reset(dict_new());
  }
  if (!d) return Value();
  Ref cls(lookup_attr(self, STRATA_NAME(__class__)));
  if (!cls && error_occurred()) return Value();
  if (cls && merge_class_dict(*d, *cls) < 0) return Value();
  return dict_keys_list(*d);
}

static const MethodDef object_methods[] = {
    {"__reduce_ex__", object_reduce_ex, METH_O, "Helper for pickle."},
    {"__reduce__", object_reduce, METH_NOARGS, "Helper for pickle."},
    {"__getstate__", object_getstate, METH_NOARGS, "Helper for pickle."},
    {"__subclasshook__", object_subclasshook, METH_CLASS | METH_FASTCALL | METH_KEYWORDS,
     "Abstract classes can override this to customize issubclass().\n\n"
     "This is invoked early on by abc.ABCMeta.__subclasscheck__().\n"
     "It should return True, False or NotImplemented.  If it returns\n"
     "NotImplemented, the normal algorithm is used.  Otherwise, it\n"
     "overrides the normal algorithm (and the outcome is cached).\n"},
    {"__init_subclass__", object_init_subclass, METH_CLASS | METH_NOARGS,
     "This method is called when a class is subclassed.\n\n"
     "The default implementation does nothing. It may be\n"
     "overridden to extend subclasses.\n"},
    {"__format__", object_format, METH_O, "Default object formatter."},
    {"__sizeof__", object_sizeof, METH_NOARGS, "Size of object in memory, in bytes."},
    {"__dir__", object_dir, METH_NOARGS, "Default dir() implementation."},
    {nullptr, nullptr, 0, nullptr},
};

static const GetSetDef object_getset[] = {
    {"__class__", object_get_class, object_set_class, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type ObjectType = {
    .ob = {kImmortal, &TypeType},
    .name = "object",
    .base = nullptr,
    .flags = TF_BASETYPE,
    .basicsize = sizeof(Object),
    .dealloc = object_dealloc,
    .repr = object_repr,
    .str = object_str,
    .hash = object_hash,
    .richcompare = object_richcompare,
    .getattr = generic_getattr,
    .setattr = generic_setattr,
    .new_ = object_new,
    .init = object_init,
    .methods = object_methods,
    .getset = object_getset,
    .doc = "The base class of the class hierarchy.\n\n"
           "When called, it accepts no arguments and returns a new featureless\n"
           "instance that has no instance attributes and cannot be given any.\n",
};

// -- None, NotImplemented, Ellipsis ------------------------------------------------------------

Object NoneObject = {kImmortal, &NoneType};
Object NotImplementedObject = {kImmortal, &NotImplementedType};
Object EllipsisObject = {kImmortal, &EllipsisType};

static void singleton_dealloc(Object*) {
  // Immortal: never reached. A refcount bug must not free static memory.
}

static Value none_repr(Value) { return newref(STRATA_NAME(None)); }
static int none_bool(Value) { return 0; }
static Value none_new(Type*, const Value*, size_t nargs, Value kwnames) {
  if (excess_args(nargs, kwnames)) return raise(TypeError, "NoneType takes no arguments");
  return None();
}

Type NoneType = {
    .ob = {kImmortal, &TypeType},
    .name = "NoneType",
    .base = &ObjectType,
    .flags = 0,
    .basicsize = sizeof(Object),
    .dealloc = singleton_dealloc,
    .repr = none_repr,
    .hash = object_hash,
    .new_ = none_new,
    .nb_bool = none_bool,
};

static Value notimpl_repr(Value) { return newref(STRATA_NAME(NotImplemented)); }
static Value notimpl_reduce(Value, const Value*, size_t, Value) {
  return newref(STRATA_NAME(NotImplemented));
}
// CPython 3.11 warns (DeprecationWarning) and answers True; we answer True silently.
static int notimpl_bool(Value) { return 1; }
static Value notimpl_new(Type*, const Value*, size_t nargs, Value kwnames) {
  if (excess_args(nargs, kwnames))
    return raise(TypeError, "NotImplementedType takes no arguments");
  return NotImplemented();
}
static const MethodDef notimpl_methods[] = {
    {"__reduce__", notimpl_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Type NotImplementedType = {
    .ob = {kImmortal, &TypeType},
    .name = "NotImplementedType",
    .base = &ObjectType,
    .flags = 0,
    .basicsize = sizeof(Object),
    .dealloc = singleton_dealloc,
    .repr = notimpl_repr,
    .new_ = notimpl_new,
    .nb_bool = notimpl_bool,
    .methods = notimpl_methods,
};

static Value ellipsis_repr(Value) { return newref(STRATA_NAME(Ellipsis)); }
static Value ellipsis_reduce(Value, const Value*, size_t, Value) {
  return newref(STRATA_NAME(Ellipsis));
}
static Value ellipsis_new(Type*, const Value*, size_t nargs, Value kwnames) {
  if (excess_args(nargs, kwnames)) return raise(TypeError, "EllipsisType takes no arguments");
  return Ellipsis();
}
static const MethodDef ellipsis_methods[] = {
    {"__reduce__", ellipsis_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Type EllipsisType = {
    .ob = {kImmortal, &TypeType},
    .name = "ellipsis",
    .base = &ObjectType,
    .flags = 0,
    .basicsize = sizeof(Object),
    .dealloc = singleton_dealloc,
    .repr = ellipsis_repr,
    .new_ = ellipsis_new,
    .methods = ellipsis_methods,
};

}  // namespace strata
