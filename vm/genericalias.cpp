// vm/genericalias.cpp — types.GenericAlias (PEP 585): what `list[int]` makes through the
// __class_getitem__ of the built-in containers. Holds an origin and a tuple of arguments;
// prints as "list[int]", forwards attribute reads to the origin, calls the origin,
// substitutes type variables (`list[T][int]`), compares and hashes by (origin, args).
#include <cstddef>
#include <string>

#include "vm/abstract.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

struct GenericAliasObject {
  Object ob;
  Value origin;
  Value args;        // tuple
  Value parameters;  // tuple, computed on first use (null until then)
  Value weakreflist;
};

inline GenericAliasObject* GA(Value v) { return v.as<GenericAliasObject>(); }
inline bool is_generic_alias(Value v) { return is_instance_of(v, &GenericAliasType); }

// One argument as it appears in the repr (ga_repr_item).
bool repr_item(std::string& out, Value p) {
  if (p == Ellipsis()) {
    out += "...";
    return true;
  }
  Value has_origin = lookup_attr(p, STRATA_NAME(__origin__));
  if (!has_origin && error_occurred()) return false;
  Value has_args = has_origin ? lookup_attr(p, STRATA_NAME(__args__)) : Value();
  if (has_origin && !has_args && error_occurred()) {
    decref(has_origin);
    return false;
  }
  bool alias = has_origin && has_args;
  xdecref(has_origin);
  xdecref(has_args);
  if (!alias) {
    Value qualname = lookup_attr(p, STRATA_NAME(__qualname__));
    if (!qualname && error_occurred()) return false;
    Value module = qualname ? lookup_attr(p, STRATA_NAME(__module__)) : Value();
    if (qualname && !module && error_occurred()) {
      decref(qualname);
      return false;
    }
    if (qualname && module && !is_none(module) && is_str(qualname) && is_str(module)) {
      if (!str_equal_ascii(module, "builtins")) {
        out += str_utf8(module);
        out += ".";
      }
      out += str_utf8(qualname);
      decref(qualname);
      decref(module);
      return true;
    }
    xdecref(qualname);
    xdecref(module);
  }
  Value r = repr(p);
  if (!r) return false;
  out += str_utf8(r);
  decref(r);
  return true;
}

Value ga_repr(Value self) {
  GenericAliasObject* ga = GA(self);
  std::string out;
  if (!repr_item(out, ga->origin)) return Value();
  out += "[";
  int64_t n = tuple_size(ga->args);
  if (n == 0) out += "()";
  for (int64_t i = 0; i < n; i++) {
    if (i) out += ", ";
    if (!repr_item(out, tuple_item(ga->args, i))) return Value();
  }
  out += "]";
  return str_from_utf8(out);
}

// The type variables among args, in order, without duplicates (_Py_make_parameters).
Value make_parameters(Value args) {
  Value params = list_new(0);
  if (!params) return params;
  auto add = [&](Value p) -> int {
    int c = contains(params, p);
    if (c != 0) return c < 0 ? -1 : 0;
    return list_append(params, p);
  };
  for (int64_t i = 0; i < tuple_size(args); i++) {
    Value t = tuple_item(args, i);
    if (is_type(t)) continue;  // a class is never a parameter
    Value subst = lookup_attr(t, STRATA_NAME(__typing_subst__));
    if (subst) {
      decref(subst);
      if (add(t) < 0) {
        decref(params);
        return Value();
      }
      continue;
    }
    if (error_occurred()) {
      decref(params);
      return Value();
    }
    Value sub = lookup_attr(t, STRATA_NAME(__parameters__));
    if (!sub) {
      if (error_occurred()) {
        decref(params);
        return Value();
      }
      continue;
    }
    if (is_tuple(sub)) {
      for (int64_t j = 0; j < tuple_size(sub); j++) {
        if (add(tuple_item(sub, j)) < 0) {
          decref(sub);
          decref(params);
          return Value();
        }
      }
    }
    decref(sub);
  }
  Value r = list_as_tuple(params);
  decref(params);
  return r;
}

Value ga_parameters(Value self) {
  GenericAliasObject* ga = GA(self);
  if (!ga->parameters) {
    ga->parameters = make_parameters(ga->args);
    if (!ga->parameters) return Value();
  }
  return newref(ga->parameters);
}

