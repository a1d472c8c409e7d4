// vm/module.cpp — module objects (`module`) and creating built-in modules from their
// BuiltinModuleDef.
#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

ModuleObject* MO(Value v) { return v.as<ModuleObject>(); }

void module_dealloc(Object* o) {
  gc_untrack(o);
  ModuleObject* m = reinterpret_cast<ModuleObject*>(o);
  clear_ref(&m->dict);
  clear_ref(&m->name);
  free_object(o);
}

void module_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<ModuleObject*>(o)->dict, visit, arg);
}

void module_clear(Object* o) { clear_ref(&reinterpret_cast<ModuleObject*>(o)->dict); }

Value module_repr(Value v) {
  ModuleObject* m = MO(v);
  Value name = dict_get_str(m->dict, STRATA_NAME(__name__));
  if (!name) name = STRATA_NAME(?);
  if (m->def) return str_format_c("<module %R (built-in)>", name);
  Value file = dict_get_str(m->dict, STRATA_NAME(__file__));
  if (file) return str_format_c("<module %R from %R>", name, file);
  return str_format_c("<module %R>", name);
}

Value module_getattr(Value obj, Value name) {
  Value v = generic_getattr(obj, name);
  if (v || !error_matches(AttributeError)) return v;
  clear_error();
  ModuleObject* m = MO(obj);
  Value hook = dict_get_str(m->dict, STRATA_NAME(__getattr__));
  if (hook) return call1(hook, name);
  if (error_occurred()) return Value();
  Value mod_name = dict_get_str(m->dict, STRATA_NAME(__name__));
  if (mod_name && is_str(mod_name)) {
    raise(AttributeError, "module '%U' has no attribute '%U'", mod_name, name);
  } else {
    raise(AttributeError, "module has no attribute '%U'", name);
  }
  attribute_error_set_context(obj, name);
  return Value();
}

Value module_new_slot(Type* type, const Value* args, size_t nargs, Value kwnames) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  ModuleObject* m = reinterpret_cast<ModuleObject*>(o);
  m->dict = dict_new();
  if (!m->dict) {
    decref(Value::from(o));
    return Value();
  }
  gc_track(o);
  return Value::from(o);
}

int module_init_slot(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"name", "doc"};
  ArgSpec spec{"module", names, 2, 0, 1, 2};
  Value out[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, out)) return -1;
  if (!is_str(out[0])) {
    raise(TypeError, "module.__init__() argument 'name' must be str, not %s", type_name(out[0]));
    return -1;
  }
  ModuleObject* m = MO(self);
  set_ref(&m->name, newref(out[0]));
  Value d = m->dict;
  if (dict_set(d, STRATA_NAME(__name__), out[0]) < 0 ||
      dict_set(d, STRATA_NAME(__doc__), out[1] ? out[1] : None()) < 0 ||
      dict_set(d, STRATA_NAME(__package__), None()) < 0 ||
      dict_set(d, STRATA_NAME(__loader__), None()) < 0 ||
      dict_set(d, STRATA_NAME(__spec__), None()) < 0) {
    return -1;
  }
  return 0;
}

Value module_dir(Value self, const Value*, size_t, Value) {
  Value d = MO(self)->dict;
  Value dirfn = dict_get_str(d, STRATA_NAME(__dir__));
  if (dirfn) return call0(dirfn);
  return dict_keys_list(d);
}

const MethodDef module_methods[] = {
    {"__dir__", module_dir, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef module_members[] = {
    {"__dict__", MemberKind::ReadOnlyObject, offsetof(ModuleObject, dict), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

}  // namespace

Type ModuleType = {
    .ob = {kImmortal, &TypeType},
    .name = "module",
    .flags = TF_HAVE_GC | TF_BASETYPE,
    .basicsize = sizeof(ModuleObject),
    .dictoffset = offsetof(ModuleObject, dict),
    .weaklistoffset = offsetof(ModuleObject, weakreflist),
    .dealloc = module_dealloc,
    .traverse = module_traverse,
    .clear = module_clear,
    .repr = module_repr,
    .getattr = module_getattr,
    .setattr = generic_setattr,
    .new_ = module_new_slot,
    .init = module_init_slot,
    .methods = module_methods,
    .members = module_members,
};

Value module_new(Value name) {
  Value m = module_new_slot(&ModuleType, nullptr, 0, Value());
  if (!m) return m;
  Value args[1] = {name};
  if (module_init_slot(m, args, 1, Value()) < 0) {
    decref(m);
    return Value();
  }
  return m;
}

Value module_from_def(const BuiltinModuleDef* def) {
  Ref name(intern(def->name));
  Ref m(module_new(*name));
  if (!m) return Value();
  MO(*m)->def = def;
  Value d = module_dict(*m);
  if (def->doc) {
    Ref doc(str_from_utf8(def->doc));
    if (!doc || dict_set(d, STRATA_NAME(__doc__), *doc) < 0) return Value();
  }
  for (const MethodDef* md = def->methods; md && md->name; md++) {
    Ref f(builtin_function_new(md, *m, *name));
    if (!f || dict_set_cstr(d, md->name, *f) < 0) return Value();
  }
  if (def->init && def->init(*m) < 0) return Value();
  return m.release();
}

}  // namespace strata
