// frontend/assembler.h — the instruction sequence the compiler emits (labels, jumps,
// pseudo-instructions, source locations) and the assembler that turns it into a code
// object's code, stacksize, linetable and exceptiontable (frontend/code.h).
//
// What the assembler does (CPython 3.12's flowgraph.c + assemble.c, our own code):
//   1. splits the sequence into basic blocks at labels and after jumps/terminators;
//   2. labels exception handlers from SETUP_FINALLY / SETUP_CLEANUP / SETUP_WITH ...
//      POP_BLOCK (a stack of handlers propagated along the control-flow graph), then
//      drops those pseudo-instructions;
//   3. peephole: LOAD_CONST+RETURN_VALUE -> RETURN_CONST, LOAD_CONST None+IS_OP+
//      POP_JUMP_IF_x -> POP_JUMP_IF_[NOT_]NONE, conditional jumps on a constant,
//      (also on a LOAD_CONST's COPY 1: `x = 1 or y`), BUILD_TUPLE n+UNPACK_SEQUENCE n
//      -> SWAP, runs of SWAPs shortened and SWAPs applied to the following STORE_FAST /
//      POP_TOPs where that is unobservable (3.12's swaptimize, apply_static_swaps),
//      LOAD_CONST n times + BUILD_TUPLE n -> LOAD_CONST of the tuple (appended to
//      out.consts unless already there: 3.12's fold_tuple_on_constants),
//      LOAD_CONST or COPY 1 + POP_TOP dropped, jump-to-jump threading, jumps to the
//      next block, small exit blocks copied into the blocks that jump to them,
//      unreachable blocks removed, redundant NOPs removed (keeping line numbers);
//      then constants no instruction uses any more are dropped from out.consts and
//      the LOAD_CONST / RETURN_CONST / KW_NAMES opargs renumbered (index 0, maybe the
//      docstring, always stays; 3.12's remove_unused_consts);
//   4. line numbers: an instruction without a location takes the one of the
//      instruction before it in its block, or of its only predecessor block;
//   5. resolves pseudo-instructions: JUMP -> JUMP_FORWARD / JUMP_BACKWARD,
//      JUMP_NO_INTERRUPT -> JUMP_FORWARD / JUMP_BACKWARD_NO_INTERRUPT, a backward
//      conditional jump -> the inverted forward jump over a JUMP_BACKWARD (conditional
//      jumps are forward-only, as 3.12), LOAD_METHOD & co -> LOAD_ATTR /
//      LOAD_SUPER_ATTR with the flag bits, STORE_FAST_MAYBE_NULL -> STORE_FAST;
//      YIELD_VALUE's oparg becomes the depth of the handler stack at the yield (3.12);
//      what CPython inserts after line numbers are resolved has no location: the
//      prefix (COPY_FREE_VARS, MAKE_CELL, the POP_TOP after RETURN_GENERATOR) and the
//      JUMP_BACKWARD added under an inverted conditional jump;
//   6. maximum stack depth: a walk of the graph with the stack effects generated from
//      vm/instructions.def (a handler is entered at the depth of its SETUP_* plus the
//      SETUP_*'s jump effect);
//   7. lays out code units: EXTENDED_ARG prefixes where an oparg exceeds 255, jump
//      offsets recomputed until stable, zeroed inline CACHE units after instructions
//      that have them; then the exception table and the location table in CPython
//      3.11's encodings.
//
// Not done here: operator folding and the other folds of CPython's ast_opt.c and
// compile.c (the compiler does them). Of the code object's tables, the assembler
// changes only out.consts (tuple folding appends, unused constants go); it never adds
// names or locals.
#pragma once
#include <cstdint>
#include <type_traits>
#include <vector>

#include "frontend/code.h"
#include "frontend/diagnostic.h"

namespace strata {

// A source range, as CPython's `location`: lines 1-based, columns 0-based UTF-8 byte
// offsets, end column exclusive. -1 means "unknown". An instruction whose lineno is -1
// inherits the location of the instruction executed before it (step 4 above); one that
// still has none after that is recorded as "no location" in the linetable.
// Columns may be -1 with a known line: the linetable then records the line only.
struct Location {
  int lineno = -1, end_lineno = -1, col_offset = -1, end_col_offset = -1;
  friend bool operator==(const Location&, const Location&) = default;
};
inline constexpr Location kNoLocation{};

// One instruction of the compiler's output.
//   op: a real opcode (< 256, `Op` in the generated vm/opcodes.h) or a pseudo-opcode
//       (>= 256), stored as its number so both enums fit.
//   oparg: for real opcodes, the final argument (for LOAD_ATTR that is name<<1 |
//       method bit, for LOAD_SUPER_ATTR name<<2 | bits — use the helpers below); for
//       pseudo-opcodes, see the list at emit(). For jumps the oparg is ignored: the
//       assembler computes it from `target`.
//   target: a label id for jumps and SETUP_* (the handler); -1 otherwise.
struct Instr {
  uint16_t op = 0;
  int oparg = 0;
  int target = -1;
  Location loc;
};

// The sequence the compiler builds, in emission order. Labels are small integers;
// bind() attaches a label to the position of the next instruction emitted. A label may
// be bound once, before or after the jumps that use it. Several labels may share a
// position. Binding a label at the very end (no instruction after) is allowed only if
// nothing can reach it (the assembler reports an error otherwise).
class InstrSeq {
 public:
  int new_label() {
    label_pos_.push_back(-1);
    return static_cast<int>(label_pos_.size()) - 1;
  }
  void bind(int label) { label_pos_[label] = static_cast<int>(instrs_.size()); }

