// vm/abstract.cpp — the object protocol of vm/abstract.h: text (repr/str/ascii/format),
// hashing and rich comparison, truth, attributes, calls, iteration, the number protocol
// (binary_op's operand-dispatch order), items and length, sequences to list/tuple, and
// isinstance/issubclass. CPython 3.11's Objects/abstract.c and Objects/object.c are the
// model; every error message is theirs word for word. generic_getattr/generic_setattr
// live with the type system (vm/object.cpp).
#include "vm/abstract.h"

#include <gmp.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "vm/bytes.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

// -- Helpers -----------------------------------------------------------------------------------

namespace {

// Calls `func` (found on type(self) by a special-method lookup) as a method of `self`:
// functions and method descriptors take self as their first argument directly (no bound
// method is made); other descriptors are bound first; plain callables are called as is.
Value call_unbound(Value func, Value self, const Value* args, size_t nargs) {
  Type* ft = type_of(func);
  if (has_flag(ft, TF_METHOD_DESCRIPTOR)) {
    Value small[8];
    Value* vec = small;
    if (nargs + 1 > 8) {
      vec = static_cast<Value*>(mem_alloc((nargs + 1) * sizeof(Value)));
      if (!vec) return raise_no_memory();
    }
    vec[0] = self;
    for (size_t i = 0; i < nargs; i++) vec[i + 1] = args[i];
    Value r = call(func, vec, nargs + 1);
    if (vec != small) mem_free(vec);
    return r;
  }
  if (ft->descr_get) {
    Value bound = ft->descr_get(func, self, Value::from(type_of(self)));
    if (!bound) return Value();
    Value r = call(bound, args, nargs);
    decref(bound);
    return r;
  }
  return call(func, args, nargs);
}

// _PyObject_LookupSpecial: type(obj).name bound to obj (new reference), or null; an
// exception is set only when binding failed.
Value lookup_special_bound(Value obj, Value name) {
  Value res = lookup_special(obj, name);
  if (!res) return Value();
  DescrGetFn f = type_of(res)->descr_get;
  if (f) return f(res, obj, Value::from(type_of(obj)));
  return newref(res);
}

// The text an error message shows for a BinaryOp.
const char* binary_op_name(int op) {
  switch (op) {
    case NB_POWER:
      return "** or pow()";
    default:
      return binary_op_text(op);
  }
}

Value binop_type_error(Value a, Value b, const char* op_name) {
  return raise(TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", op_name,
               type_name(a), type_name(b));
}

// binary_op1 of CPython: the left operand's slot, with the right operand's slot first
// when its type is a proper subclass that overrides the slot, then the right operand's.
// Returns NotImplemented (immortal: no reference to drop) when neither handles it.
Value binary_op1(Value a, Value b, int op) {
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  BinaryFn slota = ta->nb[op];
  BinaryFn slotb = nullptr;
  if (tb != ta) {
    slotb = tb->nb[op];
    if (slotb == slota) slotb = nullptr;
  }
  if (slota) {
    if (slotb && is_subtype(tb, ta)) {
      Value r = slotb(a, b);
      if (r != NotImplemented()) return r;
      slotb = nullptr;
    }
    Value r = slota(a, b);
    if (r != NotImplemented()) return r;
  }
  if (slotb) return slotb(a, b);
  return NotImplemented();
}

// Sequences whose `+` is concatenation (CPython's sq_concat): their slots return
// NotImplemented for foreign operands and the message is CPython's sq_concat fallback.
bool has_sequence_concat(Value v) {
  if (v.is_small()) return false;
  Type* t = v.obj()->type;
  return has_flag(t, TF_LIST_SUBCLASS | TF_TUPLE_SUBCLASS | TF_STR_SUBCLASS |
                         TF_BYTES_SUBCLASS) ||
         is_subtype(t, &ByteArrayType);
}

// When both number slots declined `a OP b`, CPython still tries the sequence slots: a
// concatenation or repetition that fails there has its own message.
Value sequence_fallback_error(Value a, Value b, int op, const char* op_name) {
  int plain = op >= NB_INPLACE_ADD ? op - NB_INPLACE_ADD : op;
  if (plain == NB_ADD && has_sequence_concat(a)) {
    Type* ta = type_of(a);
    if (has_flag(ta, TF_BYTES_SUBCLASS) || is_subtype(ta, &ByteArrayType))
      return raise(TypeError, "can't concat %s to %s", type_name(b), type_name(a));
    const char* what = has_flag(ta, TF_LIST_SUBCLASS)    ? "list"
                       : has_flag(ta, TF_TUPLE_SUBCLASS) ? "tuple"
                                                         : "str";
    return raise(TypeError, "can only concatenate %s (not \"%s\") to %s", what, type_name(b),
                 what);
  }
  if (plain == NB_MULTIPLY) {
    Value seq, n;
    if (has_sequence_concat(a)) {
      seq = a;
      n = b;
    } else if (has_sequence_concat(b)) {
      seq = b;
      n = a;
    }
    if (seq && !type_of(n)->nb_index && !is_int(n))
      return raise(TypeError, "can't multiply sequence by non-int of type '%s'", type_name(n));
  }
  return binop_type_error(a, b, op_name);
}

}  // namespace

