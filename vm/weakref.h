// vm/weakref.h — weak references (vm/weakref.cpp).
#pragma once
#include "vm/module.h"
#include "vm/object.h"

namespace strata {

struct WeakRefObject {
  Object ob;
  Object* referent;      // not owned; null once the referent died
  Value callback;        // owned, or null
  int64_t hash;          // -1 until computed
  WeakRefObject* prev;   // in the referent's list
  WeakRefObject* next;
};

extern const BuiltinModuleDef weakref_module_def;  // `_weakref`

}  // namespace strata
