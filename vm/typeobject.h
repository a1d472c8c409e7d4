// vm/typeobject.h — `type` and `object`: readying built-in types, creating classes (C3
// MRO, __slots__, slots filled from dunder methods, __init_subclass__, __set_name__,
// metaclasses), attribute lookup along the MRO, version tags (decision 6).
// Implemented in vm/typeobject.cpp and vm/object.cpp (the `object` type and the
// singletons None, NotImplemented, Ellipsis).
//
// Instance layout of subclasses (what a built-in type's new_ must respect when it is
// called with a subtype): allocate `type->basicsize` bytes, not sizeof(YourObject); the
// subclass keeps its __dict__, __weakref__ and __slots__ fields after the base's fields.
// For variable-size bases (itemsize != 0, and str), the subclass's extra fields come
// after the items: allocate round_up_8(type->basicsize + n * itemsize) bytes (for str:
// round_up_8(type->basicsize + (length + 1) * kind)); such types get a negative
// dictoffset counted from that end (as CPython's tp_dictoffset < 0).
//
// Binary number slots follow CPython's convention: binary_op() calls the left operand's
// type's slot as slot(a, b) and then the right operand's as slot(a, b) too (NOT swapped),
// so a slot must check which side it is on. The slots of classes (slot_nb_*) rely on it.
#pragma once
#include "vm/object.h"

namespace strata {

// Completes a statically defined type: bases/MRO, inherited slots, the dict with its
// methods, members and getsets as descriptors, __doc__. Returns -1 on error.
int type_ready(Type* type);
// Looks `name` up along type's MRO; borrowed, null (without an exception) if absent.
Value type_lookup(Type* type, Value name);
// type(name, bases, ns) as a class statement does it (metatype is type or a subclass).
// kwds (a dict or null) are the class keywords passed on to __init_subclass__.
Value type_new(Type* metatype, Value name, Value bases, Value ns, Value kwds);
// Invalidates the version tags of type and all its subclasses (a class attribute changed).
void type_modified(Type* type);
// A valid version tag for type (assigning one if needed), 0 if none can be given.
uint32_t type_version(Type* type);
// The most derived metaclass of `meta` and the types of `bases` (a tuple), as
// __build_class__ needs it; null with TypeError "metaclass conflict: ..." set.
Type* calculate_metaclass(Type* meta, Value bases);

// For variable-size layouts (negative dictoffset): the __dict__ slot after the items.
Value* var_dict_slot(Object* o, Type* t);
// The instance __dict__ slot of obj (null if its type has none).
inline Value* instance_dict_slot(Value obj) {
  if (obj.is_small()) return nullptr;
  Type* t = obj.obj()->type;
  if (t->dictoffset > 0)
    return reinterpret_cast<Value*>(reinterpret_cast<char*>(obj.obj()) + t->dictoffset);
  if (t->dictoffset == 0) return nullptr;
  return var_dict_slot(obj.obj(), t);
}
// obj.__dict__, created on demand (null without exception if the type has no dict).
// Borrowed.
Value instance_dict(Value obj);

// The special-method lookup CPython uses for implicit calls (`len(x)` → type(x).__len__):
// looks on the type only; borrowed, null if absent.
inline Value lookup_special(Value obj, Value name) { return type_lookup(type_of(obj), name); }

// types.UnionType: what `int | None` makes (type.__or__).
extern Type UnionType;

// Calls the runtime's init of every built-in type (type_ready for each), once at start-up.
int init_types();

// The `object` type's behaviour, for built-in types that want it explicitly.
Value object_new(Type* type, const Value* args, size_t nargs, Value kwnames);
int object_init(Value self, const Value* args, size_t nargs, Value kwnames);
Value object_repr(Value self);          // "<__main__.Foo object at 0x...>"
int64_t hash_pointer(const void* p);   // object.__hash__: identity, as CPython's
// type.__repr__: "<class 'int'>", "<class '__main__.Foo'>".
Value type_repr(Value type);
// __module__ of a type (new reference; a str for built-in types).
Value type_module(Type* type);
// Raises AttributeError with `name` and `obj` set (for 3.11's "Did you mean" hints):
// "'T' object has no attribute 'x'". Returns null.
Value raise_no_attribute(Value obj, Value name);

}  // namespace strata