const char* type_name(Value v) { return type_of(v)->name; }

// -- Text --------------------------------------------------------------------------------------

Value repr(Value v) {
  Type* t = type_of(v);
  if (!t->repr) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "<%.200s object at %p>", t->name, (void*)v.bits());
    return str_from_utf8(buf);
  }
  if (enter_recursive_call(" while getting the repr of an object")) return Value();
  Value r = t->repr(v);
  leave_recursive_call();
  if (r && !is_str(r)) {
    raise(TypeError, "__repr__ returned non-string (type %s)", type_name(r));
    decref(r);
    return Value();
  }
  return r;
}

Value str(Value v) {
  if (is_exact_str(v)) return newref(v);
  Type* t = type_of(v);
  if (!t->str) return repr(v);
  if (enter_recursive_call(" while getting the str of an object")) return Value();
  Value r = t->str(v);
  leave_recursive_call();
  if (r && !is_str(r)) {
    raise(TypeError, "__str__ returned non-string (type %s)", type_name(r));
    decref(r);
    return Value();
  }
  return r;
}

Value ascii(Value v) {
  Value r = repr(v);
  if (!r) return r;
  StrObject* s = r.as<StrObject>();
  if (s->ascii) return r;
  // Non-ASCII code points become \xNN, \uNNNN or \UNNNNNNNN escapes.
  std::string out;
  int64_t n = s->length;
  out.reserve(n + 16);
  static const char hex[] = "0123456789abcdef";
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = str_char(r, i);
    if (c < 128) {
      out.push_back(char(c));
    } else if (c < 0x100) {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    } else if (c < 0x10000) {
      out += "\\u";
      for (int sh = 12; sh >= 0; sh -= 4) out.push_back(hex[(c >> sh) & 15]);
    } else {
      out += "\\U";
      for (int sh = 28; sh >= 0; sh -= 4) out.push_back(hex[(c >> sh) & 15]);
    }
  }
  decref(r);
  return str_from_ascii(out);
}

Value format(Value v, Value spec) {
  Value empty;
  if (!spec) {
    empty = intern("");
    spec = empty;
  } else if (!is_str(spec)) {
    return raise(SystemError, "Format specifier must be a string, not %s", type_name(spec));
  }
  bool spec_empty = str_length(spec) == 0;
  // Fast paths (as CPython's): str and int with an empty spec are their str().
  if (spec_empty) {
    if (is_exact_str(v)) return newref(v);
    if (is_exact_int(v)) return str(v);
  }
  Value meth = type_lookup(type_of(v), STRATA_NAME(__format__));
  if (!meth) {
    return raise(TypeError, "Type %s doesn't define __format__", type_name(v));
  }
  Value r = call_unbound(meth, v, &spec, 1);
  if (r && !is_str(r)) {
    raise(TypeError, "__format__ must return a str, not %s", type_name(r));
    decref(r);
    return Value();
  }
  return r;
}

std::string repr_utf8(Value v) {
  Value r = repr(v);
  if (!r) return std::string();
  std::string out(str_utf8(r));
  decref(r);
  return out;
}

