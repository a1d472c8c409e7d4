// vm/typeobject.cpp — the `type` type and everything about types: readying built-in
// types (MRO, inherited slots, descriptors for their methods/members/getsets and slot
// wrappers for their slots), attribute lookup along the MRO with a method cache keyed by
// version tags (decision 6), class creation (type_new: C3 MRO, metaclasses, best base and
// instance layout, __slots__, __set_name__, __init_subclass__, __classcell__), the slot
// functions through which classes implement operators with dunder methods, and keeping
// those slots up to date when a class attribute changes.
// CPython 3.11's Objects/typeobject.c is the model; the messages are its messages.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"  // designated Type tables

#include "vm/typeobject.h"

#include <cstdio>
#include <vector>

#include "vm/abstract.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/func.h"
#include "vm/gc.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/set.h"
#include "vm/str.h"
#include "vm/tuple.h"

namespace strata {

// A class's type object: the Type plus what only heap types own.
struct HeapType {
  Type type;
  MemberDef* slot_members;  // the __slots__ members (null-terminated), mem_alloc'ed
  char* name_utf8;          // type.name points here (mem_alloc'ed)
};

static HeapType* as_heap(Type* t) { return reinterpret_cast<HeapType*>(t); }

// -- Subtype tests -------------------------------------------------------------------------------

bool is_subtype(Type* a, Type* b) {
  if (a == b) return true;
  Value mro = a->mro;
  if (mro) {
    int64_t n = tuple_size(mro);
    Value* items = tuple_items(mro);
    Value target = Value::from(b);
    for (int64_t i = 0; i < n; ++i)
      if (items[i] == target) return true;
    return false;
  }
  // Not ready yet: the base chain (what CPython does for a type without tp_mro).
  for (Type* t = a->base; t; t = t->base)
    if (t == b) return true;
  return b == &ObjectType;
}

// -- Version tags and the method cache -------------------------------------------------------------

static uint32_t next_version_tag = 1;

uint32_t type_version(Type* type) {
  if (has_flag(type, TF_VALID_VERSION)) return type->version;
  // A valid tag on a type requires valid tags on its bases (type_modified relies on it).
  if (Value mro = type->mro) {
    for (int64_t i = 1; i < tuple_size(mro); ++i)
      if (type_version(tuple_item(mro, i).as<Type>()) == 0) return 0;
  }
  if (next_version_tag == 0) return 0;  // exhausted: no more specialization on types
  type->version = next_version_tag++;
  type->flags |= TF_VALID_VERSION;
  return type->version;
}

namespace {
struct CacheEntry {
  uint32_t version;
  Value name;   // interned str (immortal), compared by identity
  Value value;  // borrowed; valid while `version` is the type's current tag
};
constexpr int kCacheBits = 12;
CacheEntry method_cache[1 << kCacheBits];
}  // namespace

static inline uint32_t cache_index(uint32_t version, Value name) {
  uint64_t h = (uint64_t(version) * 0x9E3779B1u) ^ (name.bits() >> 4);
  return uint32_t(h) & ((1u << kCacheBits) - 1);
}

void type_modified(Type* type) {
  if (!has_flag(type, TF_VALID_VERSION)) return;
  type->flags &= ~uint64_t(TF_VALID_VERSION);
  type->version = 0;
  if (Value subs = type->subclasses) {
    int64_t pos = 0;
    Value key, value;
    while (dict_next(subs, &pos, &key, &value)) {
      int64_t addr = 0;
      if (int_to_i64(value, &addr)) type_modified(reinterpret_cast<Type*>(addr));
    }
  }
}

static Value find_name_in_mro(Type* type, Value name) {
  bool exact = is_exact_str(name);
  if (Value mro = type->mro) {
    int64_t n = tuple_size(mro);
    for (int64_t i = 0; i < n; ++i) {
      Value d = tuple_item(mro, i).as<Type>()->dict;
      if (!d) continue;
      Value v = exact ? dict_get_str(d, name) : dict_get(d, name);
      if (v) return v;
      if (error_occurred()) clear_error();
    }
    return Value();
  }
  for (Type* t = type; t; t = t->base) {
    if (!t->dict) continue;
    Value v = exact ? dict_get_str(t->dict, name) : dict_get(t->dict, name);
    if (v) return v;
    if (error_occurred()) clear_error();
  }
  return Value();
}

Value type_lookup(Type* type, Value name) {
  bool cacheable = is_exact_str(name) && name.as<StrObject>()->interned;
  if (cacheable && has_flag(type, TF_VALID_VERSION)) {
    CacheEntry& e = method_cache[cache_index(type->version, name)];
    if (e.version == type->version && e.name == name) return e.value;
  }
  Value v = find_name_in_mro(type, name);
  if (cacheable) {
    uint32_t version = type_version(type);
    if (version != 0) {
      CacheEntry& e = method_cache[cache_index(version, name)];
      e.version = version;
      e.name = name;
      e.value = v;
    }
  }
  return v;
}

// -- Calling dunder methods from slots ----------------------------------------------------------

// Calls type(self).<name>(self, *args) as CPython's vectorcall_method does. *missing is
// set (and null returned without an exception) when the type has no such attribute.
static Value call_special(Value self, Value name, const Value* args, size_t nargs,
                          Value kwnames, bool* missing) {
  Type* tp = type_of(self);
  Value f = type_lookup(tp, name);
  if (!f) {
    if (missing) {
      *missing = true;
      return Value();
    }
    return raise_value(AttributeError, name);  // CPython's lookup_method: just the name
  }
  if (missing) *missing = false;
  Ref hold(newref(f));
  Type* ft = type_of(f);
  size_t nkw = kwnames ? size_t(tuple_size(kwnames)) : 0;
  if (has_flag(ft, TF_METHOD_DESCRIPTOR)) {
    // Unbound call with self first: no bound-method object.
    Value small[8];
    std::vector<Value> big;
    Value* stack = small;
    if (nargs + nkw + 1 > 8) {
      big.resize(nargs + nkw + 1);
      stack = big.data();
    }
    stack[0] = self;
    for (size_t i = 0; i < nargs + nkw; ++i) stack[i + 1] = args[i];
    return call(f, stack, nargs + 1, kwnames);
  }
  if (ft->descr_get) {
    Ref bound(ft->descr_get(f, self, Value::from(tp)));
    if (!bound) return Value();
    return call(*bound, args, nargs, kwnames);
  }
  return call(f, args, nargs, kwnames);
}

static Value call_special0(Value self, Value name, bool* missing = nullptr) {
  return call_special(self, name, nullptr, 0, Value(), missing);
}
static Value call_special1(Value self, Value name, Value a, bool* missing = nullptr) {
  return call_special(self, name, &a, 1, Value(), missing);
}
static Value call_special2(Value self, Value name, Value a, Value b,
                           bool* missing = nullptr) {
  Value args[2] = {a, b};
  return call_special(self, name, args, 2, Value(), missing);
}

// -- The slot table ------------------------------------------------------------------------------

// How a slot wrapper calls its slot with the Python-level arguments of the dunder method.
enum WrapKind : uint8_t {
  W_NONE,  // no wrapper (the row only says which generic slot function a dunder needs)
  W_UNARY, W_INQUIRY, W_LEN, W_HASH, W_BINARY, W_BINARY_R, W_POW, W_POW_R, W_RICHCMP,
  W_GETATTR, W_SETATTR, W_DELATTR, W_CALL, W_NEXT, W_DESCR_GET, W_DESCR_SET, W_DESCR_DELETE,
  W_INIT, W_SETITEM, W_DELITEM, W_CONTAINS, W_DEL,
};

struct SlotDef {
  const char* name;
  uint16_t offset;  // of the slot's field in Type
  uint8_t wrap;     // WrapKind
  int8_t op;        // CompareOp for W_RICHCMP
  void* generic;    // the slot_* function classes get when they define the dunder
  Value name_obj;   // interned name (set by init_slotdefs)
};

#define SLOT_OFF(field) uint16_t(offsetof(Type, field))

static void** slot_ptr(Type* t, const SlotDef& s) {
  return reinterpret_cast<void**>(reinterpret_cast<char*>(t) + s.offset);
}

// Generic slot functions (defined below; declared here for the table).
static Value slot_tp_repr(Value);
static Value slot_tp_str(Value);
static int64_t slot_tp_hash(Value);
static Value slot_tp_richcompare(Value, Value, int);
static Value slot_tp_getattr_hook(Value, Value);
static int slot_tp_setattro(Value, Value, Value);
static Value slot_tp_call(Value, const Value*, size_t, Value);
static Value slot_tp_iter(Value);
static Value slot_tp_iternext(Value);
static Value slot_tp_descr_get(Value, Value, Value);
static int slot_tp_descr_set(Value, Value, Value);
static int slot_tp_init(Value, const Value*, size_t, Value);
static Value slot_tp_new(Type*, const Value*, size_t, Value);
static void slot_tp_finalize(Object*);
static Value slot_nb_power3(Value, Value, Value);
static Value slot_nb_negative(Value);
static Value slot_nb_positive(Value);
static Value slot_nb_absolute(Value);
static Value slot_nb_invert(Value);
static int slot_nb_bool(Value);
static Value slot_nb_index(Value);
static Value slot_nb_int(Value);
static Value slot_nb_float(Value);
static int64_t slot_sq_length(Value);
static Value slot_mp_subscript(Value, Value);
static int slot_mp_ass_subscript(Value, Value, Value);
static int slot_sq_contains(Value, Value);
template <int OP> Value slot_nb_binary(Value, Value);
template <int OP> Value slot_nb_inplace(Value, Value);

static const char* const kBinaryNames[13][2] = {
    {"__add__", "__radd__"},           {"__and__", "__rand__"},
    {"__floordiv__", "__rfloordiv__"}, {"__lshift__", "__rlshift__"},
    {"__matmul__", "__rmatmul__"},     {"__mul__", "__rmul__"},
    {"__mod__", "__rmod__"},           {"__or__", "__ror__"},
    {"__pow__", "__rpow__"},           {"__rshift__", "__rrshift__"},
    {"__sub__", "__rsub__"},           {"__truediv__", "__rtruediv__"},
    {"__xor__", "__rxor__"},
};
static const char* const kInplaceNames[13] = {
    "__iadd__", "__iand__", "__ifloordiv__", "__ilshift__", "__imatmul__",
    "__imul__", "__imod__", "__ior__",       "__ipow__",    "__irshift__",
    "__isub__", "__itruediv__", "__ixor__",
};
static const char* const kCompareNames[6] = {"__lt__", "__le__", "__eq__",
                                             "__ne__", "__gt__", "__ge__"};

#define NB_ROWS(OP)                                                                     \
  {kBinaryNames[OP][0], SLOT_OFF(nb[OP]), OP == NB_POWER ? W_POW : W_BINARY, 0,          \
   reinterpret_cast<void*>(slot_nb_binary<OP>), Value()},                                \
  {kBinaryNames[OP][1], SLOT_OFF(nb[OP]), OP == NB_POWER ? W_POW_R : W_BINARY_R, 0,      \
   reinterpret_cast<void*>(slot_nb_binary<OP>), Value()},
#define NB_INPLACE_ROW(OP)                                                               \
  {kInplaceNames[OP], SLOT_OFF(nb[OP + 13]), W_BINARY, 0,                                \
   reinterpret_cast<void*>(slot_nb_inplace<OP + 13>), Value()},
#define CMP_ROW(OP)                                                                      \
  {kCompareNames[OP], SLOT_OFF(richcompare), W_RICHCMP, OP,                              \
   reinterpret_cast<void*>(slot_tp_richcompare), Value()},
#define ROW(name, field, wrap, fn) \
  {name, SLOT_OFF(field), wrap, 0, reinterpret_cast<void*>(fn), Value()},

static SlotDef slotdefs[] = {
    ROW("__getattribute__", getattr, W_GETATTR, slot_tp_getattr_hook)
    ROW("__getattr__", getattr, W_NONE, slot_tp_getattr_hook)
    ROW("__setattr__", setattr, W_SETATTR, slot_tp_setattro)
    ROW("__delattr__", setattr, W_DELATTR, slot_tp_setattro)
    ROW("__repr__", repr, W_UNARY, slot_tp_repr)
    ROW("__hash__", hash, W_HASH, slot_tp_hash)
    ROW("__call__", call, W_CALL, slot_tp_call)
    ROW("__str__", str, W_UNARY, slot_tp_str)
    CMP_ROW(CMP_LT) CMP_ROW(CMP_LE) CMP_ROW(CMP_EQ) CMP_ROW(CMP_NE) CMP_ROW(CMP_GT)
    CMP_ROW(CMP_GE)
    ROW("__iter__", iter, W_UNARY, slot_tp_iter)
    ROW("__next__", iternext, W_NEXT, slot_tp_iternext)
    ROW("__get__", descr_get, W_DESCR_GET, slot_tp_descr_get)
    ROW("__set__", descr_set, W_DESCR_SET, slot_tp_descr_set)
    ROW("__delete__", descr_set, W_DESCR_DELETE, slot_tp_descr_set)
    ROW("__init__", init, W_INIT, slot_tp_init)
    ROW("__new__", new_, W_NONE, slot_tp_new)
    ROW("__del__", finalize, W_DEL, slot_tp_finalize)
    NB_ROWS(NB_ADD) NB_ROWS(NB_SUBTRACT) NB_ROWS(NB_MULTIPLY) NB_ROWS(NB_REMAINDER)
    NB_ROWS(NB_POWER)
    ROW("__pow__", nb_power3, W_NONE, slot_nb_power3)
    ROW("__neg__", nb_negative, W_UNARY, slot_nb_negative)
    ROW("__pos__", nb_positive, W_UNARY, slot_nb_positive)
    ROW("__abs__", nb_absolute, W_UNARY, slot_nb_absolute)
    ROW("__bool__", nb_bool, W_INQUIRY, slot_nb_bool)
    ROW("__invert__", nb_invert, W_UNARY, slot_nb_invert)
    NB_ROWS(NB_LSHIFT) NB_ROWS(NB_RSHIFT) NB_ROWS(NB_AND) NB_ROWS(NB_XOR) NB_ROWS(NB_OR)
    ROW("__int__", nb_int, W_UNARY, slot_nb_int)
    ROW("__float__", nb_float, W_UNARY, slot_nb_float)
    NB_INPLACE_ROW(NB_ADD) NB_INPLACE_ROW(NB_SUBTRACT) NB_INPLACE_ROW(NB_MULTIPLY)
    NB_INPLACE_ROW(NB_REMAINDER) NB_INPLACE_ROW(NB_POWER) NB_INPLACE_ROW(NB_LSHIFT)
    NB_INPLACE_ROW(NB_RSHIFT) NB_INPLACE_ROW(NB_AND) NB_INPLACE_ROW(NB_XOR)
    NB_INPLACE_ROW(NB_OR)
    NB_ROWS(NB_FLOOR_DIVIDE) NB_ROWS(NB_TRUE_DIVIDE)
    NB_INPLACE_ROW(NB_FLOOR_DIVIDE) NB_INPLACE_ROW(NB_TRUE_DIVIDE)
    ROW("__index__", nb_index, W_UNARY, slot_nb_index)
    NB_ROWS(NB_MATRIX_MULTIPLY) NB_INPLACE_ROW(NB_MATRIX_MULTIPLY)
    ROW("__len__", length, W_LEN, slot_sq_length)
    ROW("__getitem__", getitem, W_BINARY, slot_mp_subscript)
    ROW("__setitem__", setitem, W_SETITEM, slot_mp_ass_subscript)
    ROW("__delitem__", setitem, W_DELITEM, slot_mp_ass_subscript)
    ROW("__contains__", contains, W_CONTAINS, slot_sq_contains)
};
constexpr size_t kNumSlotDefs = sizeof(slotdefs) / sizeof(slotdefs[0]);

static void init_slotdefs() {
  if (slotdefs[0].name_obj) return;
  for (SlotDef& s : slotdefs) s.name_obj = intern(s.name);
}

// The rows for a dunder name (a name can appear in two rows: __pow__).
static bool is_dunder(Value name) {
  if (!is_str(name)) return false;
  int64_t n = str_length(name);
  return n > 4 && str_char(name, 0) == '_' && str_char(name, 1) == '_' &&
         str_char(name, n - 1) == '_' && str_char(name, n - 2) == '_';
}

// -- Generic slot functions (classes that define dunder methods) ----------------------------

static Value slot_tp_repr(Value self) {
  bool missing;
  Value r = call_special0(self, STRATA_NAME(__repr__), &missing);
  if (missing) return object_repr(self);
  return r;
}

static Value slot_tp_str(Value self) { return call_special0(self, STRATA_NAME(__str__)); }

static int64_t slot_tp_hash(Value self) {
  Value f = type_lookup(type_of(self), STRATA_NAME(__hash__));
  if (!f || is_none(f)) return hash_not_implemented(self);
  Ref r(call_special0(self, STRATA_NAME(__hash__)));
  if (!r) return -1;
  if (!is_int(*r)) {
    raise(TypeError, "__hash__ method should return an integer");
    return -1;
  }
  // A big result is reduced as hash(int) does, so hash(x) == hash(x.__hash__()).
  int64_t h;
  if (!int_to_i64(*r, &h)) h = int_hash(*r);
  return h == -1 ? -2 : h;
}

static Value slot_tp_richcompare(Value self, Value other, int op) {
  static Value names[6];
  if (!names[0])
    for (int i = 0; i < 6; ++i) names[i] = intern(kCompareNames[i]);
  bool missing;
  Value r = call_special1(self, names[op], other, &missing);
  if (missing) return newref(NotImplemented());
  return r;
}

static Value slot_tp_getattr_hook(Value self, Value name) {
  Type* tp = type_of(self);
  Value getattribute = type_lookup(tp, STRATA_NAME(__getattribute__));
  Value getattr_f = type_lookup(tp, STRATA_NAME(__getattr__));
  Ref hold_ga(xnewref(getattr_f));
  Value res;
  if (getattribute && type_of(getattribute) == &WrapperDescrType &&
      getattribute.as<WrapperDescrObject>()->slot->wrap == W_GETATTR) {
    // A built-in __getattribute__ (object's, type's): call the C function directly.
    auto fn = reinterpret_cast<GetAttrFn>(getattribute.as<WrapperDescrObject>()->wrapped);
    res = fn(self, name);
  } else if (getattribute) {
    res = call_special1(self, STRATA_NAME(__getattribute__), name);
  } else {
    res = generic_getattr(self, name);
  }
  if (res || !getattr_f || !error_matches(AttributeError)) return res;
  clear_error();
  return call_special1(self, STRATA_NAME(__getattr__), name);
}

static int slot_tp_setattro(Value self, Value name, Value v) {
  Value r = v ? call_special2(self, STRATA_NAME(__setattr__), name, v)
              : call_special1(self, STRATA_NAME(__delattr__), name);
  if (!r) return -1;
  decref(r);
  return 0;
}

static Value slot_tp_call(Value self, const Value* args, size_t nargs, Value kwnames) {
  bool missing;
  Value r = call_special(self, STRATA_NAME(__call__), args, nargs, kwnames, &missing);
  if (missing) return raise(TypeError, "'%s' object is not callable", type_of(self)->name);
  return r;
}

static Value slot_tp_iter(Value self) {
  Value f = type_lookup(type_of(self), STRATA_NAME(__iter__));
  if (!f || is_none(f)) return raise(TypeError, "'%s' object is not iterable", type_of(self)->name);
  return call_special0(self, STRATA_NAME(__iter__));
}

// The end of iteration is "null without an exception" (vm/object.h's IterNextFn), so a
// StopIteration raised by __next__ is swallowed here.
static Value slot_tp_iternext(Value self) {
  Value r = call_special0(self, STRATA_NAME(__next__));
  if (!r && error_matches(StopIteration)) clear_error();
  return r;
}

static Value slot_tp_descr_get(Value self, Value obj, Value type) {
  Value f = type_lookup(type_of(self), STRATA_NAME(__get__));
  if (!f) return newref(self);
  return call_special2(self, STRATA_NAME(__get__), obj ? obj : None(), type ? type : None());
}

static int slot_tp_descr_set(Value self, Value obj, Value v) {
  Value r = v ? call_special2(self, STRATA_NAME(__set__), obj, v)
              : call_special1(self, STRATA_NAME(__delete__), obj);
  if (!r) return -1;
  decref(r);
  return 0;
}

static int slot_tp_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value r = call_special(self, STRATA_NAME(__init__), args, nargs, kwnames, nullptr);
  if (!r) return -1;
  if (!is_none(r)) {
    raise(TypeError, "__init__() should return None, not '%s'", type_of(r)->name);
    decref(r);
    return -1;
  }
  return 0;
}