// alias[items]: replaces the alias's type variables by the given items.
Value ga_getitem(Value self, Value item) {
  GenericAliasObject* ga = GA(self);
  Value params = ga_parameters(self);
  if (!params) return params;
  Ref p(params);
  int64_t np = tuple_size(params);
  if (np == 0) return raise(TypeError, "%R is not a generic class", self);
  Ref items(is_tuple(item) ? newref(item) : tuple_pack({item}));
  if (!items) return Value();
  int64_t ni = tuple_size(*items);
  if (ni != np)
    return raise(TypeError, "Too %s arguments for %R; actual %zd, expected %zd",
                 ni > np ? "many" : "few", self, ni, np);
  int64_t nargs = tuple_size(ga->args);
  Ref newargs(tuple_new(nargs));
  if (!newargs) return Value();
  for (int64_t i = 0; i < nargs; i++) {
    Value arg = tuple_item(ga->args, i);
    Value sub;
    int64_t k = 0;
    for (; k < np; k++)
      if (tuple_item(params, k) == arg) break;
    if (k < np) {
      Value subst = lookup_attr(arg, STRATA_NAME(__typing_subst__));
      if (subst) {
        sub = call1(subst, tuple_item(*items, k));
        decref(subst);
      } else {
        sub = error_occurred() ? Value() : newref(tuple_item(*items, k));
      }
    } else {
      Value subparams = is_type(arg) ? Value() : lookup_attr(arg, STRATA_NAME(__parameters__));
      if (!subparams && error_occurred()) return Value();
      if (subparams && is_tuple(subparams) && tuple_size(subparams) > 0) {
        // A nested alias: substitute its own parameters.
        int64_t ns = tuple_size(subparams);
        Ref subitems(tuple_new(ns));
        if (!subitems) {
          decref(subparams);
          return Value();
        }
        for (int64_t j = 0; j < ns; j++) {
          int64_t m = 0;
          for (; m < np; m++)
            if (tuple_item(params, m) == tuple_item(subparams, j)) break;
          tuple_items(*subitems)[j] =
              newref(m < np ? tuple_item(*items, m) : tuple_item(subparams, j));
        }
        sub = getitem(arg, ns == 1 ? tuple_item(*subitems, 0) : *subitems);
      } else {
        sub = newref(arg);
      }
      xdecref(subparams);
    }
    if (!sub) return Value();
    tuple_items(*newargs)[i] = sub;
  }
  return generic_alias_new(ga->origin, *newargs);
}

void ga_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  GenericAliasObject* ga = reinterpret_cast<GenericAliasObject*>(o);
  xdecref(ga->origin);
  xdecref(ga->args);
  xdecref(ga->parameters);
  free_object(o);
}

void ga_traverse(Object* o, VisitFn visit, void* arg) {
  GenericAliasObject* ga = reinterpret_cast<GenericAliasObject*>(o);
  visit_value(ga->origin, visit, arg);
  visit_value(ga->args, visit, arg);
  visit_value(ga->parameters, visit, arg);
}

void ga_clear(Object* o) {
  GenericAliasObject* ga = reinterpret_cast<GenericAliasObject*>(o);
  clear_ref(&ga->origin);
  clear_ref(&ga->args);
  clear_ref(&ga->parameters);
}

// Names that belong to the alias itself; every other attribute comes from the origin.
bool is_own_attr(Value name) {
  static const char* const own[] = {"__class__", "__origin__", "__args__", "__unpacked__",
                                    "__parameters__", "__typing_unpacked_tuple_args__",
                                    "__mro_entries__", "__reduce_ex__", "__reduce__",
                                    "__copy__", "__deepcopy__"};
  for (const char* n : own)
    if (str_equal_ascii(name, n)) return true;
  return false;
}

Value ga_getattro(Value self, Value name) {
  if (is_str(name) && !is_own_attr(name)) return getattr(GA(self)->origin, name);
  return generic_getattr(self, name);
}

Value ga_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value obj = call(GA(self)->origin, args, nargs, kwnames);
  if (!obj) return obj;
  // Records the alias on the instance when it takes attributes (as CPython; errors
  // other than the attribute ones are reported).
  if (setattr(obj, STRATA_NAME(__orig_class__), self) < 0) {
    if (!error_matches(AttributeError) && !error_matches(TypeError)) {
      decref(obj);
      return Value();
    }
    clear_error();
  }
  return obj;
}