std::string to_str_utf8(Value v) {
  Value r = str(v);
  if (!r) return std::string();
  std::string out(str_utf8(r));
  decref(r);
  return out;
}

// -- Hashing, comparison, truth -----------------------------------------------------------------

int64_t hash_not_implemented(Value v) {
  raise(TypeError, "unhashable type: '%s'", type_name(v));
  return -1;
}

int64_t hash(Value v) {
  if (v.is_small()) return int_hash(v);
  Type* t = v.obj()->type;
  if (t == &StrType) return str_hash(v);
  if (!t->hash) return hash_not_implemented(v);
  return t->hash(v);
}

namespace {
constexpr int kSwappedOp[] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};
constexpr const char* kCompareOpText[] = {"<", "<=", "==", "!=", ">", ">="};

Value do_richcompare(Value a, Value b, int op) {
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  bool checked_reverse = false;
  if (ta != tb && tb->richcompare && is_subtype(tb, ta)) {
    checked_reverse = true;
    Value r = tb->richcompare(b, a, kSwappedOp[op]);
    if (r != NotImplemented()) return r;
  }
  if (ta->richcompare) {
    Value r = ta->richcompare(a, b, op);
    if (r != NotImplemented()) return r;
  }
  if (!checked_reverse && tb->richcompare) {
    Value r = tb->richcompare(b, a, kSwappedOp[op]);
    if (r != NotImplemented()) return r;
  }
  switch (op) {
    case CMP_EQ:
      return Bool(a == b);
    case CMP_NE:
      return Bool(a != b);
    default:
      return raise(TypeError, "'%s' not supported between instances of '%s' and '%s'",
                   kCompareOpText[op], ta->name, tb->name);
  }
}
}  // namespace

Value rich_compare(Value a, Value b, int op) {
  if (a.is_small() && b.is_small()) {
    int64_t x = a.small_value(), y = b.small_value();
    switch (op) {
      case CMP_LT: return Bool(x < y);
      case CMP_LE: return Bool(x <= y);
      case CMP_EQ: return Bool(x == y);
      case CMP_NE: return Bool(x != y);
      case CMP_GT: return Bool(x > y);
      default: return Bool(x >= y);
    }
  }
  if (enter_recursive_call(" in comparison")) return Value();
  Value r = do_richcompare(a, b, op);
  leave_recursive_call();
  return r;
}

int rich_compare_bool(Value a, Value b, int op) {
  if (a == b) {
    if (op == CMP_EQ) return 1;
    if (op == CMP_NE) return 0;
  }
  Value r = rich_compare(a, b, op);
  if (!r) return -1;
  int ok;
  if (r == True()) {
    ok = 1;
  } else if (r == False()) {
    ok = 0;
  } else {
    ok = is_true(r);
    decref(r);
  }
  return ok;
}

int is_true(Value v) {
  if (v == True()) return 1;
  if (v == False() || v == None()) return 0;
  if (v.is_small()) return v.small_value() != 0;
  Type* t = v.obj()->type;
  if (t->nb_bool) return t->nb_bool(v);
  if (t->length) {
    int64_t n = t->length(v);
    if (n < 0) return -1;
    return n > 0;
  }
  return 1;
}

// -- Attributes ------------------------------------------------------------------------------------

Value getattr(Value obj, Value name) {
  if (!is_str(name)) {
    return raise(TypeError, "attribute name must be string, not '%s'", type_name(name));
  }
  Type* t = type_of(obj);
  if (!t->getattr) {
    return raise(AttributeError, "'%s' object has no attribute '%U'", t->name, name);
  }
  return t->getattr(obj, name);
}

Value getattr(Value obj, const char* name) { return getattr(obj, intern(name)); }