static Value slot_tp_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  // type.__new__ is a staticmethod: getattr gives the plain function; call it with the
  // class first.
  Ref f(getattr(Value::from(type), STRATA_NAME(__new__)));
  if (!f) return Value();
  size_t nkw = kwnames ? size_t(tuple_size(kwnames)) : 0;
  std::vector<Value> stack(nargs + nkw + 1);
  stack[0] = Value::from(type);
  for (size_t i = 0; i < nargs + nkw; ++i) stack[i + 1] = args[i];
  return call(*f, stack.data(), nargs + 1, kwnames);
}

static void slot_tp_finalize(Object* o) {
  Value self = Value::from(o);
  // __del__ runs with the current exception saved: it must not clobber one in flight.
  Value saved = fetch_error();
  Value del = type_lookup(o->type, STRATA_NAME(__del__));
  if (del) {
    Ref hold(newref(del));
    Value r = call_special0(self, STRATA_NAME(__del__));
    if (!r) {
      write_unraisable(del);
    } else {
      decref(r);
    }
  }
  restore_error(saved);
}

// SLOT1BINFULL: a binary slot of a class, called as slot(a, b) for the left operand's
// type and again as slot(a, b) for the right operand's type. A right operand whose type
// is a subclass that overrides the reflected method is tried first.
template <int OP>
Value slot_nb_binary(Value self, Value other) {
  static Value name, rname;
  if (!name) {
    name = intern(kBinaryNames[OP][0]);
    rname = intern(kBinaryNames[OP][1]);
  }
  BinaryFn me = slot_nb_binary<OP>;
  Type* st = type_of(self);
  Type* ot = type_of(other);
  bool do_other = st != ot && ot->nb[OP] == me;
  if (st->nb[OP] == me) {
    if (do_other && is_subtype(ot, st)) {
      // method_is_overloaded: the subclass's reflected method differs from ours.
      Value a = type_lookup(ot, rname);
      Value b = type_lookup(st, rname);
      if (a && a != b) {
        bool missing;
        Value r = call_special1(other, rname, self, &missing);
        if (missing) r = newref(NotImplemented());
        if (!r || r != NotImplemented()) return r;
        decref(r);
        do_other = false;
      }
    }
    bool missing;
    Value r = call_special1(self, name, other, &missing);
    if (missing) r = newref(NotImplemented());
    if (!r || r != NotImplemented() || ot == st) return r;
    decref(r);
  }
  if (do_other) {
    bool missing;
    Value r = call_special1(other, rname, self, &missing);
    if (missing) return newref(NotImplemented());
    return r;
  }
  return newref(NotImplemented());
}

template <int OP>
Value slot_nb_inplace(Value self, Value other) {
  static Value name;
  if (!name) name = intern(kInplaceNames[OP - 13]);
  bool missing;
  Value r = call_special1(self, name, other, &missing);
  if (missing) return newref(NotImplemented());
  return r;
}

// Three-argument pow() never uses __rpow__; the slot may be reached through the other
// operands' types, so it checks that self's type is the one with __pow__.
static Value slot_nb_power3(Value self, Value other, Value mod) {
  if (type_of(self)->nb_power3 != slot_nb_power3) return newref(NotImplemented());
  Value args[2] = {other, mod};
  bool missing;
  Value r = call_special(self, STRATA_NAME(__pow__), args, 2, Value(), &missing);
  if (missing) return newref(NotImplemented());
  return r;
}

