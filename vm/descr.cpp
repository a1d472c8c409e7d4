// vm/descr.cpp — built-in functions (builtin_function_or_method), the descriptors that
// type_ready() puts into types' dicts (method_descriptor, classmethod_descriptor,
// member_descriptor, getset_descriptor, wrapper_descriptor and its bound form
// method-wrapper), staticmethod, classmethod, property, super and mappingproxy.
// CPython's Objects/methodobject.c, descrobject.c, funcobject.c (staticmethod,
// classmethod) and typeobject.c (super) are the model; messages are 3.11's.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"  // designated Type tables

#include "vm/descr.h"

#include <cstdio>

#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/float.h"
#include "vm/func.h"
#include "vm/int.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

// -- Shared helpers ----------------------------------------------------------------------------

static bool has_keywords(Value kwnames) { return kwnames && tuple_size(kwnames) > 0; }

static Value type_qualname(Type* t) {
  return t->qualname ? newref(t->qualname) : str_from_utf8(t->name);
}

static void untrack_if_tracked(Object* o) {
  if (gc_is_tracked(o)) gc_untrack(o);
}

static Value new_gc_object(Type* type, size_t size) {
  Object* o = alloc_object(type, size);
  if (!o) return Value();
  return Value::from(o);
}

// Parses up to `n` arguments given by position or by the keyword names `kw` (CPython's
// PyArg_ParseTupleAndKeywords with all-optional arguments). out[] is borrowed.
static int parse_optional(const char* fname, const Value* args, size_t nargs, Value kwnames,
                          const char* const* kw, int n, Value* out) {
  size_t nkw = kwnames ? size_t(tuple_size(kwnames)) : 0;
  if (nargs + nkw > size_t(n)) {
    raise(TypeError, "%s() takes at most %d argument%s (%zu given)", fname, n,
          n == 1 ? "" : "s", nargs + nkw);
    return -1;
  }
  for (int i = 0; i < n; ++i) out[i] = Value();
  for (size_t i = 0; i < nargs; ++i) out[i] = args[i];
  for (size_t k = 0; k < nkw; ++k) {
    Value name = tuple_item(kwnames, int64_t(k));
    int i = 0;
    for (; i < n; ++i)
      if (str_equal_ascii(name, kw[i])) break;
    if (i == n) {
      raise(TypeError, "'%U' is an invalid keyword argument for %s()", name, fname);
      return -1;
    }
    if (out[i]) {
      raise(TypeError, "argument for %s() given by name ('%s') and position (%d)", fname,
            kw[i], i + 1);
      return -1;
    }
    out[i] = args[nargs + k];
  }
  return 0;
}

// -- Calling a MethodDef -------------------------------------------------------------------------

// The name CPython's errors use for a callable: "len()", "list.append()", "math.sqrt()".
static Value function_str(const MethodDef* def, Value self, Value module) {
  if (self && !is_instance_of(self, &ModuleType)) {
    Type* t = is_type(self) ? self.as<Type>() : type_of(self);
    Ref q(type_qualname(t));
    if (!q) return Value();
    return str_format_c("%U.%s()", *q, def->name);
  }
  if (module && is_str(module) && !str_equal_ascii(module, "builtins"))
    return str_format_c("%U.%s()", module, def->name);
  return str_format_c("%s()", def->name);
}

static Value call_def(const MethodDef* def, Value self, const Value* args, size_t nargs,
                      Value kwnames, Value module) {
  uint32_t kind = def->flags & (METH_NOARGS | METH_O | METH_FASTCALL);
  if (def->flags & METH_STATIC) self = Value();
  if (has_keywords(kwnames) && !(def->flags & METH_KEYWORDS)) {
    Ref fs(function_str(def, def->flags & METH_STATIC ? Value() : self, module));
    if (!fs) return Value();
    return raise(TypeError, "%U takes no keyword arguments", *fs);
  }
  if (kind == METH_NOARGS) {
    if (nargs != 0) {
      Ref fs(function_str(def, self, module));
      if (!fs) return Value();
      return raise(TypeError, "%U takes no arguments (%zu given)", *fs, nargs);
    }
    return def->fn(self, nullptr, 0, Value());
  }
  if (kind == METH_O) {
    if (nargs != 1) {
      Ref fs(function_str(def, self, module));
      if (!fs) return Value();
      return raise(TypeError, "%U takes exactly one argument (%zu given)", *fs, nargs);
    }
    return def->fn(self, args, 1, Value());
  }
  return def->fn(self, args, nargs, (def->flags & METH_KEYWORDS) ? kwnames : Value());
}

// -- builtin_function_or_method ----------------------------------------------------------------

Value builtin_function_new(const MethodDef* def, Value self, Value module) {
  Value v = new_gc_object(&BuiltinFunctionType, sizeof(BuiltinFunctionObject));
  if (!v) return v;
  auto* f = v.as<BuiltinFunctionObject>();
  f->def = def;
  f->self = xnewref(self);
  f->module = xnewref(module);
  gc_track(v.obj());
  return v;
}

static void builtin_dealloc(Object* o) {
  untrack_if_tracked(o);
  auto* f = reinterpret_cast<BuiltinFunctionObject*>(o);
  clear_ref(&f->self);
  clear_ref(&f->module);
  free_object(o);
}
static void builtin_traverse(Object* o, VisitFn visit, void* arg) {
  auto* f = reinterpret_cast<BuiltinFunctionObject*>(o);
  visit_value(f->self, visit, arg);
  visit_value(f->module, visit, arg);
}
static void builtin_clear(Object* o) {
  auto* f = reinterpret_cast<BuiltinFunctionObject*>(o);
  clear_ref(&f->self);
  clear_ref(&f->module);
}

static bool builtin_is_function(BuiltinFunctionObject* f) {
  return !f->self || is_instance_of(f->self, &ModuleType);
}

static Value builtin_repr(Value v) {
  auto* f = v.as<BuiltinFunctionObject>();
  if (builtin_is_function(f)) return str_format_c("<built-in function %s>", f->def->name);
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(f->self.is_small() ? nullptr
                                                                                : f->self.obj()));
  if (f->self.is_small()) {
    // Small ints have no address; show what CPython would show for a boxed int.
    std::snprintf(addr, sizeof addr, "0x%llx", (unsigned long long)f->self.bits());
  }
  return str_format_c("<built-in method %s of %s object at %s>", f->def->name,
                      type_of(f->self)->name, addr);
}

static Value builtin_call(Value callable, const Value* args, size_t nargs, Value kwnames) {
  auto* f = callable.as<BuiltinFunctionObject>();
  return call_def(f->def, f->self, args, nargs, kwnames, f->module);
}

static Value builtin_richcompare(Value a, Value b, int op) {
  if ((op != CMP_EQ && op != CMP_NE) || type_of(b) != &BuiltinFunctionType ||
      type_of(a) != &BuiltinFunctionType)
    return newref(NotImplemented());
  auto* x = a.as<BuiltinFunctionObject>();
  auto* y = b.as<BuiltinFunctionObject>();
  bool eq = x->def == y->def && x->self == y->self;
  return newref(Bool(op == CMP_EQ ? eq : !eq));
}