namespace {
// The generic attribute algorithm (as generic_getattr) without making an AttributeError
// when nothing is found: hasattr() and getattr() with a default are common in Python code.
Value generic_lookup_attr(Value obj, Value name) {
  Type* t = type_of(obj);
  Value descr = type_lookup(t, name);
  DescrGetFn f = nullptr;
  Value r;
  if (descr) {
    Type* dt = type_of(descr);
    f = dt->descr_get;
    if (f && dt->descr_set) {
      incref(descr);  // descr_get may change the class and free it
      r = f(descr, obj, Value::from(t));
      decref(descr);
      goto check;
    }
  }
  if (Value* slot = instance_dict_slot(obj); slot && *slot) {
    Value attr = dict_get_str(*slot, name);
    if (attr) return newref(attr);
    if (error_occurred()) return Value();
  }
  if (f) {
    incref(descr);
    r = f(descr, obj, Value::from(t));
    decref(descr);
    goto check;
  }
  if (descr) return newref(descr);
  return Value();
check:
  if (!r && error_matches(AttributeError)) clear_error();
  return r;
}
}  // namespace

Value lookup_attr(Value obj, Value name) {
  if (type_of(obj)->getattr == generic_getattr && is_exact_str(name))
    return generic_lookup_attr(obj, name);
  Value r = getattr(obj, name);
  if (!r && error_matches(AttributeError)) clear_error();
  return r;
}

namespace {
int setattr_impl(Value obj, Value name, Value v) {
  if (!is_str(name)) {
    raise(TypeError, "attribute name must be string, not '%s'", type_name(name));
    return -1;
  }
  Type* t = type_of(obj);
  if (t->setattr) return t->setattr(obj, name, v);
  const char* what = v ? "assign to" : "del";
  if (!t->getattr) {
    raise(TypeError, "'%s' object has no attributes (%s .%U)", t->name, what, name);
  } else {
    raise(TypeError, "'%s' object has only read-only attributes (%s .%U)", t->name, what,
          name);
  }
  return -1;
}
}  // namespace

int setattr(Value obj, Value name, Value v) { return setattr_impl(obj, name, v); }
int delattr(Value obj, Value name) { return setattr_impl(obj, name, Value()); }

int hasattr(Value obj, Value name) {
  Value r = lookup_attr(obj, name);
  if (r) {
    decref(r);
    return 1;
  }
  return error_occurred() ? -1 : 0;
}

int get_method(Value obj, Value name, Value* method) {
  Type* t = type_of(obj);
  if (t->getattr != generic_getattr || !is_exact_str(name)) {
    *method = getattr(obj, name);
    return *method ? 0 : -1;
  }
  Value descr = type_lookup(t, name);
  DescrGetFn f = nullptr;
  bool meth_found = false;
  if (descr) {
    Type* dt = type_of(descr);
    if (has_flag(dt, TF_METHOD_DESCRIPTOR)) {
      meth_found = true;
    } else {
      f = dt->descr_get;
      if (f && dt->descr_set) {  // a data descriptor wins over the instance dict
        *method = f(descr, obj, Value::from(t));
        return *method ? 0 : -1;
      }
    }
  }
  if (Value* slot = instance_dict_slot(obj); slot && *slot) {
    Value d = *slot;
    Value attr = dict_get_str(d, name);
    if (attr) {
      *method = newref(attr);
      return 0;
    }
    if (error_occurred()) {
      *method = Value();
      return -1;
    }
  }
  if (meth_found) {
    *method = newref(descr);
    return 1;
  }
  if (f) {
    // The descriptor may be freed by a class change inside descr_get: hold it.
    incref(descr);
    *method = f(descr, obj, Value::from(t));
    decref(descr);
    return *method ? 0 : -1;
  }
  if (descr) {
    *method = newref(descr);
    return 0;
  }
  // Not found: the generic algorithm raises the AttributeError with its exact wording.
  *method = generic_getattr(obj, name);
  return *method ? 0 : -1;
}

// -- Calls -------------------------------------------------------------------------------------------

Value call(Value callable, const Value* args, size_t nargs, Value kwnames) {
  Type* t = type_of(callable);
  if (!t->call) return raise(TypeError, "'%s' object is not callable", t->name);
  return t->call(callable, args, nargs, kwnames);
}

Value call0(Value callable) { return call(callable, nullptr, 0); }
Value call1(Value callable, Value a) { return call(callable, &a, 1); }
Value call2(Value callable, Value a, Value b) {
  Value args[2] = {a, b};
  return call(callable, args, 2);
}