Value ga_richcompare(Value a, Value b, int op) {
  if (!is_generic_alias(a) || !is_generic_alias(b) || (op != CMP_EQ && op != CMP_NE))
    return NotImplemented();
  int eq = rich_compare_bool(GA(a)->origin, GA(b)->origin, CMP_EQ);
  if (eq < 0) return Value();
  if (eq) {
    eq = rich_compare_bool(GA(a)->args, GA(b)->args, CMP_EQ);
    if (eq < 0) return Value();
  }
  return Bool((eq == 1) == (op == CMP_EQ));
}

int64_t ga_hash(Value self) {
  int64_t h0 = hash(GA(self)->origin);
  if (h0 == -1) return -1;
  int64_t h1 = hash(GA(self)->args);
  if (h1 == -1) return -1;
  int64_t h = h0 ^ h1;
  return h == -1 ? -2 : h;
}

// list[int] | None: a types.UnionType, made by the union's own `|` (vm/typeobject.cpp),
// which must count a GenericAlias as a union member (CPython's is_unionable does).
Value ga_or(Value a, Value b) {
  BinaryFn f = UnionType.nb[NB_OR];
  return f ? f(a, b) : NotImplemented();
}

Value ga_new(Type*, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("GenericAlias", kwnames)) return Value();
  if (!check_positional("GenericAlias", nargs, 2, 2)) return Value();
  return generic_alias_new(args[0], args[1]);
}

Value m_mro_entries(Value self, const Value*, size_t, Value) {
  return tuple_pack({GA(self)->origin});
}

Value m_instancecheck(Value, const Value*, size_t, Value) {
  return raise(TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}

Value m_subclasscheck(Value, const Value*, size_t, Value) {
  return raise(TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}

Value m_dir(Value self, const Value*, size_t, Value) {
  Value names = call_method0(GA(self)->origin, STRATA_NAME(__dir__));
  if (!names) return names;
  Value l = sequence_list(names);
  decref(names);
  if (!l) return l;
  for (const char* n : {"__origin__", "__args__", "__parameters__", "__mro_entries__",
                        "__reduce_ex__", "__reduce__", "__copy__", "__deepcopy__"}) {
    Value s = intern(n);
    int c = contains(l, s);
    if (c < 0 || (c == 0 && list_append(l, s) < 0)) {
      decref(l);
      return Value();
    }
  }
  return l;
}

Value get_origin(Value self) { return newref(GA(self)->origin); }
Value get_args(Value self) { return newref(GA(self)->args); }
Value get_unpacked(Value) { return False(); }

const MethodDef ga_methods[] = {
    {"__mro_entries__", m_mro_entries, METH_O, nullptr},
    {"__instancecheck__", m_instancecheck, METH_O, nullptr},
    {"__subclasscheck__", m_subclasscheck, METH_O, nullptr},
    {"__dir__", m_dir, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

const GetSetDef ga_getset[] = {
    {"__origin__", get_origin, nullptr, nullptr},
    {"__args__", get_args, nullptr, nullptr},
    {"__parameters__", ga_parameters, nullptr, "Type variables in the GenericAlias."},
    {"__unpacked__", get_unpacked, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr}};

}  // namespace

Value generic_alias_new(Value origin, Value args) {
  Value t = is_tuple(args) ? newref(args) : tuple_pack({args});
  if (!t) return t;
  Object* o = alloc_object(&GenericAliasType, sizeof(GenericAliasObject));
  if (!o) {
    decref(t);
    return Value();
  }
  GenericAliasObject* ga = reinterpret_cast<GenericAliasObject*>(o);
  ga->origin = newref(origin);
  ga->args = t;
  gc_track(o);
  return Value::from(o);
}

Value class_getitem(Value cls, const Value* args, size_t, Value) {
  return generic_alias_new(cls, args[0]);
}

Type GenericAliasType = {
    .ob = {kImmortal, &TypeType},
    .name = "types.GenericAlias",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(GenericAliasObject),
    .weaklistoffset = int64_t(offsetof(GenericAliasObject, weakreflist)),
    .dealloc = ga_dealloc,
    .traverse = ga_traverse,
    .clear = ga_clear,
    .repr = ga_repr,
    .hash = ga_hash,
    .richcompare = ga_richcompare,
    .getattr = ga_getattro,
    .call = ga_call,
    .new_ = ga_new,
    .nb = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, ga_or},
    .getitem = ga_getitem,
    .methods = ga_methods,
    .getset = ga_getset,
    .doc = "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list "
           "and t.__args__ is (int,).",
};

}  // namespace strata
