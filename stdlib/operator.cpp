// stdlib/operator.cpp — the `_operator` module: the operators as functions (operator.py
// imports them all with `from _operator import *` and adds the dunder aliases), and the
// callable classes itemgetter, attrgetter and methodcaller, which are hot in sort keys
// and map() calls: itemgetter on a list or tuple with an int index does no lookup at all.
#include <cstring>

#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

// -- The operator functions ------------------------------------------------------------------

#define OP_BINARY(fname, opcode)                                      \
  Value op_##fname(Value, const Value* args, size_t nargs, Value) {   \
    if (!check_positional(#fname, nargs, 2, 2)) return Value();       \
    return binary_op(args[0], args[1], opcode);                       \
  }
OP_BINARY(add, NB_ADD)
OP_BINARY(sub, NB_SUBTRACT)
OP_BINARY(mul, NB_MULTIPLY)
OP_BINARY(matmul, NB_MATRIX_MULTIPLY)
OP_BINARY(truediv, NB_TRUE_DIVIDE)
OP_BINARY(floordiv, NB_FLOOR_DIVIDE)
OP_BINARY(mod, NB_REMAINDER)
OP_BINARY(lshift, NB_LSHIFT)
OP_BINARY(rshift, NB_RSHIFT)
OP_BINARY(and_, NB_AND)
OP_BINARY(or_, NB_OR)
OP_BINARY(xor, NB_XOR)
OP_BINARY(pow, NB_POWER)
OP_BINARY(iadd, NB_INPLACE_ADD)
OP_BINARY(isub, NB_INPLACE_SUBTRACT)
OP_BINARY(imul, NB_INPLACE_MULTIPLY)
OP_BINARY(imatmul, NB_INPLACE_MATRIX_MULTIPLY)
OP_BINARY(itruediv, NB_INPLACE_TRUE_DIVIDE)
OP_BINARY(ifloordiv, NB_INPLACE_FLOOR_DIVIDE)
OP_BINARY(imod, NB_INPLACE_REMAINDER)
OP_BINARY(ilshift, NB_INPLACE_LSHIFT)
OP_BINARY(irshift, NB_INPLACE_RSHIFT)
OP_BINARY(iand, NB_INPLACE_AND)
OP_BINARY(ior, NB_INPLACE_OR)
OP_BINARY(ixor, NB_INPLACE_XOR)
OP_BINARY(ipow, NB_INPLACE_POWER)
#undef OP_BINARY

#define OP_COMPARE(fname, cmp)                                        \
  Value op_##fname(Value, const Value* args, size_t nargs, Value) {   \
    if (!check_positional(#fname, nargs, 2, 2)) return Value();       \
    return rich_compare(args[0], args[1], cmp);                       \
  }
OP_COMPARE(lt, CMP_LT)
OP_COMPARE(le, CMP_LE)
OP_COMPARE(eq, CMP_EQ)
OP_COMPARE(ne, CMP_NE)
OP_COMPARE(gt, CMP_GT)
OP_COMPARE(ge, CMP_GE)
#undef OP_COMPARE

Value op_neg(Value, const Value* args, size_t, Value) { return negative(args[0]); }
Value op_pos(Value, const Value* args, size_t, Value) { return positive(args[0]); }
Value op_abs(Value, const Value* args, size_t, Value) { return absolute(args[0]); }
Value op_invert(Value, const Value* args, size_t, Value) { return invert(args[0]); }
Value op_index(Value, const Value* args, size_t, Value) { return number_index(args[0]); }
Value op_not(Value, const Value* args, size_t, Value) {
  int t = is_true(args[0]);
  if (t < 0) return Value();
  return Bool(!t);
}
Value op_truth(Value, const Value* args, size_t, Value) {
  int t = is_true(args[0]);
  if (t < 0) return Value();
  return Bool(t);
}

Value op_is_(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("is_", nargs, 2, 2)) return Value();
  return Bool(args[0] == args[1]);
}
Value op_is_not(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("is_not", nargs, 2, 2)) return Value();
  return Bool(args[0] != args[1]);
}