static Value slot_nb_negative(Value self) { return call_special0(self, STRATA_NAME(__neg__)); }
static Value slot_nb_positive(Value self) { return call_special0(self, STRATA_NAME(__pos__)); }
static Value slot_nb_absolute(Value self) { return call_special0(self, STRATA_NAME(__abs__)); }
static Value slot_nb_invert(Value self) { return call_special0(self, STRATA_NAME(__invert__)); }
static Value slot_nb_index(Value self) { return call_special0(self, STRATA_NAME(__index__)); }
static Value slot_nb_int(Value self) { return call_special0(self, STRATA_NAME(__int__)); }
static Value slot_nb_float(Value self) { return call_special0(self, STRATA_NAME(__float__)); }

static int64_t slot_sq_length(Value self) {
  Ref r(call_special0(self, STRATA_NAME(__len__)));
  if (!r) return -1;
  int64_t n = as_ssize(*r, OverflowError);
  if (n == -1 && error_occurred()) return -1;
  if (n < 0) {
    raise(ValueError, "__len__() should return >= 0");
    return -1;
  }
  return n;
}

static int slot_nb_bool(Value self) {
  bool missing;
  Ref r(call_special0(self, STRATA_NAME(__bool__), &missing));
  if (missing) {
    // No __bool__ (it was deleted): __len__, else true.
    if (!type_lookup(type_of(self), STRATA_NAME(__len__))) return 1;
    int64_t n = slot_sq_length(self);
    return n < 0 ? -1 : n > 0;
  }
  if (!r) return -1;
  if (*r == True()) return 1;
  if (*r == False()) return 0;
  raise(TypeError, "__bool__ should return bool, returned %s", type_of(*r)->name);
  return -1;
}

static Value slot_mp_subscript(Value self, Value key) {
  return call_special1(self, STRATA_NAME(__getitem__), key);
}

static int slot_mp_ass_subscript(Value self, Value key, Value v) {
  Value r = v ? call_special2(self, STRATA_NAME(__setitem__), key, v)
              : call_special1(self, STRATA_NAME(__delitem__), key);
  if (!r) return -1;
  decref(r);
  return 0;
}

static int slot_sq_contains(Value self, Value item) {
  Value f = type_lookup(type_of(self), STRATA_NAME(__contains__));
  if (f && is_none(f)) {
    raise(TypeError, "'%s' object is not a container", type_of(self)->name);
    return -1;
  }
  if (!f) {
    // Deleted __contains__: search by iteration.
    return for_each(self, [&](Value x) -> int {
      int eq = rich_compare_bool(x, item, CMP_EQ);
      return eq;  // 1 stops with "found", -1 with an error
    });
  }
  Ref r(call_special1(self, STRATA_NAME(__contains__), item));
  if (!r) return -1;
  return is_true(*r);
}

// -- Slot wrappers: calling a slot as a Python method ---------------------------------------

static int check_num_args(size_t nargs, size_t n) {
  if (nargs == n) return 0;
  raise(TypeError, "expected %zu argument%s, got %zu", n, n == 1 ? "" : "s", nargs);
  return -1;
}
// PyArg_UnpackTuple with an empty name (hence the leading space in CPython's message).
static int unpack_args(size_t nargs, size_t min, size_t max) {
  if (nargs < min) {
    raise(TypeError, " expected %s%zu argument%s, got %zu", min == max ? "" : "at least ", min,
          min == 1 ? "" : "s", nargs);
    return -1;
  }
  if (nargs > max) {
    raise(TypeError, " expected %s%zu argument%s, got %zu", min == max ? "" : "at most ", max,
          max == 1 ? "" : "s", nargs);
    return -1;
  }
  return 0;
}

static Value none_or_error(int r) { return r < 0 ? Value() : newref(None()); }

// object.__setattr__(cls, ...) must not bypass type's own setattr (which keeps the
// method cache and the slots right): a call that jumps over a built-in override is
// refused, as CPython's hackcheck does.
static bool setattr_hackcheck(Value self, SetAttrFn func, const char* what) {
  Type* type = type_of(self);
  Value mro = type->mro;
  Type* defining = type;
  if (mro) {
    for (int64_t i = tuple_size(mro) - 1; i >= 0; --i) {
      Type* b = tuple_item(mro, i).as<Type>();
      if (b->setattr != slot_tp_setattro && b->setattr == type->setattr) {
        defining = b;
        break;
      }
    }
  }
  for (Type* b = defining; b; b = b->base) {
    if (b->setattr == func) break;
    if (b->setattr != slot_tp_setattro) {
      raise(TypeError, "can't apply this %s to %s object", what, type->name);
      return false;
    }
  }
  return true;
}

Value slot_wrapper_call(const SlotDef* slot, Type* type, void* wrapped, Value self,
                        const Value* args, size_t nargs, Value kwnames) {
  int kind = slot->wrap;
  if (kwnames && tuple_size(kwnames) > 0 && kind != W_CALL && kind != W_INIT) {
    return raise(TypeError, "wrapper %s() takes no keyword arguments", slot->name);
  }
  switch (kind) {
    case W_UNARY:
      if (check_num_args(nargs, 0) < 0) return Value();
      return reinterpret_cast<UnaryFn>(wrapped)(self);
    case W_INQUIRY: {
      if (check_num_args(nargs, 0) < 0) return Value();
      int r = reinterpret_cast<InquiryFn>(wrapped)(self);
      return r < 0 ? Value() : newref(Bool(r));
    }
    case W_LEN: {
      if (check_num_args(nargs, 0) < 0) return Value();
      int64_t n = reinterpret_cast<LenFn>(wrapped)(self);
      return n < 0 ? Value() : int_from_i64(n);
    }
    case W_HASH: {
      if (check_num_args(nargs, 0) < 0) return Value();
      int64_t h = reinterpret_cast<HashFn>(wrapped)(self);
      return h == -1 ? Value() : int_from_i64(h);
    }
    case W_BINARY:
    case W_GETATTR:
      if (check_num_args(nargs, 1) < 0) return Value();
      return reinterpret_cast<BinaryFn>(wrapped)(self, args[0]);
    case W_BINARY_R:
      if (check_num_args(nargs, 1) < 0) return Value();
      return reinterpret_cast<BinaryFn>(wrapped)(args[0], self);
    case W_POW:
    case W_POW_R: {
      if (unpack_args(nargs, 1, 2) < 0) return Value();
      Value a = kind == W_POW ? self : args[0];
      Value b = kind == W_POW ? args[0] : self;
      if (nargs == 1 || is_none(args[1]))
        return reinterpret_cast<BinaryFn>(wrapped)(a, b);
      // Three-argument pow through the same type's ternary slot.
      if (!type->nb_power3) return newref(NotImplemented());
      return type->nb_power3(a, b, args[1]);
    }
    case W_RICHCMP:
      if (check_num_args(nargs, 1) < 0) return Value();
      return reinterpret_cast<RichCompareFn>(wrapped)(self, args[0], slot->op);
    case W_SETATTR:
      if (unpack_args(nargs, 2, 2) < 0) return Value();
      if (!setattr_hackcheck(self, reinterpret_cast<SetAttrFn>(wrapped), "__setattr__"))
        return Value();
      return none_or_error(reinterpret_cast<SetAttrFn>(wrapped)(self, args[0], args[1]));
    case W_DELATTR:
      if (check_num_args(nargs, 1) < 0) return Value();
      if (!setattr_hackcheck(self, reinterpret_cast<SetAttrFn>(wrapped), "__delattr__"))
        return Value();
      return none_or_error(reinterpret_cast<SetAttrFn>(wrapped)(self, args[0], Value()));
    case W_CALL:
      return reinterpret_cast<CallFn>(wrapped)(self, args, nargs, kwnames);
    case W_NEXT: {
      if (check_num_args(nargs, 0) < 0) return Value();
      Value r = reinterpret_cast<IterNextFn>(wrapped)(self);
      if (!r && !error_occurred()) raise_object(Value::from(StopIteration));
      return r;
    }
    case W_DESCR_GET: {
      if (unpack_args(nargs, 1, 2) < 0) return Value();
      Value obj = is_none(args[0]) ? Value() : args[0];
      Value tp = nargs == 2 && !is_none(args[1]) ? args[1] : Value();
      if (!obj && !tp) return raise(TypeError, "__get__(None, None) is invalid");
      return reinterpret_cast<DescrGetFn>(wrapped)(self, obj, tp);
    }
    case W_DESCR_SET:
      if (unpack_args(nargs, 2, 2) < 0) return Value();
      return none_or_error(reinterpret_cast<DescrSetFn>(wrapped)(self, args[0], args[1]));
    case W_DESCR_DELETE:
      if (check_num_args(nargs, 1) < 0) return Value();
      return none_or_error(reinterpret_cast<DescrSetFn>(wrapped)(self, args[0], Value()));
    case W_INIT:
      return none_or_error(reinterpret_cast<InitFn>(wrapped)(self, args, nargs, kwnames));
    case W_SETITEM:
      if (unpack_args(nargs, 2, 2) < 0) return Value();
      return none_or_error(reinterpret_cast<SetItemFn>(wrapped)(self, args[0], args[1]));
    case W_DELITEM:
      if (check_num_args(nargs, 1) < 0) return Value();
      return none_or_error(reinterpret_cast<SetItemFn>(wrapped)(self, args[0], Value()));
    case W_CONTAINS: {
      if (check_num_args(nargs, 1) < 0) return Value();
      int r = reinterpret_cast<ContainsFn>(wrapped)(self, args[0]);
      return r < 0 ? Value() : newref(Bool(r));
    }
    case W_DEL:
      if (check_num_args(nargs, 0) < 0) return Value();
      reinterpret_cast<FinalizeFn>(wrapped)(self.obj());
      return error_occurred() ? Value() : newref(None());
  }
  return raise(SystemError, "bad slot wrapper");
}

// `T.__new__`: a built-in method bound to T that checks its first argument.
static Value tp_new_wrapper(Value self, const Value* args, size_t nargs, Value kwnames) {
  Type* type = self.as<Type>();
  if (nargs < 1) return raise(TypeError, "%s.__new__(): not enough arguments", type->name);
  Value arg0 = args[0];
  if (!is_type(arg0)) {
    return raise(TypeError, "%s.__new__(X): X is not a type object (%s)", type->name,
                 type_of(arg0)->name);
  }
  Type* subtype = arg0.as<Type>();
  if (!is_subtype(subtype, type)) {
    return raise(TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->name,
                 subtype->name, subtype->name, type->name);
  }
  // object.__new__(dict) would make a dict without a dict's fields.
  Type* staticbase = subtype;
  while (staticbase && staticbase->new_ == slot_tp_new) staticbase = staticbase->base;
  if (staticbase && staticbase->new_ != type->new_) {
    return raise(TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", type->name,
                 subtype->name, staticbase->name);
  }
  return type->new_(subtype, args + 1, nargs - 1, kwnames);
}
static const MethodDef tp_new_def = {
    "__new__", tp_new_wrapper, METH_FASTCALL | METH_KEYWORDS,
    "Create and return a new object.  See help(type) for accurate signature."};

// -- Keeping a class's slots in line with its dunder methods --------------------------------

// CPython's update_one_slot: the slot at `offset` gets the C function of a built-in base
// when the dunders found along the MRO are that base's own slot wrappers, the generic
// slot_* function when any of them is a Python-level attribute, and null when none exists.
static void update_one_slot(Type* type, uint16_t offset) {
  void* specific = nullptr;
  void* generic = nullptr;
  bool use_generic = false;
  bool any = false;
  for (const SlotDef& s : slotdefs) {
    if (s.offset != offset) continue;
    Value descr = type_lookup(type, s.name_obj);
    if (!descr) continue;
    any = true;
    Type* dt = type_of(descr);
    if (dt == &WrapperDescrType) {
      auto* wd = descr.as<WrapperDescrObject>();
      void* fn = nullptr;
      if (wd->slot->offset == offset && std::strcmp(wd->slot->name, s.name) == 0) {
        fn = wd->wrapped;
      } else if (offset == SLOT_OFF(nb_power3) && wd->slot->wrap == W_POW) {
        fn = reinterpret_cast<void*>(wd->type->nb_power3);  // 3-arg pow of a built-in base
      }
      if (fn && is_subtype(type, wd->type) && (!specific || specific == fn)) {
        specific = fn;
      } else {
        use_generic = true;
        generic = s.generic;
      }
    } else if (dt == &BuiltinFunctionType && offset == SLOT_OFF(new_) &&
               descr.as<BuiltinFunctionObject>()->def == &tp_new_def) {
      // A built-in __new__: the new_ of the type that defines it.
      Value owner = descr.as<BuiltinFunctionObject>()->self;
      specific = is_type(owner) ? reinterpret_cast<void*>(owner.as<Type>()->new_) : nullptr;
    } else if (is_none(descr) && offset == SLOT_OFF(hash)) {
      specific = reinterpret_cast<void*>(hash_not_implemented);
    } else {
      use_generic = true;
      generic = s.generic;
    }
  }
  void** p = reinterpret_cast<void**>(reinterpret_cast<char*>(type) + offset);
  if (!any) {
    *p = nullptr;
    // A class must stay constructible and stay an object even with the dunders deleted.
    if (offset == SLOT_OFF(getattr)) *p = reinterpret_cast<void*>(generic_getattr);
    if (offset == SLOT_OFF(setattr)) *p = reinterpret_cast<void*>(generic_setattr);
    return;
  }
  *p = (specific && !use_generic) ? specific : generic;
}

