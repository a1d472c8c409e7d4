// Generated from vm/instructions.def by tools/gen_instructions.py. Do not edit.
// The instruction set: what the compiler, the assembler, the code image, `-m dis`
// and the interpreters know about each opcode (see vm/instructions.def).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace strata {

// Real opcodes: the low byte of a code unit. Those below HAVE_ARGUMENT ignore the
// high byte (the oparg).
enum class Op : uint8_t {
  // CACHE: inline cache entry
  CACHE = 0,
  // ADD: res = lhs + rhs
  ADD = 1,
  // ADD_INT: ADD specialized for ints
  ADD_INT = 2,
  // RET: return the top
  RET = 3,
  // LOAD: push co_consts[oparg]
  LOAD = 4,
  // GLOBAL: co_names[oparg >> 1], NULL first with oparg & 1
  GLOBAL = 5,
  // COPY: copy the item oparg deep
  COPY = 6,
  // LOOP: jump back by oparg
  LOOP = 7,
  // NEXT: push next(iter), or pop it and jump
  NEXT = 8,
  // CMP: compare with CompareOp oparg >> 4
  CMP = 9,
};
inline constexpr int kNumOps = 10;
inline constexpr int HAVE_ARGUMENT = 4;

// Pseudo opcodes: only in the compiler's instruction sequences; the assembler
// replaces or removes them. Numbered from kMinPseudoOp, never stored in code.
enum class PseudoOp : uint16_t {
  // SETUP: pseudo: protected range with a handler label
  SETUP = 256,
  // GOTO: pseudo jump
  GOTO = 257,
};
inline constexpr int kMinPseudoOp = 256;
inline constexpr int kEndPseudoOp = 258;

// Any opcode, real or pseudo, as the compiler handles them: op::LOAD_CONST,
// op::JUMP, ... The functions below take an int opcode of either kind.
using Opcode = uint16_t;
namespace op {
inline constexpr Opcode CACHE = 0;
inline constexpr Opcode ADD = 1;
inline constexpr Opcode ADD_INT = 2;
inline constexpr Opcode RET = 3;
inline constexpr Opcode LOAD = 4;
inline constexpr Opcode GLOBAL = 5;
inline constexpr Opcode COPY = 6;
inline constexpr Opcode LOOP = 7;
inline constexpr Opcode NEXT = 8;
inline constexpr Opcode CMP = 9;
inline constexpr Opcode SETUP = 256;
inline constexpr Opcode GOTO = 257;
}  // namespace op

// Changes whenever opcode numbers, arguments or cache sizes do: code images
// record it and are rejected when it differs.
inline constexpr uint32_t kOpcodeTableHash = 0x5a76be50;

// stack_effect() of an unknown opcode.
inline constexpr int kInvalidStackEffect = 0x7fffffff;

// -- Flags ---------------------------------------------------------------------

enum OpFlag : uint32_t {
  OPF_ARG = 1u << 0,  // takes an oparg (EXTENDED_ARG prefixes extend it)
  OPF_JUMP = 1u << 1,  // oparg is a jump (relative; a label for pseudo ops)
  OPF_JUMP_BACKWARD = 1u << 2,  // the jump goes backward
  OPF_CONST = 1u << 3,  // oparg indexes co_consts
  OPF_NAME = 1u << 4,  // name_index(op, oparg) indexes co_names
  OPF_LOCAL = 1u << 5,  // oparg indexes localsplus (a plain local)
  OPF_FREE = 1u << 6,  // oparg indexes localsplus (a cell or free variable)
  OPF_COMPARE = 1u << 7,  // compare_index(op, oparg) is a CompareOp
  OPF_RAISES = 1u << 8,  // may raise an exception
  OPF_TERMINATES = 1u << 9,  // leaves the frame (return, raise)
  OPF_NO_FALLTHROUGH = 1u << 10,  // never continues with the next instruction
  OPF_BLOCK_PUSH = 1u << 11,  // SETUP_*: its label is an exception handler
  OPF_PSEUDO = 1u << 12,  // a pseudo opcode (>= kMinPseudoOp)
  OPF_SPECIALIZED = 1u << 13,  // a specialized form: deopt(op) != op
};

// Indexed by any opcode; zero for the numbers between kNumOps and kMinPseudoOp.
inline constexpr uint32_t kOpFlags[kEndPseudoOp] = {
  /* CACHE */ 0,
  /* ADD */ OPF_RAISES,
  /* ADD_INT */ OPF_RAISES | OPF_SPECIALIZED,
  /* RET */ OPF_TERMINATES | OPF_NO_FALLTHROUGH,
  /* LOAD */ OPF_ARG | OPF_CONST,
  /* GLOBAL */ OPF_ARG | OPF_NAME,
  /* COPY */ OPF_ARG,
  /* LOOP */ OPF_ARG | OPF_JUMP | OPF_JUMP_BACKWARD | OPF_NO_FALLTHROUGH,
  /* NEXT */ OPF_ARG | OPF_JUMP,
  /* CMP */ OPF_ARG | OPF_COMPARE,
  /* 10..255: unused */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0,
  /* SETUP */ OPF_ARG | OPF_JUMP | OPF_BLOCK_PUSH | OPF_PSEUDO,
  /* GOTO */ OPF_ARG | OPF_JUMP | OPF_NO_FALLTHROUGH | OPF_PSEUDO,
};