// PySequence_Check: supports item access and is not a dict.
bool is_sequence(Value v) { return !is_dict(v) && type_of(v)->getitem != nullptr; }

Value concat_impl(const char* name, const Value* args, size_t nargs, int opcode) {
  if (!check_positional(name, nargs, 2, 2)) return Value();
  if (!is_sequence(args[0])) {
    return raise(TypeError, "'%s' object can't be concatenated", type_of(args[0])->name);
  }
  return binary_op(args[0], args[1], opcode);
}
Value op_concat(Value, const Value* args, size_t nargs, Value) {
  return concat_impl("concat", args, nargs, NB_ADD);
}
Value op_iconcat(Value, const Value* args, size_t nargs, Value) {
  return concat_impl("iconcat", args, nargs, NB_INPLACE_ADD);
}

Value op_contains(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("contains", nargs, 2, 2)) return Value();
  int r = contains(args[0], args[1]);
  if (r < 0) return Value();
  return Bool(r);
}

// countOf / indexOf: `item is value or item == value` over an iteration.
Value seq_search(const char* name, const Value* args, size_t nargs, bool count) {
  if (!check_positional(name, nargs, 2, 2)) return Value();
  Value target = args[1];
  Ref it(get_iter(args[0]));
  if (!it) return Value();
  int64_t n = 0, i = 0;
  for (;;) {
    Ref item(iter_next(*it));
    if (!item) break;
    int eq = rich_compare_bool(*item, target, CMP_EQ);
    if (eq < 0) return Value();
    if (eq) {
      if (!count) return int_from_i64(i);
      n++;
    }
    i++;
  }
  if (error_occurred()) return Value();
  if (!count) return raise(ValueError, "sequence.index(x): x not in sequence");
  return int_from_i64(n);
}
Value op_countOf(Value, const Value* args, size_t nargs, Value) {
  return seq_search("countOf", args, nargs, true);
}
Value op_indexOf(Value, const Value* args, size_t nargs, Value) {
  return seq_search("indexOf", args, nargs, false);
}

Value op_getitem(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("getitem", nargs, 2, 2)) return Value();
  return getitem(args[0], args[1]);
}
Value op_setitem(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("setitem", nargs, 3, 3)) return Value();
  if (setitem(args[0], args[1], args[2]) < 0) return Value();
  return None();
}
Value op_delitem(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("delitem", nargs, 2, 2)) return Value();
  if (delitem(args[0], args[1]) < 0) return Value();
  return None();
}

Value op_length_hint(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("length_hint", nargs, 1, 2)) return Value();
  Value obj = args[0];
  int64_t dflt = 0;
  if (nargs == 2) {
    if (!is_int(args[1])) {
      return raise(TypeError, "'%s' object cannot be interpreted as an integer",
                   type_of(args[1])->name);
    }
    dflt = int_as_i64(args[1]);
    if (dflt == -1 && error_occurred()) return Value();
  }
  if (type_of(obj)->length) {
    int64_t n = length(obj);
    if (n >= 0) return int_from_i64(n);
    if (!error_matches(TypeError)) return Value();
    clear_error();
  }
  Value hint = lookup_special(obj, STRATA_NAME(__length_hint__));
  if (!hint) return int_from_i64(dflt);
  Ref r(call1(hint, obj));
  if (!r) {
    if (!error_matches(TypeError)) return Value();
    clear_error();
    return int_from_i64(dflt);
  }
  if (*r == NotImplemented()) return int_from_i64(dflt);
  if (!is_int(*r)) {
    return raise(TypeError, "__length_hint__ must be an integer, not %s", type_of(*r)->name);
  }
  int64_t n = int_as_i64(*r);
  if (n == -1 && error_occurred()) return Value();
  if (n < 0) return raise(ValueError, "__length_hint__() should return >= 0");
  return int_from_i64(n);
}