Value call_tuple_dict(Value callable, Value args, Value kwargs) {
  int64_t npos = tuple_size(args);
  int64_t nkw = kwargs ? dict_size(kwargs) : 0;
  if (nkw == 0) return call(callable, tuple_items(args), size_t(npos));
  Value kwnames = tuple_new(nkw);
  if (!kwnames) return Value();
  Value* vec = static_cast<Value*>(mem_alloc(size_t(npos + nkw) * sizeof(Value)));
  if (!vec) {
    decref(kwnames);
    return raise_no_memory();
  }
  for (int64_t i = 0; i < npos; i++) vec[i] = tuple_item(args, i);
  int64_t pos = 0, i = 0;
  Value k, v;
  while (dict_next(kwargs, &pos, &k, &v)) {
    if (!is_str(k)) {
      mem_free(vec);
      // The names filled so far are owned by kwnames; the rest are null.
      decref(kwnames);
      return raise(TypeError, "keywords must be strings");
    }
    tuple_items(kwnames)[i] = newref(k);
    // The values are borrowed from the dict, which the caller keeps alive.
    vec[npos + i] = v;
    i++;
  }
  Value r = call(callable, vec, size_t(npos), kwnames);
  mem_free(vec);
  decref(kwnames);
  return r;
}

Value call_method(Value obj, Value name, const Value* args, size_t nargs) {
  Value meth;
  int unbound = get_method(obj, name, &meth);
  if (unbound < 0) return Value();
  Value r;
  if (unbound) {
    r = call_unbound(meth, obj, args, nargs);
  } else {
    r = call(meth, args, nargs);
  }
  decref(meth);
  return r;
}

Value call_method0(Value obj, Value name) { return call_method(obj, name, nullptr, 0); }
Value call_method1(Value obj, Value name, Value a) { return call_method(obj, name, &a, 1); }

bool is_callable(Value v) { return type_of(v)->call != nullptr; }

// -- Iteration ---------------------------------------------------------------------------------------

Value get_iter(Value v) {
  Type* t = type_of(v);
  if (!t->iter) {
    // The old sequence protocol; a dict-like getitem does not count (PySequence_Check).
    if (t->getitem && !has_flag(t, TF_DICT_SUBCLASS)) return seq_iter_new(v);
    return raise(TypeError, "'%s' object is not iterable", t->name);
  }
  Value r = t->iter(v);
  if (r && !type_of(r)->iternext) {
    raise(TypeError, "iter() returned non-iterator of type '%s'", type_name(r));
    decref(r);
    return Value();
  }
  return r;
}

Value iter_next(Value it) {
  Type* t = type_of(it);
  if (!t->iternext) return raise(TypeError, "'%s' object is not an iterator", t->name);
  Value r = t->iternext(it);
  if (!r && error_matches(StopIteration)) clear_error();
  return r;
}

// -- Numbers -----------------------------------------------------------------------------------------

Value binary_op(Value a, Value b, int op) {
  if (op >= NB_INPLACE_ADD) {
    // An in-place operator: the left operand's in-place slot, then the plain operator.
    BinaryFn islot = type_of(a)->nb[op];
    if (islot) {
      Value r = islot(a, b);
      if (r != NotImplemented()) return r;
    }
    int plain = op - NB_INPLACE_ADD;
    Value r = binary_op1(a, b, plain);
    if (r != NotImplemented()) return r;
    if (plain == NB_POWER) return binop_type_error(a, b, binary_op_text(op));
    return sequence_fallback_error(a, b, op, binary_op_text(op));
  }
  Value r = binary_op1(a, b, op);
  if (r != NotImplemented()) return r;
  if (op == NB_RSHIFT && type_of(a) == &BuiltinFunctionType &&
      std::strcmp(a.as<BuiltinFunctionObject>()->def->name, "print") == 0) {
    return raise(TypeError,
                 "unsupported operand type(s) for %s: '%s' and '%s'. Did you mean "
                 "\"print(<message>, file=<output_stream>)\"?",
                 ">>", type_name(a), type_name(b));
  }
  if (op == NB_ADD || op == NB_MULTIPLY)
    return sequence_fallback_error(a, b, op, binary_op_name(op));
  return binop_type_error(a, b, binary_op_name(op));
}

