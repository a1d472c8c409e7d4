// vm/descr.h — built-in functions and the descriptors that type_ready() puts into types'
// dicts (method, class-method, member and get-set descriptors, slot wrappers), and the
// Python-visible descriptor types staticmethod, classmethod, property, and super; also
// mappingproxy (the read-only view a type's __dict__ returns).
// Implemented in vm/descr.cpp.
#pragma once
#include "vm/object.h"

namespace strata {

struct BuiltinFunctionObject {  // builtin_function_or_method
  Object ob;
  const MethodDef* def;
  Value self;    // the bound object, or the module for module functions (may be null)
  Value module;  // __module__ (str) or null
};
// A module-level built-in function (self = module, may be null) or a bound built-in method.
Value builtin_function_new(const MethodDef* def, Value self, Value module);

// Descriptors made by type_ready() from a type's MethodDef/MemberDef/GetSetDef tables.
Value method_descr_new(Type* type, const MethodDef* def);
Value member_descr_new(Type* type, const MemberDef* def);
Value getset_descr_new(Type* type, const GetSetDef* def);
// A METH_CLASS method: binds to the type (`dict.fromkeys`).
Value classmethod_descr_new(Type* type, const MethodDef* def);

Value staticmethod_new(Value callable);
Value classmethod_new(Value callable);
Value property_new(Value fget, Value fset, Value fdel, Value doc);

// The layouts of the descriptor objects (for the specializer: a LOAD_ATTR on a slot
// member reads `def->offset` directly, a method descriptor call calls `def->fn`).
struct DescrObject {  // method, classmethod, member and getset descriptors share a head
  Object ob;
  Type* type;   // the type that defines the attribute (borrowed: types outlive them)
  Value name;   // interned str
  Value qualname;  // lazily computed, or null
  union {
    const MethodDef* method;
    const MemberDef* member;
    const GetSetDef* getset;
  };
};
struct StaticMethodObject {  // staticmethod and classmethod
  Object ob;
  Value callable;
  Value dict;  // __dict__, or null
};
struct PropertyObject {
  Object ob;
  Value fget, fset, fdel, doc;  // each may be null
  Value name;                   // fget.__name__ when it has one (for error messages)
  bool getter_doc;              // doc was taken from fget
};
struct SuperObject {
  Object ob;
  Type* type;      // super(type, obj): the class the search starts after (owned)
  Value obj;       // obj or null (unbound super)
  Type* obj_type;  // type(obj), or obj itself when obj is a type (owned, or null)
};

// -- Slot wrappers (`int.__add__`, `(1).__add__`) --------------------------------------------

struct SlotDef;  // one row of the slot table (vm/typeobject.cpp)
struct WrapperDescrObject {  // wrapper_descriptor: "<slot wrapper '__add__' of 'int' objects>"
  Object ob;
  Type* type;           // the type whose slot it wraps
  Value name;           // interned dunder name
  const SlotDef* slot;  // how to call the slot
  void* wrapped;        // the slot function of `type` at the time it was made
};
struct MethodWrapperObject {  // method-wrapper: the descriptor bound to an object
  Object ob;
  Value descr;  // WrapperDescrObject
  Value self;
};
Value wrapper_descr_new(Type* type, Value name, const SlotDef* slot, void* wrapped);
// Implemented in vm/typeobject.cpp: calls `wrapped` (a slot function of `type`) in the
// way `slot` says, with self and the Python-level arguments of the dunder method.
Value slot_wrapper_call(const SlotDef* slot, Type* type, void* wrapped, Value self,
                        const Value* args, size_t nargs, Value kwnames);

// -- mappingproxy --------------------------------------------------------------------------

extern Type MappingProxyType;
Value mappingproxy_new(Value mapping);  // a read-only view of mapping

// -- super -----------------------------------------------------------------------------------

// super(type, obj) / super(type, type2) / super(type).
Value super_new(Value type, Value obj);
// super() without arguments: __class__ and the first argument of the running frame.
Value super_new_zero_arg();
// The running frame's super() arguments: its `__class__` cell's value and its first
// argument (both borrowed). Returns false with RuntimeError set ("super(): no arguments",
// "super(): __class__ cell not found", "super(): empty __class__ cell",
// "super(): arg[0] deleted"). Implemented by the lead in vm/frame.cpp.
bool frame_super_args(Value* type, Value* obj);
// super(type, obj).name without making a super object (LOAD_SUPER_ATTR).
Value super_getattr(Value type, Value obj, Value name);
// The method form of LOAD_SUPER_ATTR, as get_method() (vm/abstract.h): 1 with the unbound
// function in *method (call it with obj first), 0 with the attribute's value, -1 on error.
int super_get_method(Value type, Value obj, Value name, Value* method);

}  // namespace strata