Value op_compare_digest(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("_compare_digest", nargs, 2, 2)) return Value();
  Value a = args[0], b = args[1];
  std::string_view x, y;
  if (is_str(a) && is_str(b)) {
    for (Value s : {a, b}) {
      for (int64_t i = 0; i < str_length(s); i++) {
        if (str_char(s, i) >= 128) {
          return raise(TypeError, "comparing strings with non-ASCII characters is not supported");
        }
      }
    }
    x = str_utf8(a);
    y = str_utf8(b);
  } else if (is_bytes(a) && is_bytes(b)) {
    x = std::string_view(reinterpret_cast<const char*>(bytes_data(a)), size_t(bytes_size(a)));
    y = std::string_view(reinterpret_cast<const char*>(bytes_data(b)), size_t(bytes_size(b)));
  } else {
    return raise(TypeError, "unsupported operand types(s) or combination of types: '%s' and '%s'",
                 type_of(a)->name, type_of(b)->name);
  }
  // Constant time in the length of y: every byte is looked at whatever the result.
  const std::string_view& left = x.size() == y.size() ? x : y;
  unsigned char diff = x.size() == y.size() ? 0 : 1;
  for (size_t i = 0; i < y.size(); i++) diff |= (unsigned char)(left[i] ^ y[i]);
  return Bool(diff == 0);
}

// -- itemgetter ------------------------------------------------------------------------------

struct ItemGetterObject {
  Object ob;
  int64_t nitems;
  Value item;   // the one item, or a tuple of them
  int64_t index;  // the item as an index when it is one small non-negative int, else -1
};

Value itemgetter_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("itemgetter", kwnames)) return Value();
  if (nargs <= 1 && !check_positional("itemgetter", nargs, 1, 1)) return Value();
  Ref item(nargs == 1 ? newref(args[0]) : tuple_from(args, int64_t(nargs)));
  if (!item) return Value();
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  ItemGetterObject* g = reinterpret_cast<ItemGetterObject*>(o);
  g->nitems = int64_t(nargs);
  g->item = item.release();
  g->index = (nargs == 1 && g->item.is_small() && g->item.small_value() >= 0)
                 ? g->item.small_value() : -1;
  gc_track(o);
  return Value::from(o);
}

void itemgetter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<ItemGetterObject*>(o)->item);
  free_object(o);
}
void itemgetter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<ItemGetterObject*>(o)->item, visit, arg);
}
void itemgetter_clear(Object* o) { clear_ref(&reinterpret_cast<ItemGetterObject*>(o)->item); }

Value itemgetter_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (kwnames && !check_no_kwargs("itemgetter", kwnames)) return Value();
  if (nargs != 1 && !check_positional("itemgetter", nargs, 1, 1)) return Value();
  ItemGetterObject* g = self.as<ItemGetterObject>();
  Value obj = args[0];
  if (g->nitems == 1) {
    if (g->index >= 0) {
      if (is_exact_tuple(obj) && g->index < tuple_size(obj)) return newref(tuple_item(obj, g->index));
      if (is_exact_list(obj) && g->index < list_size(obj)) return newref(list_item(obj, g->index));
    }
    return getitem(obj, g->item);
  }
  Value r = tuple_new(g->nitems);
  if (!r) return r;
  for (int64_t i = 0; i < g->nitems; i++) {
    Value v = getitem(obj, tuple_item(g->item, i));
    if (!v) {
      for (int64_t j = i; j < g->nitems; j++) tuple_items(r)[j] = newref(None());
      decref(r);
      return v;
    }
    tuple_items(r)[i] = v;
  }
  return r;
}

Value itemgetter_repr(Value self) {
  ItemGetterObject* g = self.as<ItemGetterObject>();
  int r = repr_enter(self);
  if (r < 0) return Value();
  if (r > 0) return str_from_ascii("...");
  Value s = g->nitems == 1 ? str_format_c("%s(%R)", type_of(self)->name, g->item)
                           : str_format_c("%s%R", type_of(self)->name, g->item);
  repr_leave(self);
  return s;
}

Value itemgetter_reduce(Value self, const Value*, size_t, Value) {
  ItemGetterObject* g = self.as<ItemGetterObject>();
  if (g->nitems == 1) {
    Ref args(tuple_pack({g->item}));
    if (!args) return Value();
    return tuple_pack({Value::from(type_of(self)), *args});
  }
  return tuple_pack({Value::from(type_of(self)), g->item});
}