static void fixup_slot_dispatchers(Type* type) {
  for (size_t i = 0; i < kNumSlotDefs; ++i) {
    // Each slot once: the first row with its offset.
    bool first = true;
    for (size_t j = 0; j < i; ++j)
      if (slotdefs[j].offset == slotdefs[i].offset) first = false;
    if (first) update_one_slot(type, slotdefs[i].offset);
  }
  if (type->finalize) type->flags |= TF_HAS_FINALIZER;
  else type->flags &= ~uint64_t(TF_HAS_FINALIZER);
}

// A dunder attribute of a class changed: recompute its slots here and in subclasses.
static void update_slots_for_name(Type* type, Value name) {
  bool found = false;
  for (const SlotDef& s : slotdefs) {
    if (!str_equal(s.name_obj, name)) continue;
    found = true;
    update_one_slot(type, s.offset);
    if (s.offset == SLOT_OFF(nb[NB_POWER])) update_one_slot(type, SLOT_OFF(nb_power3));
    if (s.offset == SLOT_OFF(finalize)) {
      if (type->finalize) type->flags |= TF_HAS_FINALIZER;
      else type->flags &= ~uint64_t(TF_HAS_FINALIZER);
    }
  }
  if (!found) return;
  if (Value subs = type->subclasses) {
    int64_t pos = 0;
    Value key, value;
    while (dict_next(subs, &pos, &key, &value)) {
      int64_t addr = 0;
      if (int_to_i64(value, &addr)) update_slots_for_name(reinterpret_cast<Type*>(addr), name);
    }
  }
}

// -- MRO -----------------------------------------------------------------------------------

static bool tail_contains(const std::vector<Value>& seq, size_t from, Value v) {
  for (size_t i = from + 1; i < seq.size(); ++i)
    if (seq[i] == v) return true;
  return false;
}

// "Cannot create a consistent method resolution order (MRO) for bases A, B": the heads
// that remain, each once.
static void set_mro_error(const std::vector<std::vector<Value>>& seqs,
                          const std::vector<size_t>& pos) {
  std::vector<Value> heads;
  for (size_t i = 0; i < seqs.size(); ++i) {
    if (pos[i] >= seqs[i].size()) continue;
    Value h = seqs[i][pos[i]];
    bool seen = false;
    for (Value x : heads) seen |= x == h;
    if (!seen) heads.push_back(h);
  }
  std::string names;
  for (size_t i = 0; i < heads.size(); ++i) {
    if (i) names += ", ";
    Type* t = heads[i].as<Type>();
    names += t->name_obj ? std::string(str_utf8(t->name_obj)) : std::string(t->name);
  }
  raise(TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases %s",
        names.c_str());
}

// C3 linearization of type and its bases.
static Value mro_c3(Type* type) {
  Value bases = type->bases;
  int64_t n = tuple_size(bases);
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = i + 1; j < n; ++j) {
      if (tuple_item(bases, i) == tuple_item(bases, j)) {
        Type* d = tuple_item(bases, i).as<Type>();
        return raise(TypeError, "duplicate base class %s", d->name);
      }
    }
  }
  // The common case: one base, whose MRO is simply extended.
  if (n == 1) {
    Value bmro = tuple_item(bases, 0).as<Type>()->mro;
    int64_t m = tuple_size(bmro);
    Value r = tuple_new(m + 1);
    if (!r) return r;
    tuple_items(r)[0] = newref(Value::from(type));
    for (int64_t i = 0; i < m; ++i) tuple_items(r)[i + 1] = newref(tuple_item(bmro, i));
    return r;
  }
  std::vector<std::vector<Value>> seqs;
  for (int64_t i = 0; i < n; ++i) {
    Value bmro = tuple_item(bases, i).as<Type>()->mro;
    seqs.emplace_back(tuple_items(bmro), tuple_items(bmro) + tuple_size(bmro));
  }
  seqs.emplace_back(tuple_items(bases), tuple_items(bases) + n);
  std::vector<size_t> pos(seqs.size(), 0);
  std::vector<Value> result{Value::from(type)};
  for (;;) {
    bool remaining = false;
    bool progressed = false;
    for (size_t i = 0; i < seqs.size() && !progressed; ++i) {
      if (pos[i] >= seqs[i].size()) continue;
      remaining = true;
      Value cand = seqs[i][pos[i]];
      bool in_tail = false;
      for (size_t j = 0; j < seqs.size() && !in_tail; ++j)
        if (pos[j] < seqs[j].size()) in_tail = tail_contains(seqs[j], pos[j], cand);
      if (in_tail) continue;
      result.push_back(cand);
      for (size_t j = 0; j < seqs.size(); ++j)
        if (pos[j] < seqs[j].size() && seqs[j][pos[j]] == cand) ++pos[j];
      progressed = true;
    }
    if (!remaining) break;
    if (!progressed) {
      set_mro_error(seqs, pos);
      return Value();
    }
  }
  return tuple_from(result.data(), int64_t(result.size()));
}

static Value type_mro_method(Value self, const Value*, size_t, Value);

// The MRO of a type: C3, or what a metaclass's overriding mro() returns.
static Value mro_internal(Type* type) {
  Type* meta = type_of(Value::from(type));
  if (meta != &TypeType && has_flag(type, TF_HEAPTYPE)) {
    Value m = type_lookup(meta, STRATA_NAME(mro));
    bool builtin = m && type_of(m) == &MethodDescrType &&
                   m.as<DescrObject>()->method->fn == type_mro_method;
    if (m && !builtin) {
      Ref r(call_special0(Value::from(type), STRATA_NAME(mro)));
      if (!r) return Value();
      Ref t(sequence_tuple(*r));
      if (!t) return Value();
      for (int64_t i = 0; i < tuple_size(*t); ++i) {
        Value x = tuple_item(*t, i);
        if (!is_type(x)) {
          return raise(TypeError, "mro() returned a non-class ('%s')", type_of(x)->name);
        }
      }
      return t.release();
    }
  }
  return mro_c3(type);
}

// -- type_ready ------------------------------------------------------------------------------

static int add_subclass(Type* base, Type* type) {
  if (!base->subclasses) {
    base->subclasses = dict_new();
    if (!base->subclasses) return -1;
  }
  // The key and the value are the subclass's address: a reference that does not keep
  // the subclass alive (type_dealloc removes it).
  Ref key(int_from_i64(int64_t(reinterpret_cast<uintptr_t>(type))));
  return dict_set(base->subclasses, *key, *key);
}

// Runs while an exception may be propagating (a failed class creation frees its class):
// the current exception is kept.
static void remove_subclass(Type* base, Type* type) {
  if (!base->subclasses) return;
  Value saved = fetch_error();
  Ref key(int_from_i64(int64_t(reinterpret_cast<uintptr_t>(type))));
  Value v = dict_pop(base->subclasses, *key);
  xdecref(v);
  if (error_occurred()) clear_error();
  restore_error(saved);
}

// Sequences that concatenate with + have __add__ but no __radd__ (CPython's sq_concat).
static bool concat_sequence(Type* t) {
  return has_flag(t, TF_SEQUENCE) || t == &StrType || t == &BytesType || t == &ByteArrayType ||
         t == &ListType || t == &TupleType;
}

// Slot wrappers for the slots a built-in type defines itself (before inheritance).
static int add_operators(Type* type) {
  for (SlotDef& s : slotdefs) {
    if (s.wrap == W_NONE) continue;
    void* fn = *slot_ptr(type, s);
    if (!fn) continue;
    int has = dict_get_str(type->dict, s.name_obj) ? 1 : 0;
    if (has) continue;
    if (s.wrap == W_BINARY_R && s.offset == SLOT_OFF(nb[NB_ADD]) && concat_sequence(type))
      continue;
    if (s.offset == SLOT_OFF(hash) && fn == reinterpret_cast<void*>(hash_not_implemented)) {
      if (dict_set(type->dict, s.name_obj, None()) < 0) return -1;
      continue;
    }
    Ref w(wrapper_descr_new(type, s.name_obj, &s, fn));
    if (!w || dict_set(type->dict, s.name_obj, *w) < 0) return -1;
  }
  return 0;
}

static int add_tables(Type* type) {
  if (type->methods) {
    for (const MethodDef* m = type->methods; m->name; ++m) {
      Ref d;
      if (m->flags & METH_CLASS) {
        d.reset(classmethod_descr_new(type, m));
      } else if (m->flags & METH_STATIC) {
        Ref f(builtin_function_new(m, Value(), Value()));
        if (!f) return -1;
        d.reset(staticmethod_new(*f));
      } else {
        d.reset(method_descr_new(type, m));
      }
      if (!d || dict_set_cstr(type->dict, m->name, *d) < 0) return -1;
    }
  }
  if (type->members) {
    for (const MemberDef* m = type->members; m->name; ++m) {
      Ref d(member_descr_new(type, m));
      if (!d || dict_set_cstr(type->dict, m->name, *d) < 0) return -1;
    }
  }
  if (type->getset) {
    for (const GetSetDef* g = type->getset; g->name; ++g) {
      Ref d(getset_descr_new(type, g));
      if (!d || dict_set_cstr(type->dict, g->name, *d) < 0) return -1;
    }
  }
  return 0;
}

#define INHERIT(field) \
  if (!type->field) type->field = base->field
static void inherit_slots(Type* type, Type* base) {
  INHERIT(dealloc);
  if (has_flag(type, TF_HAVE_GC) && has_flag(base, TF_HAVE_GC) && !type->traverse &&
      !type->clear) {
    type->traverse = base->traverse;
    type->clear = base->clear;
  }
  INHERIT(finalize);
  INHERIT(repr);
  INHERIT(str);
  // __eq__ and __hash__ go together: a type that defines either inherits neither.
  if (!type->richcompare && !type->hash) {
    bool overrides = type->dict && (dict_get_str(type->dict, STRATA_NAME(__eq__)) ||
                                    dict_get_str(type->dict, STRATA_NAME(__hash__)));
    if (!overrides || has_flag(type, TF_HEAPTYPE)) {
      type->richcompare = base->richcompare;
      type->hash = base->hash;
    }
  }
  INHERIT(getattr);
  INHERIT(setattr);
  INHERIT(call);
  INHERIT(iter);
  INHERIT(iternext);
  INHERIT(descr_get);
  INHERIT(descr_set);
  INHERIT(init);
  for (int i = 0; i < kNumBinarySlots; ++i) INHERIT(nb[i]);
  INHERIT(nb_power3);
  INHERIT(nb_negative);
  INHERIT(nb_positive);
  INHERIT(nb_invert);
  INHERIT(nb_absolute);
  INHERIT(nb_bool);
  INHERIT(nb_index);
  INHERIT(nb_int);
  INHERIT(nb_float);
  INHERIT(length);
  INHERIT(getitem);
  INHERIT(setitem);
  INHERIT(contains);
}
#undef INHERIT

static constexpr uint64_t kInheritedFlags =
    TF_INT_SUBCLASS | TF_LIST_SUBCLASS | TF_TUPLE_SUBCLASS | TF_BYTES_SUBCLASS |
    TF_STR_SUBCLASS | TF_DICT_SUBCLASS | TF_BASE_EXC_SUBCLASS | TF_TYPE_SUBCLASS |
    TF_SEQUENCE | TF_MAPPING | TF_MATCH_SELF;