Value power3(Value a, Value b, Value mod) {
  if (!mod || is_none(mod)) return binary_op(a, b, NB_POWER);
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  Type* tz = type_of(mod);
  TernaryFn slota = ta->nb_power3;
  TernaryFn slotb = nullptr;
  if (tb != ta) {
    slotb = tb->nb_power3;
    if (slotb == slota) slotb = nullptr;
  }
  if (slota) {
    if (slotb && is_subtype(tb, ta)) {
      Value r = slotb(a, b, mod);
      if (r != NotImplemented()) return r;
      slotb = nullptr;
    }
    Value r = slota(a, b, mod);
    if (r != NotImplemented()) return r;
  }
  if (slotb) {
    Value r = slotb(a, b, mod);
    if (r != NotImplemented()) return r;
  }
  TernaryFn slotz = tz->nb_power3;
  if (slotz && slotz != slota && slotz != slotb) {
    Value r = slotz(a, b, mod);
    if (r != NotImplemented()) return r;
  }
  return raise(TypeError, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
               ta->name, tb->name, tz->name);
}

Value negative(Value v) {
  if (v.is_small()) return int_from_i64(-v.small_value());
  UnaryFn f = v.obj()->type->nb_negative;
  if (!f) return raise(TypeError, "bad operand type for unary -: '%s'", type_name(v));
  return f(v);
}

Value positive(Value v) {
  if (v.is_small()) return v;
  UnaryFn f = v.obj()->type->nb_positive;
  if (!f) return raise(TypeError, "bad operand type for unary +: '%s'", type_name(v));
  return f(v);
}

Value invert(Value v) {
  if (v.is_small()) return Value::small(~v.small_value());
  UnaryFn f = v.obj()->type->nb_invert;
  if (!f) return raise(TypeError, "bad operand type for unary ~: '%s'", type_name(v));
  return f(v);
}

Value absolute(Value v) {
  if (v.is_small()) return int_from_i64(v.small_value() < 0 ? -v.small_value() : v.small_value());
  UnaryFn f = v.obj()->type->nb_absolute;
  if (!f) return raise(TypeError, "bad operand type for abs(): '%s'", type_name(v));
  return f(v);
}

namespace {
// An exact int with the value of an int subclass instance (bool included).
Value int_exact_copy(Value v) {
  mpz_t z;
  mpz_init(z);
  int_to_mpz(v, z);
  Value r = int_from_mpz(z);
  mpz_clear(z);
  return r;
}
}  // namespace

Value number_index(Value v) {
  if (is_exact_int(v)) return newref(v);
  if (is_int(v)) return int_exact_copy(v);
  UnaryFn f = type_of(v)->nb_index;
  if (!f) {
    return raise(TypeError, "'%s' object cannot be interpreted as an integer", type_name(v));
  }
  Value r = f(v);
  if (!r || is_exact_int(r)) return r;
  if (!is_int(r)) {
    raise(TypeError, "__index__ returned non-int (type %s)", type_name(r));
    decref(r);
    return Value();
  }
  Value exact = int_exact_copy(r);
  decref(r);
  return exact;
}

int64_t as_ssize(Value v, Type* overflow_exc) {
  if (v.is_small()) return v.small_value();
  Value n = number_index(v);
  if (!n) return -1;
  int64_t out;
  if (int_to_i64(n, &out)) {
    decref(n);
    return out;
  }
  int sign = int_sign(n);
  decref(n);
  if (!overflow_exc) return sign < 0 ? INT64_MIN : INT64_MAX;
  raise(overflow_exc, "cannot fit '%s' into an index-sized integer", type_name(v));
  return -1;
}

// int(v) and float(v) of one argument are the numbers area's constructors (vm/int.h,
// vm/float.h): __int__/__index__/__trunc__ or __float__/__index__, and text.
Value number_int(Value v) {
  if (is_exact_int(v)) return newref(v);
  return int_from_object(v);
}

Value number_float(Value v) {
  if (is_exact_float(v)) return newref(v);
  return float_from_object(v);
}

// -- Items ---------------------------------------------------------------------------------------------