const MethodDef itemgetter_methods[] = {
    {"__reduce__", itemgetter_reduce, METH_NOARGS, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr}};

Type ItemGetterType = {
    .ob = {kImmortal, &TypeType},
    .name = "operator.itemgetter",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(ItemGetterObject),
    .dealloc = itemgetter_dealloc,
    .traverse = itemgetter_traverse,
    .clear = itemgetter_clear,
    .repr = itemgetter_repr,
    .call = itemgetter_call,
    .new_ = itemgetter_new,
    .methods = itemgetter_methods,
    .doc = "itemgetter(item, ...) --> itemgetter object\n\nReturn a callable object that "
           "fetches the given item(s) from its operand.\nAfter f = itemgetter(2), the call "
           "f(r) returns r[2].\nAfter g = itemgetter(2, 5, 3), the call g(r) returns (r[2], "
           "r[5], r[3])",
};

// -- attrgetter ------------------------------------------------------------------------------

struct AttrGetterObject {
  Object ob;
  int64_t nattrs;
  Value attrs;  // tuple: per attribute an interned str, or a tuple of them for a dotted name
};

Value attrgetter_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("attrgetter", kwnames)) return Value();
  if (nargs == 0 && !check_positional("attrgetter", nargs, 1, 1)) return Value();
  Ref attrs(tuple_new(int64_t(nargs)));
  if (!attrs) return Value();
  for (size_t i = 0; i < nargs; i++) {
    Value name = args[i];
    if (!is_str(name)) return raise(TypeError, "attribute name must be a string");
    std::string_view text = str_utf8(name);
    if (text.find('.') == std::string_view::npos) {
      tuple_items(*attrs)[i] = newref(intern(text));
      continue;
    }
    int64_t parts = 1;
    for (char ch : text) parts += ch == '.';
    Value t = tuple_new(parts);
    if (!t) return t;
    tuple_items(*attrs)[i] = t;
    size_t start = 0;
    for (int64_t p = 0; p < parts; p++) {
      size_t end = text.find('.', start);
      if (end == std::string_view::npos) end = text.size();
      tuple_items(t)[p] = newref(intern(text.substr(start, end - start)));
      start = end + 1;
    }
  }
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  AttrGetterObject* g = reinterpret_cast<AttrGetterObject*>(o);
  g->nattrs = int64_t(nargs);
  g->attrs = attrs.release();
  gc_track(o);
  return Value::from(o);
}

void attrgetter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<AttrGetterObject*>(o)->attrs);
  free_object(o);
}
void attrgetter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<AttrGetterObject*>(o)->attrs, visit, arg);
}
void attrgetter_clear(Object* o) { clear_ref(&reinterpret_cast<AttrGetterObject*>(o)->attrs); }

Value dotted_getattr(Value obj, Value attr) {
  if (is_str(attr)) return getattr(obj, attr);
  Value cur = newref(obj);
  for (int64_t i = 0; i < tuple_size(attr); i++) {
    Value next = getattr(cur, tuple_item(attr, i));
    decref(cur);
    if (!next) return next;
    cur = next;
  }
  return cur;
}

Value attrgetter_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (kwnames && !check_no_kwargs("attrgetter", kwnames)) return Value();
  if (nargs != 1 && !check_positional("attrgetter", nargs, 1, 1)) return Value();
  AttrGetterObject* g = self.as<AttrGetterObject>();
  if (g->nattrs == 1) return dotted_getattr(args[0], tuple_item(g->attrs, 0));
  Value r = tuple_new(g->nattrs);
  if (!r) return r;
  for (int64_t i = 0; i < g->nattrs; i++) {
    Value v = dotted_getattr(args[0], tuple_item(g->attrs, i));
    if (!v) {
      for (int64_t j = i; j < g->nattrs; j++) tuple_items(r)[j] = newref(None());
      decref(r);
      return v;
    }
    tuple_items(r)[i] = v;
  }
  return r;
}