  // Pseudo-instructions the compiler may emit (oparg meaning in parentheses):
  //   JUMP, JUMP_NO_INTERRUPT (none; use emit_jump)
  //   SETUP_FINALLY, SETUP_CLEANUP, SETUP_WITH (none; emit_jump to the handler label):
  //     the instructions after it, until the matching POP_BLOCK, are covered by the
  //     handler. SETUP_CLEANUP and SETUP_WITH handlers also get lasti pushed.
  //   POP_BLOCK (none): ends the innermost SETUP_* region. Emit it where the protected
  //     code falls through; paths that leave the region by a jump must have their own
  //     POP_BLOCK first, as in CPython's compiler.
  //   LOAD_METHOD, LOAD_SUPER_METHOD, LOAD_ZERO_SUPER_METHOD, LOAD_ZERO_SUPER_ATTR
  //     (the plain co_names index): become LOAD_ATTR / LOAD_SUPER_ATTR with the bits.
  //   STORE_FAST_MAYBE_NULL (local index): becomes STORE_FAST.
  void emit(uint16_t op, int oparg, Location loc) {
    instrs_.push_back(Instr{op, oparg, -1, loc});
  }
  void emit_jump(uint16_t op, int label, Location loc) {
    instrs_.push_back(Instr{op, 0, label, loc});
  }
  // The same, taking the generated enums (Op, or a pseudo-op enum) directly.
  template <class E>
    requires std::is_enum_v<E>
  void emit(E op, int oparg, Location loc) {
    emit(static_cast<uint16_t>(op), oparg, loc);
  }
  template <class E>
    requires std::is_enum_v<E>
  void emit_jump(E op, int label, Location loc) {
    emit_jump(static_cast<uint16_t>(op), label, loc);
  }

  const std::vector<Instr>& instrs() const { return instrs_; }
  std::vector<Instr>& instrs() { return instrs_; }
  // Position (index into instrs()) of each label; -1 while unbound.
  const std::vector<int>& label_positions() const { return label_pos_; }

 private:
  std::vector<Instr> instrs_;
  std::vector<int> label_pos_;
};


// Assembles `seq` into out.code, out.stacksize, out.linetable and out.exceptiontable.
// `firstlineno` is co_firstlineno (the linetable's line deltas start from it).
// The compiler fills these before calling, because the assembler reads them:
// out.consts (jumps on constants, tuple folding; it is rewritten, see step 3),
// out.argcount, out.kwonlyargcount, out.flags (CO_VARARGS/CO_VARKEYWORDS: which locals are parameters,
// for LOAD_FAST -> LOAD_FAST_CHECK; the generator flags: the entry stack depth) and
// out.localspluskinds (which slots are locals). Emit plain LOAD_FAST everywhere: the
// assembler turns a load of a local that may be unbound there into LOAD_FAST_CHECK.
// Every other field is left as it is. `seq` is consumed (left in an unspecified
// state). Returns false with `err` set (msg, lineno of the offending instruction) on an
// internal inconsistency: an unbound label, a jump target past the end that is
// reachable, a POP_BLOCK with no SETUP_*, the stack going negative, or a block reached
// with two different stack depths. Those are compiler bugs, never user errors.
bool assemble(InstrSeq& seq, CodeObject& out, int firstlineno, SyntaxErrorInfo& err);

// -- Decoders and encoders of the two tables (tests, the disassembler, tracebacks) ------

// One entry of a decoded location table: code units [start, end) have this location
// (lineno -1 = none; col/end_col -1 = no columns).
struct LocationEntry {
  int start, end;
  Location loc;
};
// Decodes a 3.11 location table; returns false if it is malformed (then `out` holds the
// entries decoded so far).
bool decode_linetable(const std::vector<uint8_t>& table, int firstlineno,
                      std::vector<LocationEntry>& out);

// One entry of a decoded exception table: code units [start, end) jump to `target`
// with the stack cut to `depth` items, pushing lasti first when `lasti`.
struct ExceptionEntry {
  int start, end, target, depth;
  bool lasti;
};
bool decode_exceptiontable(const std::vector<uint8_t>& table, std::vector<ExceptionEntry>& out);

// The encoders assemble() uses. encode_linetable takes runs of code units in order
// (consecutive runs with equal locations are not merged; runs longer than 8 units are
// split) and writes each in the shortest form that fits, as CPython.
std::vector<uint8_t> encode_linetable(const std::vector<LocationEntry>& runs, int firstlineno);
std::vector<uint8_t> encode_exceptiontable(const std::vector<ExceptionEntry>& entries);

}  // namespace strata
