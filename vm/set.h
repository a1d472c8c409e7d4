// vm/set.h — set and frozenset, with CPython's table (open addressing with linear probes
// then perturbation) so that iteration order, and so a printed set, equals CPython's.
// Implemented in vm/set.cpp.
#pragma once
#include "vm/object.h"

namespace strata {

Value set_new(Value iterable);        // iterable may be null
Value frozenset_new(Value iterable);  // iterable may be null
int set_add(Value s, Value key);
int set_contains(Value s, Value key);
int set_discard(Value s, Value key);  // 1 if removed
int set_update(Value s, Value iterable);
int64_t set_size(Value s);
bool set_next(Value s, int64_t* pos, Value* key);  // borrowed key

}  // namespace strata