Value getitem(Value container, Value key) {
  Type* t = type_of(container);
  if (t->getitem) return t->getitem(container, key);
  if (is_type(container)) {
    // type[int] is a generic alias; other classes subscript through __class_getitem__
    // (PEP 560), so that str[int] fails.
    if (container == Value::from(&TypeType)) return generic_alias_new(container, key);
    Value meth = lookup_attr(container, STRATA_NAME(__class_getitem__));
    if (meth && is_none(meth)) clear_ref(&meth);
    if (meth) {
      Value r = call1(meth, key);
      decref(meth);
      return r;
    }
    if (error_occurred()) return Value();
    return raise(TypeError, "type '%s' is not subscriptable", container.as<Type>()->name);
  }
  return raise(TypeError, "'%s' object is not subscriptable", t->name);
}

int setitem(Value container, Value key, Value v) {
  Type* t = type_of(container);
  if (t->setitem) return t->setitem(container, key, v);
  raise(TypeError, "'%s' object does not support item assignment", t->name);
  return -1;
}

int delitem(Value container, Value key) {
  Type* t = type_of(container);
  if (t->setitem) return t->setitem(container, key, Value());
  raise(TypeError, "'%s' object doesn't support item deletion", t->name);
  return -1;
}

int64_t length(Value v) {
  Type* t = type_of(v);
  if (t->length) return t->length(v);
  raise(TypeError, "object of type '%s' has no len()", t->name);
  return -1;
}

int contains(Value container, Value item) {
  Type* t = type_of(container);
  if (t->contains) return t->contains(container, item);
  Value it = get_iter(container);
  if (!it) {
    if (error_matches(TypeError)) {
      clear_error();
      raise(TypeError, "argument of type '%s' is not iterable", t->name);
    }
    return -1;
  }
  for (;;) {
    Value x = iter_next(it);
    if (!x) {
      decref(it);
      return error_occurred() ? -1 : 0;
    }
    int c = rich_compare_bool(x, item, CMP_EQ);
    decref(x);
    if (c != 0) {
      decref(it);
      return c;
    }
  }
}

Value sequence_list(Value iterable) {
  if (is_exact_list(iterable)) return list_from(list_items(iterable), list_size(iterable));
  if (is_exact_tuple(iterable)) return list_from(tuple_items(iterable), tuple_size(iterable));
  Value l = list_new(0);
  if (!l) return l;
  if (list_extend(l, iterable) < 0) {
    decref(l);
    return Value();
  }
  return l;
}

Value sequence_tuple(Value iterable) {
  if (is_exact_tuple(iterable)) return newref(iterable);
  if (is_exact_list(iterable)) return list_as_tuple(iterable);
  Value l = sequence_list(iterable);
  if (!l) return l;
  Value t = list_as_tuple(l);
  decref(l);
  return t;
}

// -- isinstance / issubclass ---------------------------------------------------------------------------