// The attribute names as given ("b.c" for a dotted one): a tuple.
Value attrgetter_names(AttrGetterObject* g) {
  Value names = tuple_new(g->nattrs);
  if (!names) return names;
  for (int64_t i = 0; i < g->nattrs; i++) {
    Value a = tuple_item(g->attrs, i);
    Value s;
    if (is_str(a)) {
      s = newref(a);
    } else {
      Ref dot(str_from_ascii("."));
      s = dot ? str_join(*dot, a) : Value();
    }
    if (!s) {
      for (int64_t j = i; j < g->nattrs; j++) tuple_items(names)[j] = newref(None());
      decref(names);
      return s;
    }
    tuple_items(names)[i] = s;
  }
  return names;
}

Value attrgetter_repr(Value self) {
  AttrGetterObject* g = self.as<AttrGetterObject>();
  Ref names(attrgetter_names(g));
  if (!names) return Value();
  if (g->nattrs == 1) return str_format_c("%s(%R)", type_of(self)->name, tuple_item(*names, 0));
  return str_format_c("%s%R", type_of(self)->name, *names);
}

Value attrgetter_reduce(Value self, const Value*, size_t, Value) {
  Ref names(attrgetter_names(self.as<AttrGetterObject>()));
  if (!names) return Value();
  return tuple_pack({Value::from(type_of(self)), *names});
}

const MethodDef attrgetter_methods[] = {
    {"__reduce__", attrgetter_reduce, METH_NOARGS, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr}};

Type AttrGetterType = {
    .ob = {kImmortal, &TypeType},
    .name = "operator.attrgetter",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(AttrGetterObject),
    .dealloc = attrgetter_dealloc,
    .traverse = attrgetter_traverse,
    .clear = attrgetter_clear,
    .repr = attrgetter_repr,
    .call = attrgetter_call,
    .new_ = attrgetter_new,
    .methods = attrgetter_methods,
    .doc = "attrgetter(attr, ...) --> attrgetter object\n\nReturn a callable object that "
           "fetches the given attribute(s) from its operand.\nAfter f = attrgetter('name'), "
           "the call f(r) returns r.name.\nAfter g = attrgetter('name', 'date'), the call "
           "g(r) returns (r.name, r.date).\nAfter h = attrgetter('name.first', 'name.last'), "
           "the call h(r) returns\n(r.name.first, r.name.last).",
};

// -- methodcaller ----------------------------------------------------------------------------

struct MethodCallerObject {
  Object ob;
  Value name;    // interned str
  Value args;    // tuple
  Value kwargs;  // dict
};

Value methodcaller_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (nargs < 1) {
    return raise(TypeError, "methodcaller needs at least one argument, the method name");
  }
  if (!is_str(args[0])) return raise(TypeError, "method name must be a string");
  Ref margs(tuple_from(args + 1, int64_t(nargs) - 1));
  if (!margs) return Value();
  Ref kw(dict_new());
  if (!kw) return Value();
  size_t nkw = kwnames_count(kwnames);
  for (size_t k = 0; k < nkw; k++) {
    if (dict_set(*kw, tuple_item(kwnames, int64_t(k)), args[nargs + k]) < 0) return Value();
  }
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  MethodCallerObject* m = reinterpret_cast<MethodCallerObject*>(o);
  m->name = newref(intern(str_utf8(args[0])));
  m->args = margs.release();
  m->kwargs = kw.release();
  gc_track(o);
  return Value::from(o);
}

void methodcaller_dealloc(Object* o) {
  gc_untrack(o);
  MethodCallerObject* m = reinterpret_cast<MethodCallerObject*>(o);
  xdecref(m->name);
  xdecref(m->args);
  xdecref(m->kwargs);
  free_object(o);
}
void methodcaller_traverse(Object* o, VisitFn visit, void* arg) {
  MethodCallerObject* m = reinterpret_cast<MethodCallerObject*>(o);
  visit_value(m->name, visit, arg);
  visit_value(m->args, visit, arg);
  visit_value(m->kwargs, visit, arg);
}
void methodcaller_clear(Object* o) {
  MethodCallerObject* m = reinterpret_cast<MethodCallerObject*>(o);
  clear_ref(&m->name);
  clear_ref(&m->args);
  clear_ref(&m->kwargs);
}