Value type_module(Type* type) {
  if (has_flag(type, TF_HEAPTYPE)) {
    Value m = type->dict ? dict_get_str(type->dict, STRATA_NAME(__module__)) : Value();
    if (!m) {
      raise(AttributeError, "__module__");
      return Value();
    }
    return newref(m);
  }
  if (type->module) return newref(type->module);
  if (const char* dot = std::strrchr(type->name, '.'))
    return intern(std::string_view(type->name, size_t(dot - type->name)));
  return newref(STRATA_NAME(builtins));
}

int type_ready(Type* type) {
  if (has_flag(type, TF_READY)) return 0;
  init_slotdefs();
  bool heap = has_flag(type, TF_HEAPTYPE);
  if (!type->ob.type) type->ob.type = &TypeType;
  if (!heap) type->ob.refcnt = kImmortal;
  if (!type->base && type != &ObjectType) type->base = &ObjectType;
  Type* base = type->base;
  if (base && !has_flag(base, TF_READY) && type_ready(base) < 0) return -1;
  if (!type->bases) {
    type->bases = base ? tuple_pack({Value::from(base)}) : tuple_empty();
    if (!type->bases) return -1;
  }
  for (int64_t i = 0; i < tuple_size(type->bases); ++i) {
    Type* b = tuple_item(type->bases, i).as<Type>();
    if (!has_flag(b, TF_READY) && type_ready(b) < 0) return -1;
  }
  if (!type->dict) {
    type->dict = dict_new();
    if (!type->dict) return -1;
  }
  NewFn own_new = type->new_;
  if (!heap) {
    type->flags |= TF_IMMUTABLE;
    const char* dot = std::strrchr(type->name, '.');
    if (!type->name_obj) type->name_obj = intern(dot ? dot + 1 : type->name);
    if (!type->qualname) type->qualname = newref(type->name_obj);
    if (!type->module && dot) {
      type->module = intern(std::string_view(type->name, size_t(dot - type->name)));
    }
    if (add_operators(type) < 0 || add_tables(type) < 0) return -1;
    if (own_new && !dict_get_str(type->dict, STRATA_NAME(__new__))) {
      Ref f(builtin_function_new(&tp_new_def, Value::from(type), Value()));
      if (!f || dict_set(type->dict, STRATA_NAME(__new__), *f) < 0) return -1;
    }
    if (!dict_get_str(type->dict, STRATA_NAME(__doc__))) {
      Ref doc(type->doc ? str_from_utf8(type->doc) : newref(None()));
      if (!doc || dict_set(type->dict, STRATA_NAME(__doc__), *doc) < 0) return -1;
    }
  }
  if (!type->mro) {
    type->mro = mro_internal(type);
    if (!type->mro) return -1;
  }
  if (base) {
    if (!type->basicsize) type->basicsize = base->basicsize;
    if (!type->itemsize) type->itemsize = base->itemsize;
    if (!type->dictoffset) type->dictoffset = base->dictoffset;
    if (!type->weaklistoffset) type->weaklistoffset = base->weaklistoffset;
    type->flags |= base->flags & kInheritedFlags;
    if (!type->new_ && (heap || base != &ObjectType)) type->new_ = base->new_;
    for (int64_t i = 1; i < tuple_size(type->mro); ++i)
      inherit_slots(type, tuple_item(type->mro, i).as<Type>());
  }
  if (!heap && !type->hash) {
    // Defining __eq__ alone makes instances unhashable (__hash__ = None).
    if (!dict_get_str(type->dict, STRATA_NAME(__hash__)) &&
        dict_set(type->dict, STRATA_NAME(__hash__), None()) < 0)
      return -1;
    type->hash = hash_not_implemented;
  }
  if (type->finalize) type->flags |= TF_HAS_FINALIZER;
  type->flags |= TF_READY;
  for (int64_t i = 0; i < tuple_size(type->bases); ++i)
    if (add_subclass(tuple_item(type->bases, i).as<Type>(), type) < 0) return -1;
  type_version(type);
  return 0;
}

// -- Instances of classes ----------------------------------------------------------------------

Value* var_dict_slot(Object* o, Type* t) {
  // The extra fields of a variable-size layout follow the items (see the header).
  size_t size;
  if (has_flag(t, TF_STR_SUBCLASS) && t->itemsize == 0) {
    auto* s = reinterpret_cast<StrObject*>(o);
    size = t->basicsize + size_t(s->length + 1) * s->kind;
  } else {
    size = t->basicsize + size_t(reinterpret_cast<VarObject*>(o)->size) * t->itemsize;
  }
  size = (size + 7) & ~size_t(7);
  return reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + int64_t(size) + t->dictoffset);
}

static Type* static_base(Type* t) {
  while (has_flag(t, TF_HEAPTYPE)) t = t->base;
  return t;
}

// The fields classes add to their base's layout: __slots__ members and the __dict__.
static bool class_added_dict(Type* type) {
  return type->dictoffset != 0 && static_base(type)->dictoffset == 0;
}

static void clear_class_fields(Object* o, Type* type) {
  for (Type* t = type; has_flag(t, TF_HEAPTYPE); t = t->base) {
    for (MemberDef* m = as_heap(t)->slot_members; m && m->name; ++m)
      clear_ref(reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + m->offset));
  }
  if (class_added_dict(type)) {
    if (Value* d = instance_dict_slot(Value::from(o))) clear_ref(d);
  }
}

static void subtype_dealloc(Object* o) {
  Type* type = o->type;
  Type* base = static_base(type);
  // PEP 442: __del__ runs at most once; the collector may already have run it.
  if (type->finalize && has_flag(type, TF_HAS_FINALIZER) && !gc_is_finalized(o)) {
    // __del__ may resurrect the object (PEP 442): it runs with a temporary reference.
    o->refcnt = 1;
    gc_set_finalized(o);
    type->finalize(o);
    if (--o->refcnt != 0) return;
  }
  if (has_flag(type, TF_HAVE_GC) && !has_flag(base, TF_HAVE_GC) && gc_is_tracked(o))
    gc_untrack(o);
  clear_class_fields(o, type);
  base->dealloc(o);
}

static void subtype_traverse(Object* o, VisitFn visit, void* arg) {
  Type* type = o->type;
  for (Type* t = type; has_flag(t, TF_HEAPTYPE); t = t->base) {
    for (MemberDef* m = as_heap(t)->slot_members; m && m->name; ++m)
      visit_value(*reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + m->offset), visit,
                  arg);
  }
  if (class_added_dict(type)) {
    if (Value* d = instance_dict_slot(Value::from(o))) visit_value(*d, visit, arg);
  }
  Type* base = static_base(type);
  if (base->traverse && has_flag(base, TF_HAVE_GC)) base->traverse(o, visit, arg);
}

static void subtype_clear(Object* o) {
  Type* type = o->type;
  clear_class_fields(o, type);
  Type* base = static_base(type);
  if (base->clear && has_flag(base, TF_HAVE_GC)) base->clear(o);
}

static Value subtype_dict_get(Value self) {
  Value d = instance_dict(self);
  if (!d) {
    if (error_occurred()) return Value();
    return raise(AttributeError, "This object has no __dict__");
  }
  return newref(d);
}

static int subtype_dict_set(Value self, Value v) {
  Value* slot = instance_dict_slot(self);
  if (!slot) {
    raise(AttributeError, "This object has no __dict__");
    return -1;
  }
  if (v && !is_dict(v)) {
    raise(TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_of(v)->name);
    return -1;
  }
  set_ref(slot, xnewref(v));
  return 0;
}

static Value subtype_weakref_get(Value self) {
  Type* t = type_of(self);
  if (t->weaklistoffset <= 0) return newref(None());
  Value v = *reinterpret_cast<Value*>(reinterpret_cast<char*>(self.obj()) + t->weaklistoffset);
  return newref(v ? v : None());
}

static const GetSetDef subtype_dict_getset = {"__dict__", subtype_dict_get, subtype_dict_set,
                                              "dictionary for instance variables (if defined)"};
static const GetSetDef subtype_weakref_getset = {
    "__weakref__", subtype_weakref_get, nullptr, "list of weak references to the object (if defined)"};

// -- type: attributes -------------------------------------------------------------------------

static int check_set_special(Type* type, Value v, const char* name) {
  if (!has_flag(type, TF_HEAPTYPE) || has_flag(type, TF_IMMUTABLE)) {
    raise(TypeError, "cannot set '%s' attribute of immutable type '%s'", name, type->name);
    return -1;
  }
  if (!v) {
    raise(TypeError, "cannot delete '%s' attribute of immutable type '%s'", name, type->name);
    return -1;
  }
  return 0;
}

static Value type_get_name(Value self) {
  Type* t = self.as<Type>();
  if (t->name_obj) return newref(t->name_obj);
  const char* dot = std::strrchr(t->name, '.');
  return str_from_utf8(dot ? dot + 1 : t->name);
}

static void set_heap_name(Type* t, Value name) {
  HeapType* h = as_heap(t);
  std::string_view u = str_utf8(name);
  char* copy = static_cast<char*>(mem_alloc(u.size() + 1));
  if (copy) {
    std::memcpy(copy, u.data(), u.size());
    copy[u.size()] = 0;
    if (h->name_utf8) mem_free(h->name_utf8);
    h->name_utf8 = copy;
    t->name = copy;
  }
  set_ref(&t->name_obj, newref(name));
}

static int type_set_name(Value self, Value v) {
  Type* t = self.as<Type>();
  if (check_set_special(t, v, "__name__") < 0) return -1;
  if (!is_str(v)) {
    raise(TypeError, "can only assign string to %s.__name__, not '%s'", t->name,
          type_of(v)->name);
    return -1;
  }
  std::string_view u = str_utf8(v);
  if (u.find('\0') != std::string_view::npos) {
    raise(ValueError, "type name must not contain null characters");
    return -1;
  }
  set_heap_name(t, v);
  return 0;
}

static Value type_get_qualname(Value self) {
  Type* t = self.as<Type>();
  return t->qualname ? newref(t->qualname) : type_get_name(self);
}

static int type_set_qualname(Value self, Value v) {
  Type* t = self.as<Type>();
  if (check_set_special(t, v, "__qualname__") < 0) return -1;
  if (!is_str(v)) {
    raise(TypeError, "can only assign string to %s.__qualname__, not '%s'", t->name,
          type_of(v)->name);
    return -1;
  }
  set_ref(&t->qualname, newref(v));
  return 0;
}

static Value type_get_bases(Value self) { return newref(self.as<Type>()->bases); }
static Value type_get_mro(Value self) {
  Value m = self.as<Type>()->mro;
  return newref(m ? m : None());
}
static Value type_get_dict(Value self) {
  Type* t = self.as<Type>();
  if (!t->dict) return newref(None());
  return mappingproxy_new(t->dict);
}

static Value type_get_doc(Value self) {
  Type* t = self.as<Type>();
  if (!has_flag(t, TF_HEAPTYPE)) return t->doc ? str_from_utf8(t->doc) : newref(None());
  Value d = dict_get_str(t->dict, STRATA_NAME(__doc__));
  if (!d) return newref(None());
  if (DescrGetFn f = type_of(d)->descr_get) return f(d, Value(), self);
  return newref(d);
}

static int type_set_doc(Value self, Value v) {
  Type* t = self.as<Type>();
  if (check_set_special(t, v, "__doc__") < 0) return -1;
  type_modified(t);
  return dict_set(t->dict, STRATA_NAME(__doc__), v);
}

static Value type_get_module(Value self) { return type_module(self.as<Type>()); }
static int type_set_module(Value self, Value v) {
  Type* t = self.as<Type>();
  if (check_set_special(t, v, "__module__") < 0) return -1;
  type_modified(t);
  return dict_set(t->dict, STRATA_NAME(__module__), v);
}

