// vm/specialize.h — tiers 0 and 1 (decisions 7 and 8): promotion of a code object to
// tier 1 on its second execution, quickening (the writable copy of its bytecode, with
// counters and superinstructions), and the adaptive specializer that rewrites a generic
// instruction into one of its specialized forms (vm/instructions.def, "Tier 1") and
// fills its inline cache. Implemented in vm/specialize.cpp.
//
// The adaptive counter (the first cache unit of every specializable instruction) holds a
// value in its high 12 bits and a backoff exponent in its low 4 bits. A generic
// instruction at tier 1 decrements the value; at zero it asks the specializer. Success
// rewrites the opcode and sets the counter to a cooldown; failure leaves the generic form
// and sets the value to 2^backoff - 1, doubling the wait each time (exponential backoff).
// A specialized form whose guard fails runs the generic body (DEOPT_IF), which counts the
// miss: after `cooldown` misses the instruction is specialized again, for what it now
// sees, or falls back to the generic form.
//
// Cache layouts of the specialized forms (in 16-bit units after the instruction):
//   LOAD_GLOBAL_*    [1] entry index, [2..3] globals keys version, [4..5] builtins keys
//   LOAD_ATTR_*      [1..2] type version (MODULE: the entry index), [3..4] INSTANCE_VALUE:
//                    value index, SLOT: byte offset, MODULE: keys version, METHOD_WITH_
//                    VALUES: shared keys version; [5..8] the cached object (CLASS, METHOD_*)
//   STORE_ATTR_*     [1..2] type version, [3] value index or byte offset
//   CALL_PY_* etc.   [1..2] function version
#pragma once
#include <cstdint>
#include <cstring>

#include "vm/func.h"
#include "vm/interp.h"

namespace strata {

// The bytecode a new frame of `code` runs, promoting the code to tier 1 when this is its
// second execution (first with -X thresholds=1; never with -X max_tier=0); *tier says
// which it is.
const uint16_t* code_promote(CodeRT* code, uint8_t* tier);
inline const uint16_t* code_enter(CodeRT* code, uint8_t* tier) {
  if (code->quickened) {
    *tier = 1;
    return code->quickened;
  }
  return code_promote(code, tier);
}

// A loop's backward jump at tier 0: true when the code's loops have now run often enough
// to promote it (-X max_tier=0: never), and the code is then quickened.
bool code_loop_is_hot(CodeRT* code);
// Moves a running tier-0 frame of promoted code to the quickened copy (the offsets are
// the same); returns its old base.
inline const uint16_t* frame_switch_to_tier1(Frame* frame) {
  const uint16_t* old = frame->base;
  frame->base = frame->code->quickened;
  frame->tier = 1;
  frame->instr = frame->base + (frame->instr - old);
  return old;
}

// -- Inline cache access --------------------------------------------------------------------

inline uint32_t cache_u32(const uint16_t* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void set_cache_u32(uint16_t* p, uint32_t v) { std::memcpy(p, &v, sizeof v); }
inline Value cache_value(const uint16_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return Value::from_bits(v);
}
inline void set_cache_value(uint16_t* p, Value v) {
  uint64_t b = v.bits();
  std::memcpy(p, &b, sizeof b);
}

inline bool counter_is_zero(uint16_t c) { return (c >> 4) == 0; }
inline uint16_t counter_decrement(uint16_t c) { return uint16_t(c - 16); }

// -- The specializer (each: true when it rewrote the instruction; `cache` is its first
// cache unit, the instruction itself is cache[-1]) ---------------------------------------

bool specialize_binary_op(uint16_t* cache, Value lhs, Value rhs, int oparg);
bool specialize_compare_op(uint16_t* cache, Value left, Value right, int oparg);
bool specialize_binary_subscr(uint16_t* cache, Value container, Value sub);
bool specialize_store_subscr(uint16_t* cache, Value container, Value sub);
bool specialize_load_global(uint16_t* cache, Frame* frame, Value name);
bool specialize_load_attr(uint16_t* cache, Value owner, Value name, int oparg);
bool specialize_store_attr(uint16_t* cache, Value owner, Value name);
bool specialize_call(uint16_t* cache, Value meth_or_null, Value callable_or_self, int oparg,
                     Value kwnames);
bool specialize_for_iter(uint16_t* cache, Value iter);
bool specialize_unpack_sequence(uint16_t* cache, Value seq, int oparg);

// A specialized form's guard failed (DEOPT_IF): counts the miss; after `cooldown` misses
// the instruction becomes its generic form again, which specializes anew at its next
// execution.
void specialization_miss(uint16_t* cache, int opcode);

// The built-in len and isinstance, as CALL_LEN / CALL_ISINSTANCE guard on them: set (and
// held, so `del builtins.len` cannot free them) by the first specialize_call.
extern Value held_len, held_isinstance;

// -- -X stats ---------------------------------------------------------------------------------

struct OpcodeStats {
  uint64_t executions;  // times the instruction ran (generic or specialized form)
  uint64_t misses;      // a specialized form's guard failed (the generic body ran)
};
extern OpcodeStats opcode_stats[256];
// Prints the per-family table to stderr (runtime_finish calls it with -X stats).
void print_specialization_stats();

}  // namespace strata