constexpr bool is_real_op(int op) { return op >= 0 && op < kNumOps; }
constexpr bool is_pseudo(int op) { return op >= kMinPseudoOp && op < kEndPseudoOp; }
constexpr bool is_valid_opcode(int op) { return is_real_op(op) || is_pseudo(op); }
constexpr uint32_t op_flags(int op) { return is_valid_opcode(op) ? kOpFlags[op] : 0; }
constexpr bool has_arg(int op) { return (op_flags(op) & OPF_ARG) != 0; }
constexpr bool has_jump(int op) { return (op_flags(op) & OPF_JUMP) != 0; }
constexpr bool is_backward_jump(int op) { return (op_flags(op) & OPF_JUMP_BACKWARD) != 0; }
constexpr bool has_const(int op) { return (op_flags(op) & OPF_CONST) != 0; }
constexpr bool has_name(int op) { return (op_flags(op) & OPF_NAME) != 0; }
constexpr bool has_local(int op) { return (op_flags(op) & OPF_LOCAL) != 0; }
constexpr bool has_free(int op) { return (op_flags(op) & OPF_FREE) != 0; }
constexpr bool has_compare(int op) { return (op_flags(op) & OPF_COMPARE) != 0; }
constexpr bool can_raise(int op) { return (op_flags(op) & OPF_RAISES) != 0; }
constexpr bool is_terminator(int op) { return (op_flags(op) & OPF_TERMINATES) != 0; }
constexpr bool no_fallthrough(int op) { return (op_flags(op) & OPF_NO_FALLTHROUGH) != 0; }
constexpr bool is_block_push(int op) { return (op_flags(op) & OPF_BLOCK_PUSH) != 0; }
constexpr bool is_specialized(int op) { return (op_flags(op) & OPF_SPECIALIZED) != 0; }

// -- Inline caches (16-bit code units after the instruction) -------------------

inline constexpr uint8_t kCacheSize[kNumOps] = {
  /* CACHE */ 0,
  /* ADD */ 3,
  /* ADD_INT */ 3,
  /* RET */ 0,
  /* LOAD */ 0,
  /* GLOBAL */ 1,
  /* COPY */ 0,
  /* LOOP */ 0,
  /* NEXT */ 0,
  /* CMP */ 0,
};
constexpr int cache_size(int op) { return is_real_op(op) ? kCacheSize[op] : 0; }
struct CacheField {
  const char* name;
  uint8_t size;  // code units
};
// The named fields of an instruction's caches, in order (empty when none).
std::span<const CacheField> cache_layout(int op);

// -- Specialized forms ---------------------------------------------------------

inline constexpr uint8_t kDeopt[kNumOps] = {
  /* CACHE */ 0,
  /* ADD */ 1,
  /* ADD_INT */ 1,
  /* RET */ 3,
  /* LOAD */ 4,
  /* GLOBAL */ 5,
  /* COPY */ 6,
  /* LOOP */ 7,
  /* NEXT */ 8,
  /* CMP */ 9,
};
// The base instruction of a specialized form; any other opcode itself.
constexpr int deopt(int op) { return is_real_op(op) ? kDeopt[op] : op; }

// -- Names and stack effects ---------------------------------------------------

const char* op_name(Op op);
// The name of any opcode; nullptr when it is none.
const char* opcode_name(int op);
// The opcode of a name (real or pseudo), or -1.
int opcode_by_name(std::string_view name);

// Items popped and pushed; `jump` selects the effect when the jump is taken.
// -1 for an unknown opcode.
int stack_pops(int op, int oparg, bool jump = false);
int stack_pushes(int op, int oparg, bool jump = false);
// pushes - pops; kInvalidStackEffect for an unknown opcode.
int stack_effect(int op, int oparg, bool jump);

// The co_names index of a has_name() instruction (LOAD_ATTR: oparg >> 1, ...).
int name_index(int op, int oparg);
// The CompareOp of a has_compare() instruction.
int compare_index(int op, int oparg);

// The oparg of a has_name() instruction naming co_names[index], with `bits` in the
// low bits below the index (LOAD_GLOBAL_NULL, ...); the inverse of name_index().
constexpr int name_oparg(int op, int index, int bits = 0) {
  switch (op) {
    case op::GLOBAL:
      return index << 1 | bits;
    default:
      return index;
  }
}

// -- Oparg meanings ------------------------------------------------------------

// A mask and plain values
enum SampleKind : int {
  SK_ZERO = 0,
  SK_ONE = 1,
  SK_MASK = 4,
  SK_FIVE = 5,
};
// What `-m dis` prints for a SampleKind; nullptr for an unknown value.
const char* sample_kind_text(int value);

// Values computed from earlier entries
enum SampleOparg : int {
  SO_FIRST = 81,
  SO_NEXT = 82,
};
// What `-m dis` prints for a SampleOparg; nullptr for an unknown value.
const char* sample_oparg_text(int value);

// -- Micro-ops (tier 2) --------------------------------------------------------

enum class Uop : uint16_t {
  // GUARD_INT: exit unless both are ints
  GUARD_INT = 0,
  // CALL_FN: call out
  CALL_FN = 1,
};
inline constexpr int kNumUops = 2;
enum UopFlag : uint32_t {
  UOPF_CAN_EXIT = 1u << 0,  // may leave the superblock through an exit
  UOPF_HAS_SIDE_EFFECTS = 1u << 1,  // not removable when its result is unused
  UOPF_ESCAPES = 1u << 2,  // may run arbitrary code (calls out)
};
const char* uop_name(Uop uop);
uint32_t uop_flags(Uop uop);
int uop_stack_pops(Uop uop, int oparg);
int uop_stack_pushes(Uop uop, int oparg);

}  // namespace strata