static Value type_get_annotations(Value self) {
  Type* t = self.as<Type>();
  if (!has_flag(t, TF_HEAPTYPE)) {
    raise(AttributeError, "type object '%s' has no attribute '__annotations__'", t->name);
    return Value();
  }
  Value a = dict_get_str(t->dict, STRATA_NAME(__annotations__));
  if (a) {
    if (DescrGetFn f = type_of(a)->descr_get) return f(a, Value(), self);
    return newref(a);
  }
  Ref d(dict_new());
  if (!d || dict_set(t->dict, STRATA_NAME(__annotations__), *d) < 0) return Value();
  type_modified(t);
  return d.release();
}

static int type_set_annotations(Value self, Value v) {
  Type* t = self.as<Type>();
  if (has_flag(t, TF_IMMUTABLE)) {
    raise(TypeError, "cannot set '__annotations__' attribute of immutable type '%s'", t->name);
    return -1;
  }
  type_modified(t);
  if (v) return dict_set(t->dict, STRATA_NAME(__annotations__), v);
  if (dict_del(t->dict, STRATA_NAME(__annotations__)) < 0) {
    if (!error_matches(KeyError)) return -1;
    clear_error();
    raise(AttributeError, "__annotations__");
    return -1;
  }
  return 0;
}

static Value type_get_abstractmethods(Value self) {
  Type* t = self.as<Type>();
  // `type` itself has a descriptor named __abstractmethods__ in its dict: not an answer.
  Value v = t != &TypeType ? dict_get_str(t->dict, STRATA_NAME(__abstractmethods__)) : Value();
  if (!v) {
    raise(AttributeError, "__abstractmethods__");
    attribute_error_set_context(self, STRATA_NAME(__abstractmethods__));
    return Value();
  }
  return newref(v);
}

static int type_set_abstractmethods(Value self, Value v) {
  Type* t = self.as<Type>();
  int abstract = 0;
  if (v) {
    abstract = is_true(v);
    if (abstract < 0) return -1;
    if (dict_set(t->dict, STRATA_NAME(__abstractmethods__), v) < 0) return -1;
  } else if (dict_del(t->dict, STRATA_NAME(__abstractmethods__)) < 0) {
    if (!error_matches(KeyError)) return -1;
    clear_error();
    raise(AttributeError, "__abstractmethods__");
    return -1;
  }
  type_modified(t);
  if (abstract) t->flags |= TF_ABSTRACT;
  else t->flags &= ~uint64_t(TF_ABSTRACT);
  return 0;
}

static Type* best_base(Value bases);
static int type_set_bases(Value self, Value v);
static Value type_text_signature(Value) { return newref(None()); }

