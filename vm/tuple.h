// vm/tuple.h — tuple. Implemented in vm/tuple.cpp.
#pragma once
#include <initializer_list>

#include "vm/object.h"

namespace strata {

struct TupleObject {
  Object ob;
  int64_t size;
  int64_t hash;  // -1 until computed (a tuple's hash cannot change)
  Value items[];
};
inline int64_t tuple_size(Value t) { return t.as<TupleObject>()->size; }
inline Value* tuple_items(Value t) { return t.as<TupleObject>()->items; }
inline Value tuple_item(Value t, int64_t i) { return t.as<TupleObject>()->items[i]; }

// A new tuple of n null items, to be filled (with owned references) before use. The empty
// tuple is a shared immortal object.
Value tuple_new(int64_t n);
Value tuple_from(const Value* items, int64_t n);  // increfs the items
Value tuple_pack(std::initializer_list<Value> items);  // increfs the items
Value tuple_empty();

// The iterator's layout, for FOR_ITER's specialized forms.
struct TupleIterObject {
  Object ob;
  int64_t index;
  Value seq;  // null once exhausted
};

}  // namespace strata