Value methodcaller_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (kwnames && !check_no_kwargs("methodcaller", kwnames)) return Value();
  if (nargs != 1 && !check_positional("methodcaller", nargs, 1, 1)) return Value();
  MethodCallerObject* m = self.as<MethodCallerObject>();
  if (dict_size(m->kwargs) == 0) {
    return call_method(args[0], m->name, tuple_items(m->args), size_t(tuple_size(m->args)));
  }
  Ref method(getattr(args[0], m->name));
  if (!method) return Value();
  return call_tuple_dict(*method, m->args, m->kwargs);
}

Value methodcaller_repr(Value self) {
  MethodCallerObject* m = self.as<MethodCallerObject>();
  int r = repr_enter(self);
  if (r < 0) return Value();
  if (r > 0) return str_from_ascii("...");
  text::StrBuilder b;
  b.append_utf8(type_of(self)->name);
  b.append('(');
  Value out = Value();
  Ref nr(repr(m->name));
  bool ok = bool(nr);
  if (ok) b.append_str(*nr);
  for (int64_t i = 0; ok && i < tuple_size(m->args); i++) {
    Ref ar(repr(tuple_item(m->args, i)));
    if (!ar) {
      ok = false;
      break;
    }
    b.append_ascii(", ");
    b.append_str(*ar);
  }
  int64_t pos = 0;
  Value k, v;
  while (ok && dict_next(m->kwargs, &pos, &k, &v)) {
    Ref vr(repr(v));
    if (!vr) {
      ok = false;
      break;
    }
    b.append_ascii(", ");
    b.append_str(k);
    b.append('=');
    b.append_str(*vr);
  }
  if (ok) {
    b.append(')');
    out = b.finish();
  }
  repr_leave(self);
  return out;
}

Value methodcaller_reduce(Value self, const Value*, size_t, Value) {
  MethodCallerObject* m = self.as<MethodCallerObject>();
  Value type = Value::from(type_of(self));
  if (dict_size(m->kwargs) == 0) {
    int64_t n = tuple_size(m->args);
    Ref targs(tuple_new(n + 1));
    if (!targs) return Value();
    tuple_items(*targs)[0] = newref(m->name);
    for (int64_t i = 0; i < n; i++) tuple_items(*targs)[i + 1] = newref(tuple_item(m->args, i));
    return tuple_pack({type, *targs});
  }
  // partial(type(self), name, **kwargs), args
  Ref modname(str_from_ascii("functools"));
  if (!modname) return Value();
  Ref functools(import_name(*modname, Value(), Value(), 0));
  if (!functools) return Value();
  Ref partial(getattr(*functools, "partial"));
  if (!partial) return Value();
  Ref pargs(tuple_pack({type, m->name}));
  if (!pargs) return Value();
  Ref bound(call_tuple_dict(*partial, *pargs, m->kwargs));
  if (!bound) return Value();
  return tuple_pack({*bound, m->args});
}

const MethodDef methodcaller_methods[] = {
    {"__reduce__", methodcaller_reduce, METH_NOARGS, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr}};

Type MethodCallerType = {
    .ob = {kImmortal, &TypeType},
    .name = "operator.methodcaller",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(MethodCallerObject),
    .dealloc = methodcaller_dealloc,
    .traverse = methodcaller_traverse,
    .clear = methodcaller_clear,
    .repr = methodcaller_repr,
    .call = methodcaller_call,
    .new_ = methodcaller_new,
    .methods = methodcaller_methods,
    .doc = "methodcaller(name, ...) --> methodcaller object\n\nReturn a callable object "
           "that calls the given method on its operand.\nAfter f = methodcaller('name'), "
           "the call f(r) returns r.name().\nAfter g = methodcaller('name', 'date', foo=1), "
           "the call g(r) returns\nr.name('date', foo=1).",
};

// -- The module ------------------------------------------------------------------------------

#define OP2(name, doc) {#name, op_##name, METH_FASTCALL, doc}
#define OP1(name, fn, doc) {name, fn, METH_O, doc}

