// stdlib/structseq.h — struct sequences for the native modules (os.stat_result,
// time.struct_time, posix.uname_result, ...): tuples whose items are also named
// attributes, as CPython's PyStructSequence. The first `n_in_sequence` fields are the
// tuple's items; the others are hidden (attributes only), stored after the visible items
// in the same allocation. Implemented in stdlib/structseq.cpp.
#pragma once
#include "vm/object.h"

namespace strata {

// A field whose name is null is unnamed: it is a tuple item but no attribute (the
// integer times of os.stat_result). Unnamed fields must all be visible.
struct StructSeqDesc {
  const char* name;  // "os.stat_result": the module is the part before the last dot
  const char* doc;
  const char* const* fields;
  int n_fields;
  int n_in_sequence;
};

// Readies `type` (a zero-filled static Type) as the struct sequence `desc` describes;
// `members` has room for n_fields + 1 entries and lives as long as the type. 0, or -1.
int structseq_init_type(Type* type, const StructSeqDesc* desc, MemberDef* members);
// A new instance; steals items[0..n_fields) (null entries mean None; if any was null
// because creating it failed, pass fail = true: the others are released and null is
// returned with the pending exception).
Value structseq_new(Type* type, Value* items, bool fail = false);

// type(sequence, dict=None) as CPython's structseq_new: the type's new_ unless it sets its
// own (which may call this one and adjust the result).
Value structseq_generic_new(Type* type, const Value* args, size_t nargs, Value kwnames);

}  // namespace strata
