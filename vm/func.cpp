// vm/func.cpp — functions (`function`), cells and bound methods (`method`).
#include <cstdio>

#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/func.h"
#include "vm/interp.h"
#include "vm/module.h"
#include "vm/runtime.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {


namespace {

uint32_t next_function_version = 1;

Value address_text(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return str_from_ascii(buf);
}

// -- function ------------------------------------------------------------------------------

FunctionObject* F(Value v) { return v.as<FunctionObject>(); }

void function_dealloc(Object* o) {
  gc_untrack(o);
  FunctionObject* f = reinterpret_cast<FunctionObject*>(o);
  Value* fields[] = {&f->code, &f->globals, &f->builtins, &f->name, &f->qualname,
                     &f->defaults, &f->kwdefaults, &f->closure, &f->doc, &f->dict,
                     &f->annotations, &f->module};
  for (Value* v : fields) clear_ref(v);
  free_object(o);
}

void function_traverse(Object* o, VisitFn visit, void* arg) {
  FunctionObject* f = reinterpret_cast<FunctionObject*>(o);
  Value fields[] = {f->code, f->globals, f->builtins, f->name, f->qualname, f->defaults,
                    f->kwdefaults, f->closure, f->doc, f->dict, f->annotations, f->module};
  for (Value v : fields) visit_value(v, visit, arg);
}

void function_clear(Object* o) {
  FunctionObject* f = reinterpret_cast<FunctionObject*>(o);
  Value* fields[] = {&f->defaults, &f->kwdefaults, &f->closure, &f->doc, &f->dict,
                     &f->annotations, &f->module, &f->globals, &f->builtins};
  for (Value* v : fields) clear_ref(v);
}

Value function_repr(Value v) {
  Value addr = address_text(v.obj());
  if (!addr) return addr;
  Value r = str_format_c("<function %U at %U>", F(v)->qualname, addr);
  decref(addr);
  return r;
}

Value function_descr_get(Value descr, Value obj, Value type) {
  if (!obj || is_none(obj)) return newref(descr);
  return method_new(descr, obj);
}

// Attributes.
Value fget_code(Value s) { return newref(F(s)->code); }
int fset_code(Value s, Value v) {
  if (!v || type_of(v) != &CodeType) {
    raise(TypeError, "__code__ must be set to a code object");
    return -1;
  }
  set_ref(&F(s)->code, newref(v));
  F(s)->version = next_function_version++;
  return 0;
}
Value fget_name(Value s) { return newref(F(s)->name); }
int fset_name(Value s, Value v) {
  if (!v || !is_str(v)) {
    raise(TypeError, "__name__ must be set to a string object");
    return -1;
  }
  set_ref(&F(s)->name, newref(v));
  return 0;
}
Value fget_qualname(Value s) { return newref(F(s)->qualname); }
int fset_qualname(Value s, Value v) {
  if (!v || !is_str(v)) {
    raise(TypeError, "__qualname__ must be set to a string object");
    return -1;
  }
  set_ref(&F(s)->qualname, newref(v));
  return 0;
}
Value fget_defaults(Value s) { return newref(F(s)->defaults ? F(s)->defaults : None()); }
int fset_defaults(Value s, Value v) {
  if (v && is_none(v)) v = Value();
  if (v && !is_tuple(v)) {
    raise(TypeError, "__defaults__ must be set to a tuple object");
    return -1;
  }
  set_ref(&F(s)->defaults, xnewref(v));
  F(s)->version = next_function_version++;
  return 0;
}
Value fget_kwdefaults(Value s) { return newref(F(s)->kwdefaults ? F(s)->kwdefaults : None()); }
int fset_kwdefaults(Value s, Value v) {
  if (v && is_none(v)) v = Value();
  if (v && !is_dict(v)) {
    raise(TypeError, "__kwdefaults__ must be set to a dict object");
    return -1;
  }
  set_ref(&F(s)->kwdefaults, xnewref(v));
  F(s)->version = next_function_version++;
  return 0;
}
Value fget_globals(Value s) { return newref(F(s)->globals); }
Value fget_builtins(Value s) { return newref(F(s)->builtins); }
Value fget_closure(Value s) { return newref(F(s)->closure ? F(s)->closure : None()); }
Value fget_doc(Value s) { return newref(F(s)->doc ? F(s)->doc : None()); }
int fset_doc(Value s, Value v) {
  set_ref(&F(s)->doc, v ? newref(v) : None());
  return 0;
}
Value fget_module(Value s) { return newref(F(s)->module ? F(s)->module : None()); }
int fset_module(Value s, Value v) {
  set_ref(&F(s)->module, v ? newref(v) : None());
  return 0;
}
Value fget_annotations(Value s) {
  if (!F(s)->annotations) {
    F(s)->annotations = dict_new();
    if (!F(s)->annotations) return Value();
  }
  return newref(F(s)->annotations);
}
int fset_annotations(Value s, Value v) {
  if (v && is_none(v)) v = Value();
  if (v && !is_dict(v)) {
    raise(TypeError, "__annotations__ must be set to a dict object");
    return -1;
  }
  set_ref(&F(s)->annotations, xnewref(v));
  return 0;
}
Value fget_dict(Value s) {
  if (!F(s)->dict) {
    F(s)->dict = dict_new();
    if (!F(s)->dict) return Value();
  }
  return newref(F(s)->dict);
}
int fset_dict(Value s, Value v) {
  if (!v) {
    raise(TypeError, "cannot delete __dict__");
    return -1;
  }
  if (!is_dict(v)) {
    raise(TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_name(v));
    return -1;
  }
  set_ref(&F(s)->dict, newref(v));
  return 0;
}

const GetSetDef function_getset[] = {
    {"__code__", fget_code, fset_code, nullptr},
    {"__name__", fget_name, fset_name, nullptr},
    {"__qualname__", fget_qualname, fset_qualname, nullptr},
    {"__defaults__", fget_defaults, fset_defaults, nullptr},
    {"__kwdefaults__", fget_kwdefaults, fset_kwdefaults, nullptr},
    {"__globals__", fget_globals, nullptr, nullptr},
    {"__builtins__", fget_builtins, nullptr, nullptr},
    {"__closure__", fget_closure, nullptr, nullptr},
    {"__doc__", fget_doc, fset_doc, nullptr},
    {"__module__", fget_module, fset_module, nullptr},
    {"__annotations__", fget_annotations, fset_annotations, nullptr},
    {"__dict__", fget_dict, fset_dict, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- cell ---------------------------------------------------------------------------------

void cell_dealloc(Object* o) {
  gc_untrack(o);
  clear_ref(&reinterpret_cast<CellObject*>(o)->ref);
  free_object(o);
}
void cell_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<CellObject*>(o)->ref, visit, arg);
}
void cell_clear(Object* o) { clear_ref(&reinterpret_cast<CellObject*>(o)->ref); }
Value cell_repr(Value v) {
  Value addr = address_text(v.obj());
  if (!addr) return addr;
  Value ref = v.as<CellObject>()->ref;
  Value r;
  if (!ref) {
    r = str_format_c("<cell at %U: empty>", addr);
  } else {
    Value raddr = address_text(ref.is_small() ? nullptr : ref.obj());
    r = raddr ? str_format_c("<cell at %U: %s object at %U>", addr, type_name(ref), raddr) : Value();
    xdecref(raddr);
  }
  decref(addr);
  return r;
}
Value cell_get_contents(Value s) {
  Value ref = s.as<CellObject>()->ref;
  if (!ref) return raise(ValueError, "Cell is empty");
  return newref(ref);
}
int cell_set_contents(Value s, Value v) {
  set_ref(&s.as<CellObject>()->ref, xnewref(v));
  return 0;
}
const GetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- method ---------------------------------------------------------------------------------

MethodObject* M(Value v) { return v.as<MethodObject>(); }

void method_dealloc(Object* o) {
  gc_untrack(o);
  MethodObject* m = reinterpret_cast<MethodObject*>(o);
  clear_ref(&m->func);
  clear_ref(&m->self);
  free_object(o);
}
void method_traverse(Object* o, VisitFn visit, void* arg) {
  MethodObject* m = reinterpret_cast<MethodObject*>(o);
  visit_value(m->func, visit, arg);
  visit_value(m->self, visit, arg);
}
void method_clear(Object* o) {
  MethodObject* m = reinterpret_cast<MethodObject*>(o);
  clear_ref(&m->func);
  clear_ref(&m->self);
}

Value method_call(Value callable, const Value* args, size_t nargs, Value kwnames) {
  MethodObject* m = M(callable);
  size_t total = nargs + (kwnames ? tuple_size(kwnames) : 0);
  Value small[8];
  Value* buf = total + 1 <= 8 ? small : new Value[total + 1];
  buf[0] = m->self;
  for (size_t i = 0; i < total; i++) buf[i + 1] = args[i];
  Value r = call(m->func, buf, nargs + 1, kwnames);
  if (buf != small) delete[] buf;
  return r;
}

Value method_repr(Value v) {
  MethodObject* m = M(v);
  Value name = lookup_attr(m->func, STRATA_NAME(__qualname__));
  if (!name && error_occurred()) return Value();
  if (!name) {
    name = lookup_attr(m->func, STRATA_NAME(__name__));
    if (!name && error_occurred()) return Value();
  }
  Value r = str_format_c("<bound method %s of %R>", name && is_str(name) ? str_utf8(name).data() : "?",
                         m->self);
  xdecref(name);
  return r;
}

Value method_richcompare(Value a, Value b, int op) {
  if ((op != 2 && op != 3) || type_of(a) != &MethodType || type_of(b) != &MethodType) {
    return NotImplemented();
  }
  bool eq = M(a)->self == M(b)->self;
  if (eq) {
    int r = rich_compare_bool(M(a)->func, M(b)->func, 2);
    if (r < 0) return Value();
    eq = r;
  }
  return Bool(op == 2 ? eq : !eq);
}

int64_t method_hash(Value v) {
  int64_t a = static_cast<int64_t>(reinterpret_cast<uintptr_t>(M(v)->self.obj()) >> 4);
  int64_t b = hash(M(v)->func);
  if (b == -1) return -1;
  int64_t h = a ^ b;
  return h == -1 ? -2 : h;
}

Value method_getattr(Value obj, Value name) {
  // The method's own attributes first, then the function's (as CPython's method_getattro).
  Value v = generic_getattr(obj, name);
  if (v || !error_matches(AttributeError)) return v;
  clear_error();
  return getattr(M(obj)->func, name);
}

Value mget_func(Value s) { return newref(M(s)->func); }
Value mget_self(Value s) { return newref(M(s)->self); }
const GetSetDef method_getset[] = {
    {"__func__", mget_func, nullptr, nullptr},
    {"__self__", mget_self, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type FunctionType = {
    .ob = {kImmortal, &TypeType},
    .name = "function",
    .flags = TF_HAVE_GC | TF_METHOD_DESCRIPTOR,
    .basicsize = sizeof(FunctionObject),
    .dictoffset = offsetof(FunctionObject, dict),
    .weaklistoffset = offsetof(FunctionObject, weakreflist),
    .dealloc = function_dealloc,
    .traverse = function_traverse,
    .clear = function_clear,
    .repr = function_repr,
    .call = call_function,
    .descr_get = function_descr_get,
    .getset = function_getset,
};

Type CellType = {
    .ob = {kImmortal, &TypeType},
    .name = "cell",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(CellObject),
    .dealloc = cell_dealloc,
    .traverse = cell_traverse,
    .clear = cell_clear,
    .repr = cell_repr,
    .getset = cell_getset,
};

Type MethodType = {
    .ob = {kImmortal, &TypeType},
    .name = "method",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(MethodObject),
    .weaklistoffset = offsetof(MethodObject, weakreflist),
    .dealloc = method_dealloc,
    .traverse = method_traverse,
    .clear = method_clear,
    .repr = method_repr,
    .hash = method_hash,
    .richcompare = method_richcompare,
    .getattr = method_getattr,
    .call = method_call,
    .getset = method_getset,
};

Value function_new(Value code, Value globals, Value qualname) {
  Object* o = alloc_object(&FunctionType, sizeof(FunctionObject));
  if (!o) return Value();
  FunctionObject* f = reinterpret_cast<FunctionObject*>(o);
  CodeRT* c = code.as<CodeRT>();
  f->code = newref(code);
  f->globals = newref(globals);
  f->name = newref(c->name);
  f->qualname = newref(qualname ? qualname : c->qualname);
  f->version = next_function_version++;
  // __builtins__ from the globals (a module or its dict), else the builtins module's.
  Value b = dict_get_str(globals, STRATA_NAME(__builtins__));
  if (b && type_of(b) == &ModuleType) b = module_dict(b);
  if (!b || !is_dict(b)) b = builtins_dict();
  f->builtins = newref(b);
  // __doc__: the first constant when it is a str and the code is a function's.
  if (c->nconsts > 0 && c->src->consts[0].tag == ConstTag::Str && (c->flags & CO_OPTIMIZED)) {
    f->doc = newref(code_const(c, 0));
  } else {
    f->doc = None();
  }
  Value mod = dict_get_str(globals, STRATA_NAME(__name__));
  f->module = mod ? newref(mod) : None();
  gc_track(o);
  return Value::from(o);
}

Value cell_new(Value v) {
  Object* o = alloc_object(&CellType, sizeof(CellObject));
  if (!o) return Value();
  reinterpret_cast<CellObject*>(o)->ref = xnewref(v);
  gc_track(o);
  return Value::from(o);
}

Value method_new(Value func, Value self) {
  Object* o = alloc_object(&MethodType, sizeof(MethodObject));
  if (!o) return Value();
  MethodObject* m = reinterpret_cast<MethodObject*>(o);
  m->func = newref(func);
  m->self = newref(self);
  gc_track(o);
  return Value::from(o);
}

}  // namespace strata