const MethodDef operator_methods[] = {
    OP1("abs", op_abs, "Same as abs(a)."),
    OP2(add, "Same as a + b."),
    OP2(and_, "Same as a & b."),
    OP2(concat, "Same as a + b, for a and b sequences."),
    OP2(contains, "Same as b in a (note reversed operands)."),
    OP2(countOf, "Return the number of items in a which are, or which equal, b."),
    OP2(delitem, "Same as del a[b]."),
    OP2(eq, "Same as a == b."),
    OP2(floordiv, "Same as a // b."),
    OP2(ge, "Same as a >= b."),
    OP2(getitem, "Same as a[b]."),
    OP2(gt, "Same as a > b."),
    OP2(iadd, "Same as a += b."),
    OP2(iand, "Same as a &= b."),
    OP2(iconcat, "Same as a += b, for a and b sequences."),
    OP2(ifloordiv, "Same as a //= b."),
    OP2(ilshift, "Same as a <<= b."),
    OP2(imatmul, "Same as a @= b."),
    OP2(imod, "Same as a %= b."),
    OP2(imul, "Same as a *= b."),
    OP1("index", op_index, "Same as a.__index__()"),
    OP2(indexOf, "Return the first index of b in a."),
    OP1("inv", op_invert, "Same as ~a."),
    OP1("invert", op_invert, "Same as ~a."),
    OP2(ior, "Same as a |= b."),
    OP2(ipow, "Same as a **= b."),
    OP2(irshift, "Same as a >>= b."),
    OP2(is_, "Same as a is b."),
    OP2(is_not, "Same as a is not b."),
    OP2(isub, "Same as a -= b."),
    OP2(itruediv, "Same as a /= b."),
    OP2(ixor, "Same as a ^= b."),
    OP2(le, "Same as a <= b."),
    OP2(length_hint, "Return an estimate of the number of items in obj."),
    OP2(lshift, "Same as a << b."),
    OP2(lt, "Same as a < b."),
    OP2(matmul, "Same as a @ b."),
    OP2(mod, "Same as a % b."),
    OP2(mul, "Same as a * b."),
    OP2(ne, "Same as a != b."),
    OP1("neg", op_neg, "Same as -a."),
    OP1("not_", op_not, "Same as not a."),
    OP2(or_, "Same as a | b."),
    OP1("pos", op_pos, "Same as +a."),
    OP2(pow, "Same as a ** b."),
    OP2(rshift, "Same as a >> b."),
    OP2(setitem, "Same as a[b] = c."),
    OP2(sub, "Same as a - b."),
    OP2(truediv, "Same as a / b."),
    OP1("truth", op_truth, "Return True if a is true, False otherwise."),
    OP2(xor, "Same as a ^ b."),
    {"_compare_digest", op_compare_digest, METH_FASTCALL,
     "Return 'a == b'.\n\nThis function uses an approach designed to prevent\ntiming "
     "analysis, making it appropriate for cryptography."},
    {nullptr, nullptr, 0, nullptr},
};
#undef OP1
#undef OP2

int operator_init(Value m) {
  static bool ready = false;
  if (!ready) {
    for (Type* t : {&ItemGetterType, &AttrGetterType, &MethodCallerType}) {
      if (type_ready(t) < 0) return -1;
    }
    ready = true;
  }
  Value d = module_dict(m);
  if (dict_set_cstr(d, "itemgetter", Value::from(&ItemGetterType)) < 0 ||
      dict_set_cstr(d, "attrgetter", Value::from(&AttrGetterType)) < 0 ||
      dict_set_cstr(d, "methodcaller", Value::from(&MethodCallerType)) < 0) {
    return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef operator_module_def;
const BuiltinModuleDef operator_module_def = {
    "_operator", operator_init, operator_methods,
    "Operator interface.\n\nThis module exports a set of functions implemented in C "
    "corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\n"
    "is equivalent to the expression x+y.  The function names are those\nused for special "
    "methods; variants without leading and trailing\n'__' are also provided for convenience."};

}  // namespace strata