static int64_t builtin_hash(Value v) {
  auto* f = v.as<BuiltinFunctionObject>();
  int64_t x = f->self ? hash_pointer(f->self.is_small() ? nullptr : f->self.obj()) : 0;
  int64_t y = hash_pointer(f->def);
  int64_t h = x ^ y;
  return h == -1 ? -2 : h;
}

static Value builtin_get_name(Value v) {
  return str_from_utf8(v.as<BuiltinFunctionObject>()->def->name);
}
static Value builtin_get_qualname(Value v) {
  auto* f = v.as<BuiltinFunctionObject>();
  if (builtin_is_function(f)) return builtin_get_name(v);
  Type* t = is_type(f->self) ? f->self.as<Type>() : type_of(f->self);
  Ref q(type_qualname(t));
  if (!q) return Value();
  return str_format_c("%U.%s", *q, f->def->name);
}
static Value builtin_get_self(Value v) {
  auto* f = v.as<BuiltinFunctionObject>();
  return newref(f->self ? f->self : None());
}
static Value builtin_get_module(Value v) {
  auto* f = v.as<BuiltinFunctionObject>();
  return newref(f->module ? f->module : None());
}
static int builtin_set_module(Value v, Value m) {
  set_ref(&v.as<BuiltinFunctionObject>()->module, xnewref(m));
  return 0;
}
static Value builtin_get_doc(Value v) {
  const char* d = v.as<BuiltinFunctionObject>()->def->doc;
  return d ? str_from_utf8(d) : None();
}
static Value none_getter(Value) { return None(); }

static Value builtin_reduce(Value self, const Value*, size_t, Value) {
  auto* f = self.as<BuiltinFunctionObject>();
  if (builtin_is_function(f)) return builtin_get_name(self);
  Ref builtins(import_name(STRATA_NAME(builtins), Value(), Value(), 0));
  if (!builtins) return Value();
  Ref getattr_fn(getattr(*builtins, "getattr"));
  if (!getattr_fn) return Value();
  Ref name(builtin_get_name(self));
  if (!name) return Value();
  Ref args(tuple_pack({f->self, *name}));
  if (!args) return Value();
  return tuple_pack({*getattr_fn, *args});
}

