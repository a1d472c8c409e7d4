// vm/range.h — range, slice and the built-in iterator types (sequence iterator, enumerate,
// zip, map, filter, reversed, callable iterator). Implemented in vm/range.cpp,
// vm/slice.cpp and vm/iterators.cpp.
#pragma once
#include "vm/object.h"

namespace strata {

struct SliceObject {
  Object ob;
  Value start, stop, step;  // never null (None when absent)
};

Value slice_new(Value start, Value stop, Value step);  // null arguments mean None
// Computes a slice's indices for a sequence of `length` (slice.indices); returns the
// number of items, or -1 with an exception set.
int64_t slice_indices(Value slice, int64_t length, int64_t* start, int64_t* stop,
                      int64_t* step);
// iter() over any object with __getitem__ (the old sequence protocol).
Value seq_iter_new(Value seq);
// iter(callable, sentinel)
Value callable_iter_new(Value callable, Value sentinel);

// -- Added by the containers area -------------------------------------------------------

inline bool is_slice(Value v) { return !v.is_small() && v.obj()->type == &SliceType; }
// PySlice_Unpack: the slice's values as clamped int64 (start/stop defaulted by the sign
// of step); false with an exception set ("slice step cannot be zero", TypeError).
bool slice_unpack(Value slice, int64_t* start, int64_t* stop, int64_t* step);
// PySlice_AdjustIndices: clips start/stop to a sequence of `length`; returns the count.
int64_t slice_adjust(int64_t length, int64_t* start, int64_t* stop, int64_t step);
// _PySlice_GetLongIndices: slice.indices(length) over arbitrary ints (length >= 0, an
// int); new references in start/stop/step; false with an exception set.
bool slice_long_indices(Value slice, Value length, Value* start, Value* stop, Value* step);

// The iterator and view types that vm/object.h does not name; init_container_types()
// readies them (type_ready) once at start-up, after init_types().
extern Type TupleIterType, ListIterType, ListRevIterType;
extern Type DictKeysType, DictValuesType, DictItemsType;
extern Type DictKeyIterType, DictValueIterType, DictItemIterType;
extern Type DictRevKeyIterType, DictRevValueIterType, DictRevItemIterType;
extern Type SetIterType, RangeIterType, LongRangeIterType;
extern Type SeqIterType, CallableIterType;
// The built-in iterator classes (the builtins module binds these names).
extern Type EnumerateType, ZipType, MapType, FilterType, ReversedType;
int init_container_types();

// types.GenericAlias (vm/genericalias.cpp): origin[args]. args is a tuple or one item.
extern Type GenericAliasType;
Value generic_alias_new(Value origin, Value args);
// __class_getitem__ of the built-in generic classes (a METH_O | METH_CLASS method).
Value class_getitem(Value cls, const Value* args, size_t nargs, Value kwnames);

// tp_iter of iterators: returns self (new reference).
Value iter_self(Value self);

// The iterator's layout, for FOR_ITER's specialized forms.
struct RangeIterObject {
  Object ob;
  int64_t start, step, len;
};

}  // namespace strata