static const GetSetDef type_getset[] = {
    {"__name__", type_get_name, type_set_name, nullptr},
    {"__qualname__", type_get_qualname, type_set_qualname, nullptr},
    {"__bases__", type_get_bases, type_set_bases, nullptr},
    {"__mro__", type_get_mro, nullptr, nullptr},
    {"__module__", type_get_module, type_set_module, nullptr},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, nullptr},
    {"__dict__", type_get_dict, nullptr, nullptr},
    {"__doc__", type_get_doc, type_set_doc, nullptr},
    {"__text_signature__", type_text_signature, nullptr, nullptr},
    {"__annotations__", type_get_annotations, type_set_annotations, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

static const MemberDef type_members[] = {
    {"__basicsize__", MemberKind::Int64, offsetof(Type, basicsize), true, nullptr},
    {"__itemsize__", MemberKind::Int64, offsetof(Type, itemsize), true, nullptr},
    {"__flags__", MemberKind::Int64, offsetof(Type, flags), true, nullptr},
    {"__weakrefoffset__", MemberKind::Int64, offsetof(Type, weaklistoffset), true, nullptr},
    {"__base__", MemberKind::ReadOnlyObject, offsetof(Type, base), true, nullptr},
    {"__dictoffset__", MemberKind::Int64, offsetof(Type, dictoffset), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

static Value type_mro_method(Value self, const Value*, size_t, Value) {
  Ref t(mro_c3(self.as<Type>()));
  if (!t) return Value();
  return list_from(tuple_items(*t), tuple_size(*t));
}

static Value type_subclasses(Value self, const Value*, size_t, Value) {
  Type* t = self.as<Type>();
  Ref list(list_new(0));
  if (!list || !t->subclasses) return list.release();
  int64_t pos = 0;
  Value key, value;
  while (dict_next(t->subclasses, &pos, &key, &value)) {
    int64_t addr = 0;
    if (!int_to_i64(value, &addr)) continue;
    if (list_append(*list, Value::from(reinterpret_cast<Type*>(addr))) < 0) return Value();
  }
  return list.release();
}

static Value type_instancecheck(Value self, const Value* args, size_t, Value) {
  Value inst = args[0];
  if (is_instance_of(inst, self.as<Type>())) return newref(True());
  Ref icls(lookup_attr(inst, STRATA_NAME(__class__)));
  if (!icls) return error_occurred() ? Value() : newref(False());
  bool r = is_type(*icls) && icls.get().as<Type>() != type_of(inst) &&
           is_subtype(icls.get().as<Type>(), self.as<Type>());
  return newref(Bool(r));
}

static Value type_subclasscheck(Value self, const Value* args, size_t, Value) {
  Value sub = args[0];
  if (!is_type(sub)) return raise(TypeError, "issubclass() arg 1 must be a class");
  return newref(Bool(is_subtype(sub.as<Type>(), self.as<Type>())));
}

static Value type_prepare(Value, const Value*, size_t, Value) { return dict_new(); }

static int merge_type_dict(Value dict, Type* t) {
  if (t->dict && dict_update(dict, t->dict) < 0) return -1;
  if (Value bases = t->bases) {
    for (int64_t i = 0; i < tuple_size(bases); ++i)
      if (merge_type_dict(dict, tuple_item(bases, i).as<Type>()) < 0) return -1;
  }
  return 0;
}

static Value type_dir(Value self, const Value*, size_t, Value) {
  Ref d(dict_new());
  if (!d || merge_type_dict(*d, self.as<Type>()) < 0) return Value();
  return dict_keys_list(*d);
}

static Value type_sizeof(Value self, const Value*, size_t, Value) {
  Type* t = self.as<Type>();
  return int_from_i64(int64_t(has_flag(t, TF_HEAPTYPE) ? sizeof(HeapType) : sizeof(Type)));
}

static const MethodDef type_methods[] = {
    {"mro", type_mro_method, METH_NOARGS, "Return a type's method resolution order."},
    {"__subclasses__", type_subclasses, METH_NOARGS,
     "Return a list of immediate subclasses."},
    {"__prepare__", type_prepare, METH_CLASS | METH_FASTCALL | METH_KEYWORDS,
     "__prepare__() -> dict\n"
     "used to create the namespace for the class statement"},
    {"__instancecheck__", type_instancecheck, METH_O,
     "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, METH_O, "Check if a class is a subclass."},
    {"__dir__", type_dir, METH_NOARGS, "Specialized __dir__ implementation for types."},
    {"__sizeof__", type_sizeof, METH_NOARGS, "Return memory consumption of the type object."},
    {nullptr, nullptr, 0, nullptr},
};

// Attribute lookup on a class: data descriptors of the metaclass first, then the class's
// MRO (binding with obj = null), then the metaclass's other attributes.
static Value type_getattro(Value self, Value name) {
  if (!is_str(name)) {
    return raise(TypeError, "attribute name must be string, not '%s'", type_of(name)->name);
  }
  Type* type = self.as<Type>();
  Type* meta = type_of(self);
  Value meta_attr = type_lookup(meta, name);
  Ref hold_meta(xnewref(meta_attr));
  DescrGetFn meta_get = nullptr;
  if (meta_attr) {
    Type* mt = type_of(meta_attr);
    meta_get = mt->descr_get;
    if (meta_get && mt->descr_set) return meta_get(meta_attr, self, Value::from(meta));
  }
  Value attr = type_lookup(type, name);
  if (attr) {
    Ref hold(newref(attr));
    if (DescrGetFn f = type_of(attr)->descr_get) return f(attr, Value(), self);
    return hold.release();
  }
  if (meta_get) return meta_get(meta_attr, self, Value::from(meta));
  if (meta_attr) return hold_meta.release();
  raise(AttributeError, "type object '%s' has no attribute '%U'", type->name, name);
  attribute_error_set_context(self, name);
  return Value();
}

static int type_setattro(Value self, Value name, Value v) {
  Type* type = self.as<Type>();
  if (!is_str(name)) {
    raise(TypeError, "attribute name must be string, not '%s'", type_of(name)->name);
    return -1;
  }
  if (has_flag(type, TF_IMMUTABLE) || !has_flag(type, TF_HEAPTYPE)) {
    raise(TypeError, "cannot set '%U' attribute of immutable type '%s'", name, type->name);
    return -1;
  }
  Type* meta = type_of(self);
  Value descr = type_lookup(meta, name);
  if (descr) {
    Ref hold(newref(descr));
    if (DescrSetFn f = type_of(descr)->descr_set) return f(descr, self, v);
  }
  // Names are interned so that the method cache and the slot table can compare them.
  Ref key(is_exact_str(name) ? str_intern(newref(name)) : newref(name));
  type_modified(type);
  if (v) {
    if (dict_set(type->dict, *key, v) < 0) return -1;
  } else if (dict_del(type->dict, *key) < 0) {
    if (!error_matches(KeyError)) return -1;
    clear_error();
    raise(AttributeError, "type object '%s' has no attribute '%U'", type->name, name);
    attribute_error_set_context(self, name);
    return -1;
  }
  if (is_dunder(*key)) update_slots_for_name(type, *key);
  return 0;
}

Value type_repr(Value self) {
  Type* t = self.as<Type>();
  Ref mod(type_module(t));
  if (!mod) clear_error();
  Ref qual(type_get_qualname(self));
  if (!qual) return Value();
  if (mod && is_str(*mod) && !str_equal_ascii(*mod, "builtins"))
    return str_format_c("<class '%U.%U'>", *mod, *qual);
  return str_format_c("<class '%s'>", t->name);
}

static Value type_call(Value callable, const Value* args, size_t nargs, Value kwnames) {
  Type* type = callable.as<Type>();
  bool kw = kwnames && tuple_size(kwnames) > 0;
  if (type == &TypeType) {
    // type(x) is the type of x; type(name, bases, dict) makes a class.
    if (nargs == 1 && !kw) return newref(Value::from(type_of(args[0])));
    if (nargs != 3) return raise(TypeError, "type() takes 1 or 3 arguments");
  }
  if (!type->new_) return raise(TypeError, "cannot create '%s' instances", type->name);
  Value obj = type->new_(type, args, nargs, kwnames);
  if (!obj) return obj;
  // __init__ runs only when __new__ returned an instance of the class.
  if (!is_instance_of(obj, type)) return obj;
  Type* ot = type_of(obj);
  if (ot->init && ot->init(obj, args, nargs, kwnames) < 0) {
    decref(obj);
    return Value();
  }
  return obj;
}

static Value kwnames_to_dict(const Value* args, size_t nargs, Value kwnames) {
  if (!kwnames || tuple_size(kwnames) == 0) return Value();
  Value d = dict_new();
  if (!d) return d;
  for (int64_t i = 0; i < tuple_size(kwnames); ++i) {
    if (dict_set(d, tuple_item(kwnames, i), args[nargs + size_t(i)]) < 0) {
      decref(d);
      return Value();
    }
  }
  return d;
}

static Value type_tp_new(Type* metatype, const Value* args, size_t nargs, Value kwnames) {
  if (nargs != 3) {
    return raise(TypeError, "type.__new__() takes exactly 3 arguments (%zu given)", nargs);
  }
  if (!is_str(args[0])) {
    return raise(TypeError, "type.__new__() argument 1 must be str, not %s",
                 type_of(args[0])->name);
  }
  if (!is_tuple(args[1])) {
    return raise(TypeError, "type.__new__() argument 2 must be tuple, not %s",
                 type_of(args[1])->name);
  }
  if (!is_dict(args[2])) {
    return raise(TypeError, "type.__new__() argument 3 must be dict, not %s",
                 type_of(args[2])->name);
  }
  Ref kwds(kwnames_to_dict(args, nargs, kwnames));
  if (!kwds && error_occurred()) return Value();
  return type_new(metatype, args[0], args[1], args[2], *kwds);
}

static int type_init(Value, const Value*, size_t nargs, Value kwnames) {
  if (nargs == 1 && kwnames && tuple_size(kwnames) > 0) {
    raise(TypeError, "type.__init__() takes no keyword arguments");
    return -1;
  }
  if (nargs != 1 && nargs != 3) {
    raise(TypeError, "type.__init__() takes 1 or 3 arguments");
    return -1;
  }
  return 0;
}


// -- types.UnionType (`int | None`) -------------------------------------------------------------

struct UnionObject {
  Object ob;
  Value args;  // tuple of the member types (None stored as NoneType), no duplicates
};

static bool is_unionable(Value v) {
  return is_none(v) || is_type(v) || type_of(v) == &UnionType;
}

static int union_add(std::vector<Value>& out, Value v) {
  if (type_of(v) == &UnionType) {
    Value a = v.as<UnionObject>()->args;
    for (int64_t i = 0; i < tuple_size(a); ++i) union_add(out, tuple_item(a, i));
    return 0;
  }
  if (is_none(v)) v = Value::from(&NoneType);
  for (Value x : out)
    if (x == v) return 0;
  out.push_back(v);
  return 0;
}

// type.__or__ / __ror__ and UnionType's: either operand may be the type (slot(a, b)).
static Value type_or(Value a, Value b) {
  if (!is_unionable(a) || !is_unionable(b)) return newref(NotImplemented());
  std::vector<Value> args;
  union_add(args, a);
  union_add(args, b);
  if (args.size() == 1) return newref(args[0]);
  Ref t(tuple_from(args.data(), int64_t(args.size())));
  if (!t) return Value();
  Object* o = alloc_object(&UnionType, sizeof(UnionObject));
  if (!o) return Value();
  reinterpret_cast<UnionObject*>(o)->args = t.release();
  return Value::from(o);
}

static void union_dealloc(Object* o) {
  clear_ref(&reinterpret_cast<UnionObject*>(o)->args);
  free_object(o);
}

static Value union_repr(Value self) {
  Value a = self.as<UnionObject>()->args;
  std::string text;
  for (int64_t i = 0; i < tuple_size(a); ++i) {
    if (i) text += " | ";
    Value x = tuple_item(a, i);
    if (x == Value::from(&NoneType)) {
      text += "None";
      continue;
    }
    Type* t = x.as<Type>();
    Ref mod(type_module(t));
    if (!mod) clear_error();
    Ref q(type_get_qualname(x));
    if (!q) return Value();
    if (mod && is_str(*mod) && !str_equal_ascii(*mod, "builtins")) {
      text += str_utf8(*mod);
      text += '.';
    }
    text += str_utf8(*q);
  }
  return str_from_utf8(text);
}

static Value union_richcompare(Value a, Value b, int op) {
  if ((op != CMP_EQ && op != CMP_NE) || type_of(b) != &UnionType)
    return newref(NotImplemented());
  Ref x(frozenset_new(a.as<UnionObject>()->args));
  Ref y(frozenset_new(b.as<UnionObject>()->args));
  if (!x || !y) return Value();
  return rich_compare(*x, *y, op);
}

static int64_t union_hash(Value self) {
  Ref s(frozenset_new(self.as<UnionObject>()->args));
  if (!s) return -1;
  return hash(*s);
}

static Value union_instancecheck(Value self, const Value* args, size_t, Value) {
  Value a = self.as<UnionObject>()->args;
  for (int64_t i = 0; i < tuple_size(a); ++i) {
    int r = isinstance(args[0], tuple_item(a, i));
    if (r < 0) return Value();
    if (r) return newref(True());
  }
  return newref(False());
}

static Value union_subclasscheck(Value self, const Value* args, size_t, Value) {
  Value a = self.as<UnionObject>()->args;
  for (int64_t i = 0; i < tuple_size(a); ++i) {
    int r = issubclass(args[0], tuple_item(a, i));
    if (r < 0) return Value();
    if (r) return newref(True());
  }
  return newref(False());
}

static Value union_get_args(Value self) { return newref(self.as<UnionObject>()->args); }
static Value union_get_parameters(Value) { return tuple_empty(); }

static const MethodDef union_methods[] = {
    {"__instancecheck__", union_instancecheck, METH_O, nullptr},
    {"__subclasscheck__", union_subclasscheck, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
static const GetSetDef union_getset[] = {
    {"__args__", union_get_args, nullptr, nullptr},
    {"__parameters__", union_get_parameters, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type UnionType = {
    .ob = {kImmortal, &TypeType},
    .name = "types.UnionType",
    .base = &ObjectType,
    .flags = 0,
    .basicsize = sizeof(UnionObject),
    .dealloc = union_dealloc,
    .repr = union_repr,
    .hash = union_hash,
    .richcompare = union_richcompare,
    .getattr = generic_getattr,
    .nb = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, type_or},
    .methods = union_methods,
    .getset = union_getset,
    .doc = "Represent a PEP 604 union type\n\nE.g. for int | str",
};

static void type_dealloc(Object* o) {
  Type* t = reinterpret_cast<Type*>(o);
  // Only classes are ever freed (built-in types are immortal).
  if (Value bases = t->bases) {
    for (int64_t i = 0; i < tuple_size(bases); ++i)
      remove_subclass(tuple_item(bases, i).as<Type>(), t);
  }
  type_modified(t);
  clear_ref(&t->dict);
  clear_ref(&t->bases);
  clear_ref(&t->mro);
  clear_ref(&t->name_obj);
  clear_ref(&t->qualname);
  clear_ref(&t->module);
  clear_ref(&t->subclasses);
  clear_ref(&t->slot_names);
  HeapType* h = as_heap(t);
  if (h->slot_members) mem_free(h->slot_members);
  if (h->name_utf8) mem_free(h->name_utf8);
  if (t->cached_keys) dict_keys_decref(static_cast<DictKeys*>(t->cached_keys));
  t->cached_keys = nullptr;
  free_object(o);
}

Type TypeType = {
    .ob = {kImmortal, &TypeType},
    .name = "type",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_TYPE_SUBCLASS,
    .basicsize = sizeof(HeapType),
    .dictoffset = offsetof(Type, dict),
    .weaklistoffset = offsetof(Type, weaklist),
    .dealloc = type_dealloc,
    .repr = type_repr,
    .getattr = type_getattro,
    .setattr = type_setattro,
    .call = type_call,
    .new_ = type_tp_new,
    .init = type_init,
    .nb = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, type_or},
    .methods = type_methods,
    .members = type_members,
    .getset = type_getset,
    .doc = "type(object) -> the object's type\n"
           "type(name, bases, dict, **kwds) -> a new type",
};

// -- Class creation --------------------------------------------------------------------------

Type* calculate_metaclass(Type* meta, Value bases) {
  Type* winner = meta;
  for (int64_t i = 0; i < tuple_size(bases); ++i) {
    Type* tmp = type_of(tuple_item(bases, i));
    if (is_subtype(winner, tmp)) continue;
    if (is_subtype(tmp, winner)) {
      winner = tmp;
      continue;
    }
    raise(TypeError,
          "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
          "subclass of the metaclasses of all its bases");
    return nullptr;
  }
  return winner;
}

// Whether type's instances have fields beyond base's (the __dict__ and __weakref__ slots
// a class adds at the end do not count).
static bool extra_ivars(Type* type, Type* base) {
  size_t t_size = type->basicsize;
  size_t b_size = base->basicsize;
  if (type->itemsize || base->itemsize)
    return t_size != b_size || type->itemsize != base->itemsize;
  bool heap = has_flag(type, TF_HEAPTYPE);
  if (heap && type->weaklistoffset && !base->weaklistoffset &&
      size_t(type->weaklistoffset) + sizeof(Value) == t_size)
    t_size -= sizeof(Value);
  if (heap && type->dictoffset > 0 && !base->dictoffset &&
      size_t(type->dictoffset) + sizeof(Value) == t_size)
    t_size -= sizeof(Value);
  return t_size != b_size;
}

static Type* solid_base(Type* type) {
  Type* base = type->base ? solid_base(type->base) : &ObjectType;
  return extra_ivars(type, base) ? type : base;
}

static Type* best_base(Value bases) {
  Type* base = nullptr;
  Type* winner = nullptr;
  for (int64_t i = 0; i < tuple_size(bases); ++i) {
    Value b = tuple_item(bases, i);
    if (!is_type(b)) {
      raise(TypeError, "bases must be types");
      return nullptr;
    }
    Type* bt = b.as<Type>();
    if (!has_flag(bt, TF_READY) && type_ready(bt) < 0) return nullptr;
    if (!has_flag(bt, TF_BASETYPE)) {
      raise(TypeError, "type '%s' is not an acceptable base type", bt->name);
      return nullptr;
    }
    Type* cand = solid_base(bt);
    if (!winner) {
      winner = cand;
      base = bt;
    } else if (is_subtype(winner, cand)) {
      // the current winner already extends this layout
    } else if (is_subtype(cand, winner)) {
      winner = cand;
      base = bt;
    } else {
      raise(TypeError, "multiple bases have instance lay-out conflict");
      return nullptr;
    }
  }
  return base;
}

static bool is_identifier(Value s) {
  int64_t n = str_length(s);
  if (n == 0) return false;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = str_char(s, i);
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 128 ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// Private names (__x) of a class body become _Class__x.
static Value mangle(Value classname, Value name) {
  int64_t n = str_length(name);
  if (n < 3 || str_char(name, 0) != '_' || str_char(name, 1) != '_') return newref(name);
  if (str_char(name, n - 1) == '_' && str_char(name, n - 2) == '_') return newref(name);
  for (int64_t i = 0; i < n; ++i)
    if (str_char(name, i) == '.') return newref(name);
  int64_t len = str_length(classname);
  int64_t i = 0;
  while (i < len && str_char(classname, i) == '_') ++i;
  if (i == len) return newref(name);
  Ref stripped(str_substring(classname, i, len));
  if (!stripped) return Value();
  return str_format_c("_%U%U", *stripped, name);
}

static bool is_plain_function(Value v) { return type_of(v) == &FunctionType; }

// Calls __set_name__(owner, name) on every attribute that has one.
static int set_names(Type* type) {
  Ref items(dict_items_list(type->dict));
  if (!items) return -1;
  for (int64_t i = 0; i < list_size(*items); ++i) {
    Value pair = list_item(*items, i);
    Value key = tuple_item(pair, 0), value = tuple_item(pair, 1);
    if (!type_lookup(type_of(value), STRATA_NAME(__set_name__))) continue;
    Value r = call_special2(value, STRATA_NAME(__set_name__), Value::from(type), key);
    if (!r) {
      chain_error(RuntimeError, "Error calling __set_name__ on '%s' instance %R in '%s'",
                  type_of(value)->name, key, type->name);
      // 3.11 raises it "from" the original error.
      Value exc = fetch_error();
      if (is_exception(exc)) {
        auto* e = exc.as<BaseExceptionObject>();
        if (e->context && !e->cause) e->cause = newref(e->context);
        e->suppress_context = true;
      }
      restore_error(exc);
      return -1;
    }
    decref(r);
  }
  return 0;
}

// super(type, type).__init_subclass__(**kwds)
static int init_subclass(Type* type, Value kwds) {
  Value t = Value::from(type);
  Ref func(super_getattr(t, t, STRATA_NAME(__init_subclass__)));
  if (!func) return -1;
  Ref empty(tuple_empty());
  Ref r(call_tuple_dict(*func, *empty, kwds));
  return r ? 0 : -1;
}

Value type_new(Type* metatype, Value name, Value bases, Value ns, Value kwds) {
  init_slotdefs();
  Type* winner = calculate_metaclass(metatype, bases);
  if (!winner) return Value();
  if (winner != metatype) {
    if (winner->new_ != type_tp_new) {
      // A more derived metaclass with its own __new__ takes over.
      int64_t nkw = kwds ? dict_size(kwds) : 0;
      std::vector<Value> args{name, bases, ns};
      Ref kwnames(nkw ? tuple_new(nkw) : Value());
      int64_t pos = 0, i = 0;
      Value k, v;
      while (kwds && dict_next(kwds, &pos, &k, &v)) {
        tuple_items(*kwnames)[i++] = newref(k);
        args.push_back(v);
      }
      return winner->new_(winner, args.data(), 3, *kwnames);
    }
    metatype = winner;
  }
  Ref bases_ref(tuple_size(bases) == 0 ? tuple_pack({Value::from(&ObjectType)}) : newref(bases));
  if (!bases_ref) return Value();
  Type* base = best_base(*bases_ref);
  if (!base) return Value();
  Ref dict(dict_copy(ns));
  if (!dict) return Value();

  // __slots__: which fields instances get.
  bool may_add_dict = base->dictoffset == 0;
  bool may_add_weak = base->weaklistoffset == 0 && base->itemsize == 0;
  bool add_dict = false, add_weak = false;
  Ref newslots(list_new(0));
  if (!newslots) return Value();
  bool has_slots = false;
  Value slots_v = dict_get_str(*dict, STRATA_NAME(__slots__));
  if (!slots_v) {
    add_dict = may_add_dict;
    add_weak = may_add_weak;
  } else {
    has_slots = true;
    Ref slots(is_str(slots_v) ? tuple_pack({slots_v}) : sequence_tuple(slots_v));
    if (!slots) return Value();
    int64_t n = tuple_size(*slots);
    if (n > 0 && base->itemsize) {
      return raise(TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                   base->name);
    }
    for (int64_t i = 0; i < n; ++i) {
      Value s = tuple_item(*slots, i);
      if (!is_str(s)) {
        return raise(TypeError, "__slots__ items must be strings, not '%s'", type_of(s)->name);
      }
      if (!is_identifier(s)) return raise(TypeError, "__slots__ must be identifiers");
      if (str_equal_ascii(s, "__dict__")) {
        if (!may_add_dict || add_dict)
          return raise(TypeError, "__dict__ slot disallowed: we already got one");
        add_dict = true;
        continue;
      }
      if (str_equal_ascii(s, "__weakref__")) {
        if (!may_add_weak || add_weak) {
          return raise(TypeError,
                       "__weakref__ slot disallowed: either we already got one, or "
                       "__itemsize__ != 0");
        }
        add_weak = true;
        continue;
      }
      Ref m(mangle(name, s));
      if (!m) return Value();
      Value mi = str_intern(m.release());
      Ref hold(mi);
      if (dict_get(*dict, mi)) {
        return raise(ValueError, "%R in __slots__ conflicts with class variable", mi);
      }
      if (list_append(*newslots, mi) < 0) return Value();
    }
    if (list_sort(*newslots, Value(), false) < 0) return Value();
  }

  // The class object.
  Object* o = alloc_object(metatype, metatype->basicsize);
  if (!o) return Value();
  Ref type_ref(Value::from(o));
  Type* type = reinterpret_cast<Type*>(o);
  HeapType* ht = as_heap(type);
  type->flags = TF_HEAPTYPE | TF_BASETYPE;
  // Instances of classes are collected; classes of metaclasses are kept out of the
  // collector (type objects carry no GCHeader, static ones cannot).
  if (!is_subtype(base, &TypeType)) type->flags |= TF_HAVE_GC;
  type->base = base;
  type->bases = bases_ref.release();
  if (!is_exact_str(name)) {
    Ref copy(str_from_utf8(str_utf8(name)));
    if (!copy) return Value();
    set_heap_name(type, *copy);
  } else {
    set_heap_name(type, name);
  }
  type->dict = dict.release();
  Value d = type->dict;

  // Layout: the base's fields, the __slots__ members, then __dict__ and __weakref__.
  size_t slotoffset = base->basicsize;
  int64_t nslots = list_size(*newslots);
  if (has_slots) {
    type->slot_names = list_as_tuple(*newslots);
    if (!type->slot_names) return Value();
  }
  if (nslots > 0) {
    auto* members = static_cast<MemberDef*>(mem_alloc(sizeof(MemberDef) * size_t(nslots + 1)));
    if (!members) return raise_no_memory();
    std::memset(static_cast<void*>(members), 0, sizeof(MemberDef) * size_t(nslots + 1));
    for (int64_t i = 0; i < nslots; ++i) {
      // The names live as long as slot_names (interned strs): their UTF-8 stays valid.
      members[i].name = str_utf8(tuple_item(type->slot_names, i)).data();
      members[i].kind = MemberKind::ObjectEx;
      members[i].offset = slotoffset;
      members[i].readonly = false;
      slotoffset += sizeof(Value);
    }
    ht->slot_members = members;
  }
  if (add_dict) {
    if (base->itemsize || has_flag(base, TF_STR_SUBCLASS)) {
      type->dictoffset = -int64_t(sizeof(Value));
    } else {
      type->dictoffset = int64_t(slotoffset);
    }
    slotoffset += sizeof(Value);
  }
  if (add_weak) {
    type->weaklistoffset = int64_t(slotoffset);
    slotoffset += sizeof(Value);
  }
  type->basicsize = slotoffset;
  type->itemsize = base->itemsize;

  // The namespace's special entries.
  if (!dict_get_str(d, STRATA_NAME(__module__))) {
    Value g = current_globals();
    Value modname = g ? dict_get_str(g, STRATA_NAME(__name__)) : Value();
    if (modname && dict_set(d, STRATA_NAME(__module__), modname) < 0) return Value();
  }
  if (Value q = dict_get_str(d, STRATA_NAME(__qualname__))) {
    if (!is_str(q)) {
      return raise(TypeError, "type __qualname__ must be a str, not %s", type_of(q)->name);
    }
    type->qualname = newref(q);
    if (dict_del(d, STRATA_NAME(__qualname__)) < 0) return Value();
  } else {
    type->qualname = newref(type->name_obj);
  }
  if (Value f = dict_get_str(d, STRATA_NAME(__new__)); f && is_plain_function(f)) {
    Ref sm(staticmethod_new(f));
    if (!sm || dict_set(d, STRATA_NAME(__new__), *sm) < 0) return Value();
  }
  for (Value special : {STRATA_NAME(__init_subclass__), STRATA_NAME(__class_getitem__)}) {
    if (Value f = dict_get_str(d, special); f && is_plain_function(f)) {
      Ref cm(classmethod_new(f));
      if (!cm || dict_set(d, special, *cm) < 0) return Value();
    }
  }
  Ref classcell(dict_pop(d, STRATA_NAME(__classcell__)));
  if (classcell && type_of(*classcell) != &CellType) {
    return raise(TypeError, "__classcell__ must be a nonlocal cell, not %R",
                 Value::from(type_of(*classcell)));
  }
  // Defining __eq__ without __hash__ makes instances unhashable.
  if (dict_get_str(d, STRATA_NAME(__eq__)) && !dict_get_str(d, STRATA_NAME(__hash__))) {
    if (dict_set(d, STRATA_NAME(__hash__), None()) < 0) return Value();
  }
  for (int64_t i = 0; i < nslots; ++i) {
    Ref m(member_descr_new(type, &ht->slot_members[i]));
    if (!m || dict_set(d, tuple_item(type->slot_names, i), *m) < 0) return Value();
  }
  if (add_dict && !dict_get_str(d, STRATA_NAME(__dict__))) {
    Ref g(getset_descr_new(type, &subtype_dict_getset));
    if (!g || dict_set(d, STRATA_NAME(__dict__), *g) < 0) return Value();
  }
  if (add_weak && !dict_get_str(d, STRATA_NAME(__weakref__))) {
    Ref g(getset_descr_new(type, &subtype_weakref_getset));
    if (!g || dict_set(d, STRATA_NAME(__weakref__), *g) < 0) return Value();
  }
  if (!dict_get_str(d, STRATA_NAME(__doc__))) {
    if (dict_set(d, STRATA_NAME(__doc__), None()) < 0) return Value();
  }

  type->dealloc = subtype_dealloc;
  if (has_flag(type, TF_HAVE_GC)) {
    type->traverse = subtype_traverse;
    type->clear = subtype_clear;
  }
  if (type_ready(type) < 0) return Value();
  // Every class whose instances have a __dict__ at a fixed place shares keys among them,
  // inherited dict or not (so attribute access on subclasses specializes too); type_ready
  // has inherited the base's dictoffset.
  if (type->dictoffset > 0) type->cached_keys = dict_new_shared_keys();
  // type_ready inherited the base's slots; now the class's own dunders decide.
  fixup_slot_dispatchers(type);
  if (classcell) set_ref(&classcell.get().as<CellObject>()->ref, newref(Value::from(type)));
  if (set_names(type) < 0) return Value();
  if (init_subclass(type, kwds) < 0) return Value();
  return type_ref.release();
}

// Recomputes the MRO and the slots of type and its subclasses (after __bases__ changed).
static int mro_hierarchy(Type* type) {
  Value mro = mro_internal(type);
  if (!mro) return -1;
  set_ref(&type->mro, mro);
  type_modified(type);
  fixup_slot_dispatchers(type);
  if (Value subs = type->subclasses) {
    int64_t pos = 0;
    Value key, value;
    while (dict_next(subs, &pos, &key, &value)) {
      int64_t addr = 0;
      if (int_to_i64(value, &addr) && mro_hierarchy(reinterpret_cast<Type*>(addr)) < 0)
        return -1;
    }
  }
  return 0;
}

static int type_set_bases(Value self, Value v) {
  Type* t = self.as<Type>();
  if (check_set_special(t, v, "__bases__") < 0) return -1;
  if (!is_tuple(v)) {
    raise(TypeError, "can only assign tuple to %s.__bases__, not %s", t->name,
          type_of(v)->name);
    return -1;
  }
  if (tuple_size(v) == 0) {
    raise(TypeError, "can only assign non-empty tuple to %s.__bases__, not ()", t->name);
    return -1;
  }
  for (int64_t i = 0; i < tuple_size(v); ++i) {
    Value b = tuple_item(v, i);
    if (!is_type(b)) {
      raise(TypeError, "%s.__bases__ must be tuple of classes, not '%s'", t->name,
            type_of(b)->name);
      return -1;
    }
    if (is_subtype(b.as<Type>(), t)) {
      raise(TypeError, "a __bases__ item causes an inheritance cycle");
      return -1;
    }
  }
  Type* new_base = best_base(v);
  if (!new_base) return -1;
  if (solid_base(new_base) != solid_base(t->base)) {
    raise(TypeError, "__bases__ assignment: '%s' object layout differs from '%s'",
          new_base->name, t->base->name);
    return -1;
  }
  Value old_bases = t->bases;
  Type* old_base = t->base;
  Value old_mro = newref(t->mro);
  t->bases = newref(v);
  t->base = new_base;
  if (mro_hierarchy(t) < 0) {
    decref(t->bases);
    t->bases = old_bases;
    t->base = old_base;
    set_ref(&t->mro, old_mro);
    return -1;
  }
  decref(old_mro);
  for (int64_t i = 0; i < tuple_size(old_bases); ++i)
    remove_subclass(tuple_item(old_bases, i).as<Type>(), t);
  for (int64_t i = 0; i < tuple_size(v); ++i)
    if (add_subclass(tuple_item(v, i).as<Type>(), t) < 0) {
      decref(old_bases);
      return -1;
    }
  decref(old_bases);
  return 0;
}

// -- Start-up ---------------------------------------------------------------------------------

int init_types() {
  init_slotdefs();
  // object and type first: every other type's dict is filled with descriptors whose
  // types are readied after them.
  Type* const types[] = {
      &ObjectType, &TypeType, &NoneType, &NotImplementedType, &EllipsisType,
      &IntType, &BoolType, &FloatType, &ComplexType,
      &StrType, &BytesType, &ByteArrayType,
      &TupleType, &ListType, &DictType, &SetType, &FrozenSetType,
      &RangeType, &SliceType,
      &FunctionType, &MethodType, &CodeType, &CellType, &ModuleType, &FrameType,
      &BuiltinFunctionType, &MethodDescrType, &ClassMethodDescrType, &MemberDescrType,
      &GetSetDescrType, &WrapperDescrType, &MethodWrapperType,
      &StaticMethodType, &ClassMethodType, &PropertyType, &SuperType,
      &GeneratorType, &CoroutineType, &AsyncGeneratorType, &TracebackType,
      &WeakRefType, &WeakProxyType, &WeakCallableProxyType,
      &MappingProxyType, &UnionType,
  };
  for (Type* t : types)
    if (type_ready(t) < 0) return -1;
  return 0;
}

}  // namespace strata