static const MethodDef builtin_methods[] = {
    {"__reduce__", builtin_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
static const GetSetDef builtin_getset[] = {
    {"__name__", builtin_get_name, nullptr, nullptr},
    {"__qualname__", builtin_get_qualname, nullptr, nullptr},
    {"__self__", builtin_get_self, nullptr, nullptr},
    {"__module__", builtin_get_module, builtin_set_module, nullptr},
    {"__doc__", builtin_get_doc, nullptr, nullptr},
    {"__text_signature__", none_getter, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type BuiltinFunctionType = {
    .ob = {kImmortal, &TypeType},
    .name = "builtin_function_or_method",
    .base = &ObjectType,
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(BuiltinFunctionObject),
    .dealloc = builtin_dealloc,
    .traverse = builtin_traverse,
    .clear = builtin_clear,
    .repr = builtin_repr,
    .hash = builtin_hash,
    .richcompare = builtin_richcompare,
    .getattr = generic_getattr,
    .call = builtin_call,
    .methods = builtin_methods,
    .getset = builtin_getset,
};

// -- Descriptors made from a type's tables ----------------------------------------------------

static Value descr_alloc(Type* dtype, Type* type, const char* name) {
  Object* o = alloc_object(dtype, sizeof(DescrObject));
  if (!o) return Value();
  auto* d = reinterpret_cast<DescrObject*>(o);
  d->type = type;
  d->name = intern(name);
  return Value::from(o);
}

Value method_descr_new(Type* type, const MethodDef* def) {
  Value v = descr_alloc(&MethodDescrType, type, def->name);
  if (v) v.as<DescrObject>()->method = def;
  return v;
}
Value classmethod_descr_new(Type* type, const MethodDef* def) {
  Value v = descr_alloc(&ClassMethodDescrType, type, def->name);
  if (v) v.as<DescrObject>()->method = def;
  return v;
}
Value member_descr_new(Type* type, const MemberDef* def) {
  Value v = descr_alloc(&MemberDescrType, type, def->name);
  if (v) v.as<DescrObject>()->member = def;
  return v;
}
Value getset_descr_new(Type* type, const GetSetDef* def) {
  Value v = descr_alloc(&GetSetDescrType, type, def->name);
  if (v) v.as<DescrObject>()->getset = def;
  return v;
}

static void descr_dealloc(Object* o) {
  auto* d = reinterpret_cast<DescrObject*>(o);
  clear_ref(&d->name);
  clear_ref(&d->qualname);
  free_object(o);
}

// "descriptor 'x' for 'A' objects doesn't apply to a 'B' object"
static int descr_check(DescrObject* d, Value obj) {
  if (is_instance_of(obj, d->type)) return 0;
  raise(TypeError, "descriptor '%U' for '%s' objects doesn't apply to a '%s' object", d->name,
        d->type->name, type_of(obj)->name);
  return -1;
}

static Value descr_repr_as(Value v, const char* what) {
  auto* d = v.as<DescrObject>();
  return str_format_c("<%s '%U' of '%s' objects>", what, d->name, d->type->name);
}
static Value method_descr_repr(Value v) { return descr_repr_as(v, "method"); }
static Value member_descr_repr(Value v) { return descr_repr_as(v, "member"); }
static Value getset_descr_repr(Value v) { return descr_repr_as(v, "attribute"); }

static Value descr_get_name(Value v) { return newref(v.as<DescrObject>()->name); }
static Value descr_get_qualname(Value v) {
  auto* d = v.as<DescrObject>();
  if (!d->qualname) {
    Ref q(type_qualname(d->type));
    if (!q) return Value();
    d->qualname = str_format_c("%U.%U", *q, d->name);
    if (!d->qualname) return Value();
  }
  return newref(d->qualname);
}
static Value descr_get_objclass(Value v) {
  return newref(Value::from(v.as<DescrObject>()->type));
}
static Value method_descr_get_doc(Value v) {
  const char* d = v.as<DescrObject>()->method->doc;
  return d ? str_from_utf8(d) : None();
}
static Value member_descr_get_doc(Value v) {
  const char* d = v.as<DescrObject>()->member->doc;
  return d ? str_from_utf8(d) : None();
}
static Value getset_descr_get_doc(Value v) {
  const char* d = v.as<DescrObject>()->getset->doc;
  return d ? str_from_utf8(d) : None();
}

// method_descriptor: `list.append`
static Value method_descr_get(Value descr, Value obj, Value) {
  auto* d = descr.as<DescrObject>();
  if (!obj) return newref(descr);
  if (descr_check(d, obj) < 0) return Value();
  return builtin_function_new(d->method, obj, Value());
}

static Value method_descr_call(Value descr, const Value* args, size_t nargs, Value kwnames) {
  auto* d = descr.as<DescrObject>();
  if (nargs < 1) {
    Ref q(type_qualname(d->type));
    if (!q) return Value();
    return raise(TypeError, "unbound method %U.%U() needs an argument", *q, d->name);
  }
  if (descr_check(d, args[0]) < 0) return Value();
  return call_def(d->method, args[0], args + 1, nargs - 1, kwnames, Value());
}

// classmethod_descriptor: `dict.fromkeys` (binds to the class)
static Value classmethod_descr_get(Value descr, Value obj, Value type) {
  auto* d = descr.as<DescrObject>();
  if (!type || is_none(type)) {
    if (!obj) {
      return raise(TypeError, "descriptor '%U' for type '%s' needs either an object or a type",
                   d->name, d->type->name);
    }
    type = Value::from(type_of(obj));
  }
  if (!is_type(type)) {
    return raise(TypeError, "descriptor '%U' for type '%s' needs a type, not a '%s' as arg 2",
                 d->name, d->type->name, type_of(type)->name);
  }
  if (!is_subtype(type.as<Type>(), d->type)) {
    return raise(TypeError, "descriptor '%U' requires a subtype of '%s' but received '%s'",
                 d->name, d->type->name, type.as<Type>()->name);
  }
  return builtin_function_new(d->method, type, Value());
}

static Value classmethod_descr_call(Value descr, const Value* args, size_t nargs,
                                    Value kwnames) {
  auto* d = descr.as<DescrObject>();
  if (nargs < 1) {
    return raise(TypeError, "descriptor '%U' of '%s' object needs an argument", d->name,
                 d->type->name);
  }
  Ref bound(classmethod_descr_get(descr, Value(), args[0]));
  if (!bound) {
    if (!is_type(args[0]) && error_matches(TypeError)) {
      clear_error();
      return raise(TypeError,
                   "descriptor '%U' for type '%s' needs a type, not a '%s' as arg 2", d->name,
                   d->type->name, type_of(args[0])->name);
    }
    return Value();
  }
  return call(*bound, args + 1, nargs - 1, kwnames);
}

// member_descriptor: a field at a fixed offset (__slots__ entries, built-in members)
static Value member_get(Value descr, Value obj, Value) {
  auto* d = descr.as<DescrObject>();
  if (!obj) return newref(descr);
  if (descr_check(d, obj) < 0) return Value();
  const MemberDef* m = d->member;
  char* p = reinterpret_cast<char*>(obj.obj()) + m->offset;
  switch (m->kind) {
    case MemberKind::Object:
    case MemberKind::ReadOnlyObject: {
      Value v = *reinterpret_cast<Value*>(p);
      return newref(v ? v : None());
    }
    case MemberKind::ObjectEx: {
      Value v = *reinterpret_cast<Value*>(p);
      if (!v) {
        raise(AttributeError, "'%s' object has no attribute '%s'", type_of(obj)->name,
              m->name);
        attribute_error_set_context(obj, d->name);
        return Value();
      }
      return newref(v);
    }
    case MemberKind::Int64:
      return int_from_i64(*reinterpret_cast<int64_t*>(p));
    case MemberKind::Double:
      return float_new(*reinterpret_cast<double*>(p));
    case MemberKind::Bool:
      return newref(Bool(*reinterpret_cast<bool*>(p)));
  }
  return raise(SystemError, "bad member kind");
}

static int member_set(Value descr, Value obj, Value v) {
  auto* d = descr.as<DescrObject>();
  const MemberDef* m = d->member;
  if (descr_check(d, obj) < 0) return -1;
  if (m->readonly || m->kind == MemberKind::ReadOnlyObject) {
    raise(AttributeError, "readonly attribute");
    return -1;
  }
  char* p = reinterpret_cast<char*>(obj.obj()) + m->offset;
  switch (m->kind) {
    case MemberKind::Object:
    case MemberKind::ReadOnlyObject:
      set_ref(reinterpret_cast<Value*>(p), xnewref(v));
      return 0;
    case MemberKind::ObjectEx: {
      Value* slot = reinterpret_cast<Value*>(p);
      if (!v && !*slot) {
        raise(AttributeError, "%s", m->name);
        attribute_error_set_context(obj, d->name);
        return -1;
      }
      set_ref(slot, xnewref(v));
      return 0;
    }
    case MemberKind::Int64: {
      if (!v) {
        raise(TypeError, "can't delete numeric/char attribute");
        return -1;
      }
      int64_t x = as_ssize(v, OverflowError);
      if (x == -1 && error_occurred()) return -1;
      *reinterpret_cast<int64_t*>(p) = x;
      return 0;
    }
    case MemberKind::Double: {
      if (!v) {
        raise(TypeError, "can't delete numeric/char attribute");
        return -1;
      }
      double x = as_double(v);
      if (x == -1.0 && error_occurred()) return -1;
      *reinterpret_cast<double*>(p) = x;
      return 0;
    }
    case MemberKind::Bool:
      if (!v) {
        raise(TypeError, "can't delete numeric/char attribute");
        return -1;
      }
      if (type_of(v) != &BoolType) {
        raise(TypeError, "attribute value type must be bool");
        return -1;
      }
      *reinterpret_cast<bool*>(p) = v == True();
      return 0;
  }
  raise(SystemError, "bad member kind");
  return -1;
}

// getset_descriptor: computed attributes of built-in types (`type.__name__`)
static Value getset_get(Value descr, Value obj, Value) {
  auto* d = descr.as<DescrObject>();
  if (!obj) return newref(descr);
  if (descr_check(d, obj) < 0) return Value();
  if (!d->getset->get) {
    return raise(AttributeError, "attribute '%U' of '%s' objects is not readable", d->name,
                 d->type->name);
  }
  return d->getset->get(obj);
}

static int getset_set(Value descr, Value obj, Value v) {
  auto* d = descr.as<DescrObject>();
  if (descr_check(d, obj) < 0) return -1;
  if (!d->getset->set) {
    raise(AttributeError, "attribute '%U' of '%s' objects is not writable", d->name,
          d->type->name);
    return -1;
  }
  return d->getset->set(obj, v);
}

static const GetSetDef method_descr_getset[] = {
    {"__name__", descr_get_name, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr},
    {"__doc__", method_descr_get_doc, nullptr, nullptr},
    {"__text_signature__", none_getter, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};
static const GetSetDef member_descr_getset[] = {
    {"__name__", descr_get_name, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr},
    {"__doc__", member_descr_get_doc, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};
static const GetSetDef getset_descr_getset[] = {
    {"__name__", descr_get_name, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr},
    {"__doc__", getset_descr_get_doc, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type MethodDescrType = {
    .ob = {kImmortal, &TypeType},
    .name = "method_descriptor",
    .base = &ObjectType,
    .flags = TF_METHOD_DESCRIPTOR,
    .basicsize = sizeof(DescrObject),
    .dealloc = descr_dealloc,
    .repr = method_descr_repr,
    .getattr = generic_getattr,
    .call = method_descr_call,
    .descr_get = method_descr_get,
    .getset = method_descr_getset,
};

Type ClassMethodDescrType = {
    .ob = {kImmortal, &TypeType},
    .name = "classmethod_descriptor",
    .base = &ObjectType,
    .flags = 0,
    .basicsize = sizeof(DescrObject),
    .dealloc = descr_dealloc,
    .repr = method_descr_repr,
    .getattr = generic_getattr,
    .call = classmethod_descr_call,
    .descr_get = classmethod_descr_get,
    .getset = method_descr_getset,
};

Type MemberDescrType = {
    .ob = {kImmortal, &TypeType},
    .name = "member_descriptor",
    .base = &ObjectType,
    .flags = 0,
    .basicsize = sizeof(DescrObject),
    .dealloc = descr_dealloc,
    .repr = member_descr_repr,
    .getattr = generic_getattr,
    .descr_get = member_get,
    .descr_set = member_set,
    .getset = member_descr_getset,
};

Type GetSetDescrType = {
    .ob = {kImmortal, &TypeType},
    .name = "getset_descriptor",
    .base = &ObjectType,
    .flags = 0,
    .basicsize = sizeof(DescrObject),
    .dealloc = descr_dealloc,
    .repr = getset_descr_repr,
    .getattr = generic_getattr,
    .descr_get = getset_get,
    .descr_set = getset_set,
    .getset = getset_descr_getset,
};

// -- Slot wrappers ---------------------------------------------------------------------------

Value wrapper_descr_new(Type* type, Value name, const SlotDef* slot, void* wrapped) {
  Object* o = alloc_object(&WrapperDescrType, sizeof(WrapperDescrObject));
  if (!o) return Value();
  auto* d = reinterpret_cast<WrapperDescrObject*>(o);
  d->type = type;
  d->name = newref(name);
  d->slot = slot;
  d->wrapped = wrapped;
  return Value::from(o);
}

static void wrapper_descr_dealloc(Object* o) {
  clear_ref(&reinterpret_cast<WrapperDescrObject*>(o)->name);
  free_object(o);
}

static Value wrapper_descr_repr(Value v) {
  auto* d = v.as<WrapperDescrObject>();
  return str_format_c("<slot wrapper '%U' of '%s' objects>", d->name, d->type->name);
}

static int wrapper_check(WrapperDescrObject* d, Value obj) {
  if (is_instance_of(obj, d->type)) return 0;
  raise(TypeError, "descriptor '%U' for '%s' objects doesn't apply to a '%s' object", d->name,
        d->type->name, type_of(obj)->name);
  return -1;
}

static Value wrapper_descr_get(Value descr, Value obj, Value) {
  auto* d = descr.as<WrapperDescrObject>();
  if (!obj) return newref(descr);
  if (wrapper_check(d, obj) < 0) return Value();
  Value v = new_gc_object(&MethodWrapperType, sizeof(MethodWrapperObject));
  if (!v) return v;
  auto* w = v.as<MethodWrapperObject>();
  w->descr = newref(descr);
  w->self = newref(obj);
  gc_track(v.obj());
  return v;
}

static Value wrapper_descr_call(Value descr, const Value* args, size_t nargs, Value kwnames) {
  auto* d = descr.as<WrapperDescrObject>();
  if (nargs < 1) {
    return raise(TypeError, "descriptor '%U' of '%s' object needs an argument", d->name,
                 d->type->name);
  }
  if (!is_instance_of(args[0], d->type)) {
    return raise(TypeError, "descriptor '%U' requires a '%s' object but received a '%s'",
                 d->name, d->type->name, type_of(args[0])->name);
  }
  return slot_wrapper_call(d->slot, d->type, d->wrapped, args[0], args + 1, nargs - 1,
                           kwnames);
}

static Value wrapper_get_name(Value v) { return newref(v.as<WrapperDescrObject>()->name); }
static Value wrapper_get_qualname(Value v) {
  auto* d = v.as<WrapperDescrObject>();
  Ref q(type_qualname(d->type));
  if (!q) return Value();
  return str_format_c("%U.%U", *q, d->name);
}
static Value wrapper_get_objclass(Value v) {
  return newref(Value::from(v.as<WrapperDescrObject>()->type));
}

static const GetSetDef wrapper_descr_getset[] = {
    {"__name__", wrapper_get_name, nullptr, nullptr},
    {"__qualname__", wrapper_get_qualname, nullptr, nullptr},
    {"__objclass__", wrapper_get_objclass, nullptr, nullptr},
    {"__doc__", none_getter, nullptr, nullptr},
    {"__text_signature__", none_getter, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type WrapperDescrType = {
    .ob = {kImmortal, &TypeType},
    .name = "wrapper_descriptor",
    .base = &ObjectType,
    .flags = TF_METHOD_DESCRIPTOR,
    .basicsize = sizeof(WrapperDescrObject),
    .dealloc = wrapper_descr_dealloc,
    .repr = wrapper_descr_repr,
    .getattr = generic_getattr,
    .call = wrapper_descr_call,
    .descr_get = wrapper_descr_get,
    .getset = wrapper_descr_getset,
};

static void method_wrapper_dealloc(Object* o) {
  untrack_if_tracked(o);
  auto* w = reinterpret_cast<MethodWrapperObject*>(o);
  clear_ref(&w->descr);
  clear_ref(&w->self);
  free_object(o);
}
static void method_wrapper_traverse(Object* o, VisitFn visit, void* arg) {
  auto* w = reinterpret_cast<MethodWrapperObject*>(o);
  visit_value(w->descr, visit, arg);
  visit_value(w->self, visit, arg);
}
static void method_wrapper_clear(Object* o) {
  auto* w = reinterpret_cast<MethodWrapperObject*>(o);
  clear_ref(&w->self);
}

static Value method_wrapper_repr(Value v) {
  auto* w = v.as<MethodWrapperObject>();
  auto* d = w->descr.as<WrapperDescrObject>();
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p",
                w->self.is_small() ? reinterpret_cast<void*>(w->self.bits())
                                   : static_cast<void*>(w->self.obj()));
  return str_format_c("<method-wrapper '%U' of %s object at %s>", d->name,
                      type_of(w->self)->name, addr);
}

static Value method_wrapper_call(Value v, const Value* args, size_t nargs, Value kwnames) {
  auto* w = v.as<MethodWrapperObject>();
  auto* d = w->descr.as<WrapperDescrObject>();
  return slot_wrapper_call(d->slot, d->type, d->wrapped, w->self, args, nargs, kwnames);
}

static Value method_wrapper_richcompare(Value a, Value b, int op) {
  if ((op != CMP_EQ && op != CMP_NE) || type_of(a) != &MethodWrapperType ||
      type_of(b) != &MethodWrapperType)
    return newref(NotImplemented());
  auto* x = a.as<MethodWrapperObject>();
  auto* y = b.as<MethodWrapperObject>();
  bool eq = x->descr == y->descr && x->self == y->self;
  return newref(Bool(op == CMP_EQ ? eq : !eq));
}
static int64_t method_wrapper_hash(Value v) {
  auto* w = v.as<MethodWrapperObject>();
  int64_t x = hash(w->self);
  if (x == -1) return -1;
  int64_t h = x ^ hash_pointer(w->descr.obj());
  return h == -1 ? -2 : h;
}
static Value mw_get_self(Value v) { return newref(v.as<MethodWrapperObject>()->self); }
static Value mw_get_name(Value v) {
  return newref(v.as<MethodWrapperObject>()->descr.as<WrapperDescrObject>()->name);
}
static Value mw_get_qualname(Value v) {
  return wrapper_get_qualname(v.as<MethodWrapperObject>()->descr);
}
static Value mw_get_objclass(Value v) {
  return wrapper_get_objclass(v.as<MethodWrapperObject>()->descr);
}
static const GetSetDef method_wrapper_getset[] = {
    {"__self__", mw_get_self, nullptr, nullptr},
    {"__name__", mw_get_name, nullptr, nullptr},
    {"__qualname__", mw_get_qualname, nullptr, nullptr},
    {"__objclass__", mw_get_objclass, nullptr, nullptr},
    {"__doc__", none_getter, nullptr, nullptr},
    {"__text_signature__", none_getter, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type MethodWrapperType = {
    .ob = {kImmortal, &TypeType},
    .name = "method-wrapper",
    .base = &ObjectType,
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(MethodWrapperObject),
    .dealloc = method_wrapper_dealloc,
    .traverse = method_wrapper_traverse,
    .clear = method_wrapper_clear,
    .repr = method_wrapper_repr,
    .hash = method_wrapper_hash,
    .richcompare = method_wrapper_richcompare,
    .getattr = generic_getattr,
    .call = method_wrapper_call,
    .getset = method_wrapper_getset,
};

// -- staticmethod and classmethod --------------------------------------------------------------

static Value sm_alloc(Type* type, Value callable) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  reinterpret_cast<StaticMethodObject*>(o)->callable = newref(callable);
  gc_track(o);
  return Value::from(o);
}
Value staticmethod_new(Value callable) { return sm_alloc(&StaticMethodType, callable); }
Value classmethod_new(Value callable) { return sm_alloc(&ClassMethodType, callable); }

static void sm_dealloc(Object* o) {
  untrack_if_tracked(o);
  auto* s = reinterpret_cast<StaticMethodObject*>(o);
  clear_ref(&s->callable);
  clear_ref(&s->dict);
  Value* d = instance_dict_slot(Value::from(o));
  if (d && d != &s->dict) clear_ref(d);
  free_object(o);
}
static void sm_traverse(Object* o, VisitFn visit, void* arg) {
  auto* s = reinterpret_cast<StaticMethodObject*>(o);
  visit_value(s->callable, visit, arg);
  visit_value(s->dict, visit, arg);
}
static void sm_clear(Object* o) {
  auto* s = reinterpret_cast<StaticMethodObject*>(o);
  clear_ref(&s->callable);
  clear_ref(&s->dict);
}

static Value sm_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  gc_track(o);
  return Value::from(o);
}

static int sm_init_common(const char* name, Value self, const Value* args, size_t nargs,
                          Value kwnames) {
  if (has_keywords(kwnames)) {
    raise(TypeError, "%s() takes no keyword arguments", name);
    return -1;
  }
  if (nargs != 1) {
    raise(TypeError, "%s expected 1 argument, got %zu", name, nargs);
    return -1;
  }
  set_ref(&self.as<StaticMethodObject>()->callable, newref(args[0]));
  return 0;
}
static int staticmethod_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  return sm_init_common("staticmethod", self, args, nargs, kwnames);
}
static int classmethod_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  return sm_init_common("classmethod", self, args, nargs, kwnames);
}

static Value sm_callable_or_error(Value self) {
  Value c = self.as<StaticMethodObject>()->callable;
  if (!c) return raise(RuntimeError, "uninitialized %s object", type_of(self)->name);
  return c;
}

static Value staticmethod_get(Value descr, Value, Value) {
  Value c = sm_callable_or_error(descr);
  return c ? newref(c) : c;
}
static Value staticmethod_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value c = sm_callable_or_error(self);
  return c ? call(c, args, nargs, kwnames) : c;
}

static Value classmethod_get(Value descr, Value obj, Value type) {
  Value c = sm_callable_or_error(descr);
  if (!c) return c;
  if (!type || is_none(type)) type = Value::from(type_of(obj));
  // 3.9-3.12: a wrapped descriptor is bound through its own __get__ (chaining).
  if (DescrGetFn f = type_of(c)->descr_get; f && type_of(c) != &FunctionType)
    return f(c, type, type);
  return method_new(c, type);
}

static Value sm_repr(Value self) {
  Value c = self.as<StaticMethodObject>()->callable;
  if (!c) c = None();
  return str_format_c("<%s(%R)>", type_of(self)->name, c);
}

static Value sm_get_isabstract(Value self) {
  Value c = self.as<StaticMethodObject>()->callable;
  if (!c) return newref(False());
  Ref v(lookup_attr(c, STRATA_NAME(__isabstractmethod__)));
  if (!v) return error_occurred() ? Value() : newref(False());
  int t = is_true(*v);
  if (t < 0) return Value();
  return newref(Bool(t));
}

static const MemberDef sm_members[] = {
    {"__func__", MemberKind::ReadOnlyObject, offsetof(StaticMethodObject, callable), true,
     nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};
static const GetSetDef sm_getset[] = {
    {"__isabstractmethod__", sm_get_isabstract, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type StaticMethodType = {
    .ob = {kImmortal, &TypeType},
    .name = "staticmethod",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC,
    .basicsize = sizeof(StaticMethodObject),
    .dictoffset = offsetof(StaticMethodObject, dict),
    .dealloc = sm_dealloc,
    .traverse = sm_traverse,
    .clear = sm_clear,
    .repr = sm_repr,
    .getattr = generic_getattr,
    .setattr = generic_setattr,
    .call = staticmethod_call,
    .descr_get = staticmethod_get,
    .new_ = sm_new,
    .init = staticmethod_init,
    .members = sm_members,
    .getset = sm_getset,
    .doc = "staticmethod(function) -> method\n\n"
           "Convert a function to be a static method.",
};

Type ClassMethodType = {
    .ob = {kImmortal, &TypeType},
    .name = "classmethod",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC,
    .basicsize = sizeof(StaticMethodObject),
    .dictoffset = offsetof(StaticMethodObject, dict),
    .dealloc = sm_dealloc,
    .traverse = sm_traverse,
    .clear = sm_clear,
    .repr = sm_repr,
    .getattr = generic_getattr,
    .setattr = generic_setattr,
    .descr_get = classmethod_get,
    .new_ = sm_new,
    .init = classmethod_init,
    .members = sm_members,
    .getset = sm_getset,
    .doc = "classmethod(function) -> method\n\n"
           "Convert a function to be a class method.",
};

// -- property ------------------------------------------------------------------------------------

static void property_dealloc(Object* o) {
  untrack_if_tracked(o);
  auto* p = reinterpret_cast<PropertyObject*>(o);
  clear_ref(&p->fget);
  clear_ref(&p->fset);
  clear_ref(&p->fdel);
  clear_ref(&p->doc);
  clear_ref(&p->name);
  if (Value* d = instance_dict_slot(Value::from(o))) clear_ref(d);
  free_object(o);
}
static void property_traverse(Object* o, VisitFn visit, void* arg) {
  auto* p = reinterpret_cast<PropertyObject*>(o);
  visit_value(p->fget, visit, arg);
  visit_value(p->fset, visit, arg);
  visit_value(p->fdel, visit, arg);
  visit_value(p->doc, visit, arg);
  if (Value* d = instance_dict_slot(Value::from(o))) visit_value(*d, visit, arg);
}
static void property_clear(Object* o) {
  auto* p = reinterpret_cast<PropertyObject*>(o);
  clear_ref(&p->fget);
  clear_ref(&p->fset);
  clear_ref(&p->fdel);
  clear_ref(&p->doc);
}

static Value property_tp_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  gc_track(o);
  return Value::from(o);
}

static Value none_to_null(Value v) { return (v && !is_none(v)) ? v : Value(); }

static int property_setup(Value self, Value fget, Value fset, Value fdel, Value doc) {
  auto* p = self.as<PropertyObject>();
  set_ref(&p->fget, xnewref(none_to_null(fget)));
  set_ref(&p->fset, xnewref(none_to_null(fset)));
  set_ref(&p->fdel, xnewref(none_to_null(fdel)));
  set_ref(&p->doc, xnewref(none_to_null(doc)));
  p->getter_doc = false;
  clear_ref(&p->name);
  if (p->fget) {
    Value name = lookup_attr(p->fget, STRATA_NAME(__name__));
    if (!name && error_occurred()) return -1;
    p->name = name;
  }
  // Without a doc argument, the getter's docstring is the property's.
  if (!p->doc && p->fget) {
    Value d = lookup_attr(p->fget, STRATA_NAME(__doc__));
    if (!d && error_occurred()) return -1;
    if (d) {
      if (type_of(self) == &PropertyType) {
        set_ref(&p->doc, d);
      } else {
        // A subclass's instances keep the doc in their __dict__ (CPython does the same).
        int r = setattr(self, STRATA_NAME(__doc__), d);
        decref(d);
        if (r < 0) return -1;
      }
      p->getter_doc = true;
    }
  }
  return 0;
}

static int property_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const kw[] = {"fget", "fset", "fdel", "doc"};
  Value a[4];
  if (parse_optional("property", args, nargs, kwnames, kw, 4, a) < 0) return -1;
  return property_setup(self, a[0], a[1], a[2], a[3]);
}

Value property_new(Value fget, Value fset, Value fdel, Value doc) {
  Ref p(property_tp_new(&PropertyType, nullptr, 0, Value()));
  if (!p) return Value();
  if (property_setup(*p, fget, fset, fdel, doc) < 0) return Value();
  return p.release();
}

// "property 'x' of 'A' object has no getter"
static Value property_error(Value self, Value obj, const char* what) {
  auto* p = self.as<PropertyObject>();
  Type* t = type_of(obj);
  Ref q(type_qualname(t));
  if (!q) return Value();
  if (p->name) {
    raise(AttributeError, "property %R of %R object has no %s", p->name, *q, what);
  } else {
    raise(AttributeError, "property of %R object has no %s", *q, what);
  }
  return Value();
}

static Value property_get(Value self, Value obj, Value) {
  if (!obj || is_none(obj)) return newref(self);
  auto* p = self.as<PropertyObject>();
  if (!p->fget) return property_error(self, obj, "getter");
  return call1(p->fget, obj);
}

static int property_set(Value self, Value obj, Value v) {
  auto* p = self.as<PropertyObject>();
  Value func = v ? p->fset : p->fdel;
  if (!func) {
    property_error(self, obj, v ? "setter" : "deleter");
    return -1;
  }
  Value r = v ? call2(func, obj, v) : call1(func, obj);
  if (!r) return -1;
  decref(r);
  return 0;
}

// getter/setter/deleter: a copy of the property (of the same type) with one function
// replaced.
static Value property_copy(Value self, Value get, Value set, Value del) {
  auto* p = self.as<PropertyObject>();
  if (!get) get = p->fget ? p->fget : None();
  if (!set) set = p->fset ? p->fset : None();
  if (!del) del = p->fdel ? p->fdel : None();
  Value doc = (p->getter_doc && !is_none(get)) ? None() : (p->doc ? p->doc : None());
  Value args[4] = {get, set, del, doc};
  Ref r(call(Value::from(type_of(self)), args, 4));
  if (!r) return Value();
  if (is_instance_of(*r, &PropertyType)) {
    auto* q = r.get().as<PropertyObject>();
    if (p->name && (!q->name || !p->fget)) set_ref(&q->name, newref(p->name));
  }
  return r.release();
}
static Value property_getter(Value self, const Value* args, size_t, Value) {
  return property_copy(self, args[0], Value(), Value());
}
static Value property_setter(Value self, const Value* args, size_t, Value) {
  return property_copy(self, Value(), args[0], Value());
}
static Value property_deleter(Value self, const Value* args, size_t, Value) {
  return property_copy(self, Value(), Value(), args[0]);
}
static Value property_set_name(Value self, const Value* args, size_t nargs, Value) {
  if (nargs != 2) return raise(TypeError, "__set_name__() takes 2 positional arguments but %zu were given", nargs);
  set_ref(&self.as<PropertyObject>()->name, newref(args[1]));
  return newref(None());
}

static Value property_get_isabstract(Value self) {
  auto* p = self.as<PropertyObject>();
  for (Value f : {p->fget, p->fset, p->fdel}) {
    if (!f) continue;
    Ref v(lookup_attr(f, STRATA_NAME(__isabstractmethod__)));
    if (!v) {
      if (error_occurred()) return Value();
      continue;
    }
    int t = is_true(*v);
    if (t < 0) return Value();
    if (t) return newref(True());
  }
  return newref(False());
}

static const MethodDef property_methods[] = {
    {"getter", property_getter, METH_O,
     "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", property_setter, METH_O,
     "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", property_deleter, METH_O,
     "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", property_set_name, METH_FASTCALL, "Method to set name of a property."},
    {nullptr, nullptr, 0, nullptr},
};
static const MemberDef property_members[] = {
    {"fget", MemberKind::ReadOnlyObject, offsetof(PropertyObject, fget), true, nullptr},
    {"fset", MemberKind::ReadOnlyObject, offsetof(PropertyObject, fset), true, nullptr},
    {"fdel", MemberKind::ReadOnlyObject, offsetof(PropertyObject, fdel), true, nullptr},
    {"__doc__", MemberKind::Object, offsetof(PropertyObject, doc), false, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};
static const GetSetDef property_getset[] = {
    {"__isabstractmethod__", property_get_isabstract, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type PropertyType = {
    .ob = {kImmortal, &TypeType},
    .name = "property",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC,
    .basicsize = sizeof(PropertyObject),
    .dealloc = property_dealloc,
    .traverse = property_traverse,
    .clear = property_clear,
    .getattr = generic_getattr,
    .descr_get = property_get,
    .descr_set = property_set,
    .new_ = property_tp_new,
    .init = property_init,
    .methods = property_methods,
    .members = property_members,
    .getset = property_getset,
    .doc = "Property attribute.\n\n"
           "  fget\n    function to be used for getting an attribute value\n"
           "  fset\n    function to be used for setting an attribute value\n"
           "  fdel\n    function to be used for del'ing an attribute\n"
           "  doc\n    docstring\n",
};

// -- super ---------------------------------------------------------------------------------------

// The type super() searches the MRO of: obj's type, or obj when it is a subclass of type.
static Type* supercheck(Type* type, Value obj) {
  if (is_type(obj) && is_subtype(obj.as<Type>(), type)) return obj.as<Type>();
  if (is_subtype(type_of(obj), type)) return type_of(obj);
  // A proxy may claim another class through __class__.
  Ref cls(lookup_attr(obj, STRATA_NAME(__class__)));
  if (!cls && error_occurred()) return nullptr;
  if (cls && is_type(*cls) && cls.get().as<Type>() != type_of(obj) &&
      is_subtype(cls.get().as<Type>(), type))
    return cls.get().as<Type>();
  raise(TypeError, "super(type, obj): obj must be an instance or subtype of type");
  return nullptr;
}

static int super_fill(Value self, Value type, Value obj) {
  if (!is_type(type)) {
    raise(TypeError, "super() argument 1 must be a type, not %s", type_of(type)->name);
    return -1;
  }
  Type* obj_type = nullptr;
  if (obj && is_none(obj)) obj = Value();
  if (obj) {
    obj_type = supercheck(type.as<Type>(), obj);
    if (!obj_type) return -1;
  }
  auto* s = self.as<SuperObject>();
  Type* old_t = s->type;
  Type* old_ot = s->obj_type;
  Value old_obj = s->obj;
  incref(type);
  s->type = type.as<Type>();
  s->obj = xnewref(obj);
  if (obj_type) incref(&obj_type->ob);
  s->obj_type = obj_type;
  if (old_t) decref(&old_t->ob);
  if (old_ot) decref(&old_ot->ob);
  xdecref(old_obj);
  return 0;
}

static int super_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (has_keywords(kwnames)) {
    raise(TypeError, "super() takes no keyword arguments");
    return -1;
  }
  if (nargs > 2) {
    raise(TypeError, "super() takes at most 2 arguments (%zu given)", nargs);
    return -1;
  }
  if (nargs == 0) {
    Value type, obj;
    if (!frame_super_args(&type, &obj)) return -1;
    return super_fill(self, type, obj);
  }
  return super_fill(self, args[0], nargs == 2 ? args[1] : Value());
}

static Value super_tp_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  gc_track(o);
  return Value::from(o);
}

Value super_new(Value type, Value obj) {
  Ref s(super_tp_new(&SuperType, nullptr, 0, Value()));
  if (!s) return Value();
  if (super_fill(*s, type, obj) < 0) return Value();
  return s.release();
}

Value super_new_zero_arg() {
  Value type, obj;
  if (!frame_super_args(&type, &obj)) return Value();
  return super_new(type, obj);
}

static void super_dealloc(Object* o) {
  untrack_if_tracked(o);
  auto* s = reinterpret_cast<SuperObject*>(o);
  if (s->type) decref(&s->type->ob);
  if (s->obj_type) decref(&s->obj_type->ob);
  clear_ref(&s->obj);
  free_object(o);
}
static void super_traverse(Object* o, VisitFn visit, void* arg) {
  auto* s = reinterpret_cast<SuperObject*>(o);
  if (s->type) visit(&s->type->ob, arg);
  if (s->obj_type) visit(&s->obj_type->ob, arg);
  visit_value(s->obj, visit, arg);
}
static void super_clear(Object* o) {
  auto* s = reinterpret_cast<SuperObject*>(o);
  clear_ref(&s->obj);
}

static Value super_repr(Value self) {
  auto* s = self.as<SuperObject>();
  // CPython prints tp_name here, not the class's repr.
  const char* t = s->type ? s->type->name : "NULL";
  if (s->obj_type) return str_format_c("<super: <class '%s'>, <%s object>>", t, s->obj_type->name);
  return str_format_c("<super: <class '%s'>, NULL>", t);
}

// The attribute after `start` in obj_type's MRO, bound to obj (borrowed result in *found,
// with the binding left to the caller). Returns 1 when found, 0 when not.
static int super_find(Type* start, Type* obj_type, Value name, Value* found) {
  Value mro = obj_type->mro;
  if (!mro) return 0;
  int64_t n = tuple_size(mro);
  int64_t i = 0;
  while (i + 1 < n && tuple_item(mro, i).as<Type>() != start) ++i;
  ++i;
  for (; i < n; ++i) {
    Value d = tuple_item(mro, i).as<Type>()->dict;
    if (!d) continue;
    Value v = dict_get_str(d, name);
    if (v) {
      *found = v;
      return 1;
    }
    if (error_occurred()) return -1;
  }
  return 0;
}

static Value super_lookup_bound(Type* start, Value obj, Type* obj_type, Value name) {
  Value res;
  int r = super_find(start, obj_type, name, &res);
  if (r < 0) return Value();
  if (r == 0) return Value();
  Ref hold(newref(res));
  if (DescrGetFn f = type_of(res)->descr_get) {
    Value inst = (obj == Value::from(obj_type)) ? Value() : obj;
    return f(res, inst, Value::from(obj_type));
  }
  return hold.release();
}

static Value super_getattro(Value self, Value name) {
  auto* s = self.as<SuperObject>();
  // super().__class__ is super itself.
  if (s->obj_type && !(is_str(name) && str_equal_ascii(name, "__class__"))) {
    Value r = super_lookup_bound(s->type, s->obj, s->obj_type, name);
    if (r || error_occurred()) return r;
  }
  return generic_getattr(self, name);
}

static Value super_descr_get(Value self, Value obj, Value) {
  auto* s = self.as<SuperObject>();
  if (!obj || is_none(obj) || s->obj) return newref(self);
  Ref r(call2(Value::from(type_of(self)), Value::from(s->type), obj));
  return r.release();
}

Value super_getattr(Value type, Value obj, Value name) {
  if (!is_type(type)) {
    return raise(TypeError, "super() argument 1 must be a type, not %s", type_of(type)->name);
  }
  Type* obj_type = supercheck(type.as<Type>(), obj);
  if (!obj_type) return Value();
  Value r = super_lookup_bound(type.as<Type>(), obj, obj_type, name);
  if (r || error_occurred()) return r;
  // Not found along the MRO: the attribute of the super object itself (e.g. __thisclass__).
  Ref s(super_new(type, obj));
  if (!s) return Value();
  return generic_getattr(*s, name);
}

int super_get_method(Value type, Value obj, Value name, Value* method) {
  if (!is_type(type)) {
    raise(TypeError, "super() argument 1 must be a type, not %s", type_of(type)->name);
    return -1;
  }
  Type* obj_type = supercheck(type.as<Type>(), obj);
  if (!obj_type) return -1;
  Value res;
  int r = super_find(type.as<Type>(), obj_type, name, &res);
  if (r < 0) return -1;
  if (r == 1 && obj != Value::from(obj_type) && has_flag(type_of(res), TF_METHOD_DESCRIPTOR)) {
    *method = newref(res);
    return 1;
  }
  Value v = super_getattr(type, obj, name);
  if (!v) return -1;
  *method = v;
  return 0;
}

static Value super_get_thisclass(Value self) {
  auto* s = self.as<SuperObject>();
  return newref(s->type ? Value::from(s->type) : None());
}
static Value super_get_self(Value self) {
  auto* s = self.as<SuperObject>();
  return newref(s->obj ? s->obj : None());
}
static Value super_get_self_class(Value self) {
  auto* s = self.as<SuperObject>();
  return newref(s->obj_type ? Value::from(s->obj_type) : None());
}
static const GetSetDef super_getset[] = {
    {"__thisclass__", super_get_thisclass, nullptr, "the class invoking super()"},
    {"__self__", super_get_self, nullptr, "the instance invoking super(); may be None"},
    {"__self_class__", super_get_self_class, nullptr,
     "the type of the instance invoking super(); may be None"},
    {nullptr, nullptr, nullptr, nullptr},
};

Type SuperType = {
    .ob = {kImmortal, &TypeType},
    .name = "super",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC,
    .basicsize = sizeof(SuperObject),
    .dealloc = super_dealloc,
    .traverse = super_traverse,
    .clear = super_clear,
    .repr = super_repr,
    .getattr = super_getattro,
    .descr_get = super_descr_get,
    .new_ = super_tp_new,
    .init = super_init,
    .getset = super_getset,
    .doc = "super() -> same as super(__class__, <first argument>)\n"
           "super(type) -> unbound super object\n"
           "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
           "super(type, type2) -> bound super object; requires issubclass(type2, type)\n"
           "Typical use to call a cooperative superclass method:\n"
           "class C(B):\n"
           "    def meth(self, arg):\n"
           "        super().meth(arg)\n"
           "This works for class methods too:\n"
           "class C(B):\n"
           "    @classmethod\n"
           "    def cmeth(cls, arg):\n"
           "        super().cmeth(arg)\n",
};

// -- mappingproxy --------------------------------------------------------------------------------

struct MappingProxyObject {
  Object ob;
  Value mapping;
};

Value mappingproxy_new(Value mapping) {
  Object* o = alloc_object(&MappingProxyType, sizeof(MappingProxyObject));
  if (!o) return Value();
  reinterpret_cast<MappingProxyObject*>(o)->mapping = newref(mapping);
  gc_track(o);
  return Value::from(o);
}

static Value mp_mapping(Value self) { return self.as<MappingProxyObject>()->mapping; }

static void mp_dealloc(Object* o) {
  untrack_if_tracked(o);
  clear_ref(&reinterpret_cast<MappingProxyObject*>(o)->mapping);
  free_object(o);
}
static void mp_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<MappingProxyObject*>(o)->mapping, visit, arg);
}

static Value mp_tp_new(Type*, const Value* args, size_t nargs, Value kwnames) {
  static const char* const kw[] = {"mapping"};
  Value a[1];
  if (parse_optional("mappingproxy", args, nargs, kwnames, kw, 1, a) < 0) return Value();
  if (!a[0]) {
    return raise(TypeError, "mappingproxy() missing required argument 'mapping' (pos 1)");
  }
  Value m = a[0];
  // Mappings: anything with __getitem__ that is not a list or tuple (CPython's check).
  if (is_list(m) || is_tuple(m) || !type_of(m)->getitem) {
    return raise(TypeError, "mappingproxy() argument must be a mapping, not %s",
                 type_of(m)->name);
  }
  return mappingproxy_new(m);
}

static Value mp_getitem(Value self, Value key) { return getitem(mp_mapping(self), key); }
static int64_t mp_len(Value self) { return length(mp_mapping(self)); }
static int mp_contains(Value self, Value key) {
  Value m = mp_mapping(self);
  if (is_exact_dict(m)) {
    Value v = dict_get(m, key);
    if (v) return 1;
    return error_occurred() ? -1 : 0;
  }
  return contains(m, key);
}
static Value mp_iter(Value self) { return get_iter(mp_mapping(self)); }
static Value mp_repr(Value self) { return str_format_c("mappingproxy(%R)", mp_mapping(self)); }
static Value mp_str(Value self) { return str(mp_mapping(self)); }
static Value mp_richcompare(Value a, Value b, int op) {
  return rich_compare(mp_mapping(a), b, op);
}

static Value mp_get(Value self, const Value* args, size_t nargs, Value) {
  if (nargs < 1 || nargs > 2) {
    return raise(TypeError, "get expected at %s %d argument%s, got %zu",
                 nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 2, nargs < 1 ? "" : "s",
                 nargs);
  }
  return call_method(mp_mapping(self), STRATA_NAME(get), args, nargs);
}
static Value mp_keys(Value self, const Value*, size_t, Value) {
  return call_method0(mp_mapping(self), STRATA_NAME(keys));
}
static Value mp_values(Value self, const Value*, size_t, Value) {
  return call_method0(mp_mapping(self), STRATA_NAME(values));
}
static Value mp_items(Value self, const Value*, size_t, Value) {
  return call_method0(mp_mapping(self), STRATA_NAME(items));
}
static Value mp_copy(Value self, const Value*, size_t, Value) {
  return call_method0(mp_mapping(self), STRATA_NAME(copy));
}
static Value mp_reversed(Value self, const Value*, size_t, Value) {
  return call_method0(mp_mapping(self), STRATA_NAME(__reversed__));
}
static Value mp_or(Value a, Value b) {
  // Either side may be the proxy (binary slots see the operands in their order).
  Value x = type_of(a) == &MappingProxyType ? mp_mapping(a) : a;
  Value y = type_of(b) == &MappingProxyType ? mp_mapping(b) : b;
  return binary_op(x, y, NB_OR);
}

static const MethodDef mp_methods[] = {
    {"get", mp_get, METH_FASTCALL,
     "D.get(k[,d]) -> D[k] if k in D, else d.  d defaults to None."},
    {"keys", mp_keys, METH_NOARGS, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", mp_values, METH_NOARGS, "D.values() -> an object providing a view on D's values"},
    {"items", mp_items, METH_NOARGS, "D.items() -> a set-like object providing a view on D's items"},
    {"copy", mp_copy, METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"__reversed__", mp_reversed, METH_NOARGS, "D.__reversed__() -> reverse iterator"},
    {nullptr, nullptr, 0, nullptr},
};

Type MappingProxyType = {
    .ob = {kImmortal, &TypeType},
    .name = "mappingproxy",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_MAPPING,
    .basicsize = sizeof(MappingProxyObject),
    .dealloc = mp_dealloc,
    .traverse = mp_traverse,
    .repr = mp_repr,
    .str = mp_str,
    .hash = hash_not_implemented,
    .richcompare = mp_richcompare,
    .getattr = generic_getattr,
    .iter = mp_iter,
    .new_ = mp_tp_new,
    .nb = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, mp_or},
    .length = mp_len,
    .getitem = mp_getitem,
    .contains = mp_contains,
    .methods = mp_methods,
};

}  // namespace strata