namespace {

// types.UnionType (int | str): isinstance/issubclass test its __args__ like a tuple.
bool is_union(Value v) { return !v.is_small() && v.obj()->type == &UnionType; }

// abstract_get_bases: cls.__bases__ if it is a tuple (new reference), else null (an
// exception is set only for errors other than AttributeError).
Value abstract_get_bases(Value cls) {
  Value bases = lookup_attr(cls, STRATA_NAME(__bases__));
  if (bases && !is_tuple(bases)) {
    decref(bases);
    return Value();
  }
  return bases;
}

// derived is cls or derives from it through __bases__ (for class-likes that are not types).
int abstract_issubclass(Value derived, Value cls) {
  Ref held;
  for (;;) {
    if (derived == cls) return 1;
    Value bases = abstract_get_bases(derived);
    if (!bases) return error_occurred() ? -1 : 0;
    int64_t n = tuple_size(bases);
    if (n == 0) {
      decref(bases);
      return 0;
    }
    if (n == 1) {
      // Iterate rather than recurse on the common single-base case.
      Value next = newref(tuple_item(bases, 0));
      decref(bases);
      held.reset(next);
      derived = next;
      continue;
    }
    if (enter_recursive_call(" in __issubclass__")) {
      decref(bases);
      return -1;
    }
    int r = 0;
    for (int64_t i = 0; i < n; i++) {
      r = abstract_issubclass(tuple_item(bases, i), cls);
      if (r != 0) break;
    }
    leave_recursive_call();
    decref(bases);
    return r;
  }
}

int check_class(Value cls, const char* error) {
  Value bases = abstract_get_bases(cls);
  if (!bases) {
    if (!error_occurred()) raise(TypeError, "%s", error);
    return 0;
  }
  decref(bases);
  return 1;
}

int object_isinstance(Value inst, Value cls) {
  if (is_type(cls)) {
    if (is_instance_of(inst, cls.as<Type>())) return 1;
    Value icls = lookup_attr(inst, STRATA_NAME(__class__));
    if (!icls) return error_occurred() ? -1 : 0;
    int r = 0;
    if (icls != Value::from(type_of(inst)) && is_type(icls))
      r = is_subtype(icls.as<Type>(), cls.as<Type>());
    decref(icls);
    return r;
  }
  if (!check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union"))
    return -1;
  Value icls = lookup_attr(inst, STRATA_NAME(__class__));
  if (!icls) return error_occurred() ? -1 : 0;
  int r = abstract_issubclass(icls, cls);
  decref(icls);
  return r;
}

int recursive_issubclass(Value derived, Value cls) {
  if (is_type(cls) && is_type(derived)) return is_subtype(derived.as<Type>(), cls.as<Type>());
  if (!check_class(derived, "issubclass() arg 1 must be a class")) return -1;
  if (!is_union(cls) &&
      !check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
    return -1;
  return abstract_issubclass(derived, cls);
}

// Calls a metaclass's __instancecheck__/__subclasscheck__ (bound) and takes its truth.
int call_check(Value checker, Value arg, const char* where) {
  if (enter_recursive_call(where)) return -1;
  Value r = call1(checker, arg);
  leave_recursive_call();
  if (!r) return -1;
  int ok = is_true(r);
  decref(r);
  return ok;
}

}  // namespace

int isinstance(Value obj, Value cls) {
  if (Value::from(type_of(obj)) == cls) return 1;
  if (!cls.is_small() && cls.obj()->type == &TypeType) return object_isinstance(obj, cls);
  Ref union_args;
  if (is_union(cls)) {
    union_args.reset(getattr(cls, STRATA_NAME(__args__)));
    if (!union_args) return -1;
    cls = *union_args;
  }
  if (is_tuple(cls)) {
    if (enter_recursive_call(" in __instancecheck__")) return -1;
    int r = 0;
    int64_t n = tuple_size(cls);
    for (int64_t i = 0; i < n; i++) {
      r = isinstance(obj, tuple_item(cls, i));
      if (r != 0) break;
    }
    leave_recursive_call();
    return r;
  }
  Value checker = lookup_special_bound(cls, STRATA_NAME(__instancecheck__));
  if (checker) {
    int r = call_check(checker, obj, " in __instancecheck__");
    decref(checker);
    return r;
  }
  if (error_occurred()) return -1;
  return object_isinstance(obj, cls);
}

int issubclass(Value derived, Value cls) {
  if (!cls.is_small() && cls.obj()->type == &TypeType) {
    if (derived == cls) return 1;
    return recursive_issubclass(derived, cls);
  }
  Ref union_args;
  if (is_union(cls)) {
    union_args.reset(getattr(cls, STRATA_NAME(__args__)));
    if (!union_args) return -1;
    cls = *union_args;
  }
  if (is_tuple(cls)) {
    if (enter_recursive_call(" in __subclasscheck__")) return -1;
    int r = 0;
    int64_t n = tuple_size(cls);
    for (int64_t i = 0; i < n; i++) {
      r = issubclass(derived, tuple_item(cls, i));
      if (r != 0) break;
    }
    leave_recursive_call();
    return r;
  }
  Value checker = lookup_special_bound(cls, STRATA_NAME(__subclasscheck__));
  if (checker) {
    int r = call_check(checker, derived, " in __subclasscheck__");
    decref(checker);
    return r;
  }
  if (error_occurred()) return -1;
  return recursive_issubclass(derived, cls);
}

}  // namespace strata
