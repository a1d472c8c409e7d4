// frontend/assembler.cpp — instruction sequence -> code units, stack size, exception
// table and location table (see frontend/assembler.h for the passes and their order).
// The passes follow CPython 3.12's Python/flowgraph.c and Python/assemble.c in what they
// compute; the code is ours. Every fact about an instruction (number, stack effect,
// cache size, flags) comes from the tables generated from vm/instructions.def.
#include "frontend/assembler.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "vm/opcodes.h"

namespace strata {
namespace {

// -- Facts about instructions --------------------------------------------------------
// From the generated tables (vm/opcodes.h): op::NAME, stack_pops/stack_pushes,
// cache_size, has_jump, no_fallthrough, is_terminator, is_block_push. What follows is
// only what the assembler itself decides.

bool is_unconditional_jump(uint16_t op) { return has_jump(op) && no_fallthrough(op); }
// The conditional jumps the assembler may invert (FOR_ITER and SEND only go forward).
bool is_conditional_jump(uint16_t op) {
  return op == op::POP_JUMP_IF_FALSE || op == op::POP_JUMP_IF_TRUE ||
         op == op::POP_JUMP_IF_NONE || op == op::POP_JUMP_IF_NOT_NONE;
}
uint16_t inverted_jump(uint16_t op) {
  if (op == op::POP_JUMP_IF_FALSE) return op::POP_JUMP_IF_TRUE;
  if (op == op::POP_JUMP_IF_TRUE) return op::POP_JUMP_IF_FALSE;
  if (op == op::POP_JUMP_IF_NONE) return op::POP_JUMP_IF_NOT_NONE;
  if (op == op::POP_JUMP_IF_NOT_NONE) return op::POP_JUMP_IF_NONE;
  return 0;
}

// Code units an instruction occupies: EXTENDED_ARG prefixes, itself, its caches.
int extended_args(int oparg) {
  return oparg > 0xFFFFFF ? 3 : oparg > 0xFFFF ? 2 : oparg > 0xFF ? 1 : 0;
}
int instr_size(uint16_t op, int oparg) { return extended_args(oparg) + 1 + cache_size(op); }

// -- The control-flow graph -------------------------------------------------------------

struct Ins {
  uint16_t op;
  int oparg;
  int target;    // block id for jumps and SETUP_*; -1 otherwise
  Location loc;
  int handler;   // block id of the innermost exception handler covering it; -1 = none
};

struct Block {
  std::vector<Ins> ins;
  int next = -1;        // layout successor (fall-through), -1 at the end
  int preds = 0;        // reachable predecessors (fall-through, jumps and SETUP_* edges)
  int startdepth = -1;  // stack depth on entry; -1 = not reached yet
  int offset = 0;       // in code units, once laid out
  uint64_t unsafe = 0;  // locals (< 64) that may be unbound on entry
  bool visited = false;
  bool except_handler = false;  // the target of some SETUP_*
  bool preserve_lasti = false;  // entered with lasti pushed under the exception
  bool warm = false, cold = false;
  bool labeled = false;  // starts at a label the compiler bound (not only after a jump)
};

// 3.12's MAX_COPY_SIZE: exit blocks up to this size are copied rather than jumped to.
constexpr size_t kMaxCopySize = 4;

class Assembler {
 public:
  Assembler(CodeObject& out, int firstlineno, SyntaxErrorInfo& err)
      : out_(out), firstlineno_(firstlineno), err_(err) {}

  bool run(InstrSeq& seq) {
    if (!build(seq)) return false;
    if (!label_exception_targets()) return false;
    optimize();
    remove_unused_consts();
    add_checks_for_uninitialized_locals();
    push_cold_blocks_to_end();
    resolve_line_numbers();
    clear_prefix_locations();
    if (!compute_stackdepth()) return false;
    convert_pseudo_ops();
    normalize_jumps();
    for (int b = entry_; b >= 0; b = blocks_[b].next)
      for (const Ins& i : blocks_[b].ins)
        if (i.op >= 256) return fail(std::string("pseudo-instruction ") + opcode_name(i.op) + " left", i.loc);
    resolve_jump_offsets();
    write_code();
    write_exception_table();
    write_location_table();
    return true;
  }

 private:
  CodeObject& out_;
  int firstlineno_;
  SyntaxErrorInfo& err_;
  std::vector<Block> blocks_;
  int entry_ = 0;

  bool fail(const std::string& msg, const Location& loc) {
    err_.type = "SystemError";
    err_.msg = "compiler bug: " + msg;
    err_.lineno = loc.lineno > 0 ? loc.lineno : 0;
    err_.col_offset = loc.col_offset;
    err_.end_lineno = loc.end_lineno > 0 ? loc.end_lineno : 0;
    err_.end_col_offset = loc.end_col_offset;
    return false;
  }

  int new_block() {
    blocks_.emplace_back();
    return static_cast<int>(blocks_.size()) - 1;
  }
  Ins* last(int b) { return blocks_[b].ins.empty() ? nullptr : &blocks_[b].ins.back(); }
  bool has_fallthrough(int b) {
    const Ins* l = last(b);
    return l == nullptr || !no_fallthrough(l->op);
  }
  bool is_jump(const Ins& i) const { return i.target >= 0 && !is_block_push(i.op); }
  int next_nonempty(int b) {
    while (b >= 0 && blocks_[b].ins.empty()) b = blocks_[b].next;
    return b;
  }
  bool exits_scope(int b) {
    const Ins* l = last(b);
    return l != nullptr && is_terminator(l->op);
  }

  // -- Building ---------------------------------------------------------------------
  // A block starts at every bound label and after every instruction that has a target
  // or does not fall through; so a jump or SETUP_* is always the last of its block.
  bool build(InstrSeq& seq) {
    std::vector<Instr>& in = seq.instrs();
    const std::vector<int>& labels = seq.label_positions();
    const int n = static_cast<int>(in.size());
    std::vector<char> starts(n + 1, 0);
    starts[0] = 1;
    for (int p : labels)
      if (p >= 0 && p <= n) starts[p] = 2;
    for (int i = 0; i < n; ++i) {
      const Instr& x = in[i];
      if ((x.target >= 0 || no_fallthrough(x.op)) && !starts[i + 1]) starts[i + 1] = 1;
    }
    std::vector<int> block_at(n + 1, -1);
    int prev = -1;
    for (int p = 0; p <= n; ++p) {
      if (!starts[p]) continue;
      int b = new_block();
      block_at[p] = b;
      blocks_[b].labeled = starts[p] == 2;
      if (prev >= 0) blocks_[prev].next = b;
      prev = b;
    }
    entry_ = 0;
    int cur = -1;
    for (int i = 0; i < n; ++i) {
      if (block_at[i] >= 0) cur = block_at[i];
      Instr x = in[i];
      int target = -1;
      if (x.target >= 0) {
        if (x.target >= static_cast<int>(labels.size()) || labels[x.target] < 0 ||
            labels[x.target] > n)
          return fail("jump to an unbound label", x.loc);
        target = block_at[labels[x.target]];
      }
      if (x.oparg < 0) return fail("negative oparg", x.loc);
      // The method and super() forms encode their flags into the real opcode's oparg.
      switch (x.op) {
        case op::LOAD_METHOD: x.op = op::LOAD_ATTR; x.oparg = name_oparg(op::LOAD_ATTR, x.oparg, LOAD_ATTR_METHOD); break;
        case op::LOAD_SUPER_METHOD: x.op = op::LOAD_SUPER_ATTR; x.oparg = name_oparg(op::LOAD_SUPER_ATTR, x.oparg, LOAD_SUPER_ATTR_METHOD | LOAD_SUPER_ATTR_TWO_ARGS); break;
        case op::LOAD_ZERO_SUPER_METHOD: x.op = op::LOAD_SUPER_ATTR; x.oparg = name_oparg(op::LOAD_SUPER_ATTR, x.oparg, LOAD_SUPER_ATTR_METHOD); break;
        case op::LOAD_ZERO_SUPER_ATTR: x.op = op::LOAD_SUPER_ATTR; x.oparg = name_oparg(op::LOAD_SUPER_ATTR, x.oparg); break;
        default: break;
      }
      blocks_[cur].ins.push_back(Ins{x.op, x.oparg, target, x.loc, -1});
    }
    return true;
  }

  // -- Exception handlers -------------------------------------------------------------
  // Walks the graph carrying the stack of active handlers. Each instruction records the
  // innermost handler; POP_BLOCK becomes a NOP; YIELD_VALUE's oparg becomes the depth of
  // the handler stack (3.12: the generator's close() uses it).
  bool label_exception_targets() {
    struct Todo { int block; std::vector<int> stack; };
    std::vector<Todo> todo;
    for (Block& b : blocks_) b.visited = false;
    todo.push_back({entry_, {}});
    blocks_[entry_].visited = true;
    while (!todo.empty()) {
      Todo t = std::move(todo.back());
      todo.pop_back();
      std::vector<int>& stack = t.stack;
      for (Ins& i : blocks_[t.block].ins) {
        int top = stack.empty() ? -1 : stack.back();
        i.handler = top;
        if (is_block_push(i.op)) {
          Block& h = blocks_[i.target];
          h.except_handler = true;
          h.preserve_lasti = i.op != op::SETUP_FINALLY;
          if (!h.visited) {
            h.visited = true;
            todo.push_back({i.target, stack});
          }
          stack.push_back(i.target);
        } else if (i.op == op::POP_BLOCK) {
          if (stack.empty()) return fail("POP_BLOCK without SETUP", i.loc);
          stack.pop_back();
          i.op = op::NOP;
          i.handler = stack.empty() ? -1 : stack.back();
        } else if (is_jump(i)) {
          if (!blocks_[i.target].visited) {
            blocks_[i.target].visited = true;
            todo.push_back({i.target, stack});
          }
        } else if (i.op == op::YIELD_VALUE) {
          i.oparg = static_cast<int>(stack.size());
        }
      }
      int nx = blocks_[t.block].next;
      if (nx >= 0 && has_fallthrough(t.block) && !blocks_[nx].visited) {
        blocks_[nx].visited = true;
        todo.push_back({nx, std::move(stack)});
      }
    }
    return true;
  }

  // -- Optimization -------------------------------------------------------------------

  void optimize() {
    eliminate_empty_blocks();
    for (int b = entry_; b >= 0; b = blocks_[b].next) inline_small_exit_block(b);
    for (int b = entry_; b >= 0; b = blocks_[b].next) optimize_block(b);
    remove_redundant_pairs();
    for (int b = entry_; b >= 0; b = blocks_[b].next) inline_small_exit_block(b);
    mark_reachable();
    for (int b = entry_; b >= 0; b = blocks_[b].next)
      if (blocks_[b].preds == 0) blocks_[b].ins.clear();
    for (int b = entry_; b >= 0; b = blocks_[b].next) remove_redundant_nops(b);
    eliminate_empty_blocks();
    remove_redundant_jumps();
  }

  // Unlinks empty blocks from the layout and retargets jumps past them. The entry block
  // stays first even if empty (it then falls through).
  void eliminate_empty_blocks() {
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      for (Ins& i : blocks_[b].ins) {
        if (i.target >= 0) {
          int t = next_nonempty(i.target);
          if (t >= 0 && t != i.target) {  // a jump to an empty end stays (caught later)
            if (blocks_[i.target].except_handler) {
              blocks_[t].except_handler = true;
              blocks_[t].preserve_lasti = blocks_[i.target].preserve_lasti;
            }
            i.target = t;
          }
        }
        if (i.handler >= 0) {
          // The handler's code starts further on (e.g. the handler began with a SETUP_*
          // now gone): that block is entered the same way, so it inherits how.
          int h = next_nonempty(i.handler);
          if (h >= 0 && h != i.handler) {
            const Block& from = blocks_[i.handler];
            blocks_[h].except_handler = true;
            blocks_[h].preserve_lasti = from.preserve_lasti;
            if (from.startdepth >= 0) blocks_[h].startdepth = from.startdepth;
            i.handler = h;
          }
        }
      }
    }
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      int nx = blocks_[b].next;
      while (nx >= 0 && blocks_[nx].ins.empty() && blocks_[nx].next >= 0) nx = blocks_[nx].next;
      blocks_[b].next = nx;
    }
  }

  // A block ending in an unconditional jump to a short exit block (return/raise) gets a
  // copy of that block instead of the jump.
  bool inline_small_exit_block(int b) {
    Ins* l = last(b);
    if (l == nullptr || !is_unconditional_jump(l->op)) return false;
    int t = l->target;
    if (!exits_scope(t) || blocks_[t].ins.size() > kMaxCopySize) return false;
    l->op = op::NOP;
    l->target = -1;
    // The copy keeps the target's handlers: they are the handlers of that code.
    std::vector<Ins> copy = blocks_[t].ins;
    blocks_[b].ins.insert(blocks_[b].ins.end(), copy.begin(), copy.end());
    return true;
  }

  // co_consts[index]'s truth value: 1, 0, or -1 when not a constant we can judge.
  int const_truth(int index) const {
    if (index < 0 || index >= static_cast<int>(out_.consts.size())) return -1;
    const Const& c = out_.consts[index];
    switch (c.tag) {
      case ConstTag::None: case ConstTag::False: return 0;
      case ConstTag::True: case ConstTag::Ellipsis: case ConstTag::Code: return 1;
      case ConstTag::Int: return c.i != 0;
      case ConstTag::BigInt: return !(c.text == "0" || c.text == "-0" || c.text.empty());
      case ConstTag::Float: return c.re != 0;
      case ConstTag::Complex: return c.re != 0 || c.im != 0;
      case ConstTag::Str: case ConstTag::Bytes: return !c.text.empty();
      case ConstTag::Tuple: case ConstTag::FrozenSet: return !c.items.empty();
    }
    return -1;
  }
  bool const_is_none(int index) const {
    return index >= 0 && index < static_cast<int>(out_.consts.size()) &&
           out_.consts[index].tag == ConstTag::None;
  }

  // Retargets a jump whose target starts with an unconditional jump, as 3.12's
  // jump_thread: only when the line number stays the same (or the target has none).
  bool jump_thread(Ins& j, const Ins& target_jump, uint16_t op) {
    if ((j.loc.lineno == target_jump.loc.lineno || target_jump.loc.lineno == -1) &&
        j.target != target_jump.target) {
      j.target = target_jump.target;
      j.op = op;
      return true;
    }
    return false;
  }

  // -- SWAP clean-ups (3.12's swaptimize and apply_static_swaps) -----------------------

  // A run of SWAPs and NOPs starting at v[k] is replaced by the shortest run of SWAPs
  // with the same permutation (the rest become NOPs); k moves to the run's last
  // instruction. Each cycle of the permutation costs one SWAP per member other than
  // the top; the SWAPs are written from the run's end backwards, so the run never
  // needs more room than it had.
  static void swaptimize(std::vector<Ins>& v, size_t& k) {
    int depth = v[k].oparg;
    size_t len = 1;
    bool more = false;
    for (; k + len < v.size(); ++len) {
      const Ins& x = v[k + len];
      if (x.op == op::SWAP) {
        depth = std::max(depth, x.oparg);
        more = true;
      } else if (x.op != op::NOP) {
        break;
      }
    }
    if (!more) return;  // one SWAP is already optimal
    constexpr int kDone = -1;
    std::vector<int> stack(depth);
    for (int d = 0; d < depth; ++d) stack[d] = d;
    for (size_t n = 0; n < len; ++n)
      if (v[k + n].op == op::SWAP) std::swap(stack[0], stack[v[k + n].oparg - 1]);
    long cur = static_cast<long>(len) - 1;
    for (int d = 0; d < depth; ++d) {
      if (stack[d] == kDone || stack[d] == d) continue;
      // Walk the cycle through d; every step swaps with the top (position 0), which
      // is why the top is included in each cycle.
      int j = d;
      for (;;) {
        if (j != 0) {
          v[k + cur].op = op::SWAP;
          v[k + cur].oparg = j + 1;
          --cur;
        }
        if (stack[j] == kDone) break;
        int nj = stack[j];
        stack[j] = kDone;
        j = nj;
      }
    }
    for (; cur >= 0; --cur) {
      v[k + cur].op = op::NOP;
      v[k + cur].oparg = 0;
    }
    k += len - 1;
  }

  // What a SWAP may exchange with when applied statically: instructions that consume
  // one stack item and push nothing, whose order is otherwise unobservable.
  static bool swappable(uint16_t o) {
    return o == op::STORE_FAST || o == op::STORE_FAST_MAYBE_NULL || o == op::POP_TOP;
  }
  static int stores_to(const Ins& i) {
    return i.op == op::STORE_FAST || i.op == op::STORE_FAST_MAYBE_NULL ? i.oparg : -1;
  }
  // The next swappable instruction after v[i], skipping NOPs; -1 if another instruction
  // comes first or (lineno >= 0) one on another line: reordering across a line
  // boundary would change which names a tracer sees bound.
  static int next_swappable(const std::vector<Ins>& v, int i, int lineno) {
    while (++i < static_cast<int>(v.size())) {
      const Ins& x = v[i];
      if (lineno >= 0 && x.loc.lineno != lineno) return -1;
      if (x.op == op::NOP) continue;
      return swappable(x.op) ? i : -1;
    }
    return -1;
  }
  // SWAP n followed by n swappable instructions: instead of exchanging the stack
  // items, exchange the first and the n-th of those instructions and drop the SWAP
  // (`a, b = b, a` stores without a SWAP). Works leftwards from v[i] over SWAPs, NOPs
  // and swappables; stops at anything else or when two stores to one local would be
  // reordered.
  static void apply_static_swaps(std::vector<Ins>& v, int i) {
    for (; i >= 0; --i) {
      Ins& swap = v[i];
      if (swap.op != op::SWAP) {
        if (swap.op == op::NOP || swappable(swap.op)) continue;
        return;
      }
      int j = next_swappable(v, i, -1);
      if (j < 0) return;
      int k = j;
      int lineno = v[j].loc.lineno;
      for (int count = swap.oparg - 1; count > 0; --count) {
        k = next_swappable(v, k, lineno);
        if (k < 0) return;
      }
      int sj = stores_to(v[j]), sk = stores_to(v[k]);
      if (sj >= 0 || sk >= 0) {
        if (sj == sk) return;
        for (int x = j + 1; x < k; ++x) {
          int sx = stores_to(v[x]);
          if (sx >= 0 && (sx == sj || sx == sk)) return;
        }
      }
      swap.op = op::NOP;
      swap.oparg = 0;
      std::swap(v[j], v[k]);
    }
  }

  // LOAD_CONST or COPY 1 immediately followed by POP_TOP: both go (3.12's
  // remove_redundant_nops_and_pairs). "Immediately" looks across a fall-through into a
  // block that no jump targets, and is repeated until nothing changes (removing one pair
  // can make another adjacent). Only these two pushes: 3.12 drops no others.
  void remove_redundant_pairs() {
    for (bool done = false; !done;) {
      done = true;
      Ins* prev = nullptr;
      for (int b = entry_; b >= 0; b = blocks_[b].next) {
        remove_redundant_nops(b);
        if (blocks_[b].labeled) prev = nullptr;
        for (Ins& i : blocks_[b].ins) {
          if (i.op == op::POP_TOP && prev != nullptr &&
              (prev->op == op::LOAD_CONST || (prev->op == op::COPY && prev->oparg == 1))) {
            prev->op = op::NOP;
            prev->oparg = 0;
            i.op = op::NOP;
            i.oparg = 0;
            done = false;
          }
          prev = &i;
        }
        const Ins* l = last(b);
        if ((l != nullptr && is_jump(*l)) || !has_fallthrough(b)) prev = nullptr;
      }
    }
  }

  void optimize_block(int b) {
    std::vector<Ins>& v = blocks_[b].ins;
    // A COPY 1 right after a LOAD_CONST pushes that constant again, so it is judged as
    // the LOAD_CONST it copies (3.12: `x = 1 or y` decides its jump). `cur_op`/`cur_arg`
    // keep the LOAD_CONST while such copies follow.
    uint16_t cur_op = 0;
    int cur_arg = 0;
    for (size_t k = 0; k < v.size(); ++k) {
      Ins& i = v[k];
      bool copy_of_const = cur_op == op::LOAD_CONST && i.op == op::COPY && i.oparg == 1;
      if (!copy_of_const) {
        cur_op = i.op;
        cur_arg = i.oparg;
      }
      Ins* nx = k + 1 < v.size() ? &v[k + 1] : nullptr;
      uint16_t nop = nx ? nx->op : 0;
      if (i.op == op::SWAP) {
        if (i.oparg == 1) {
          i.op = op::NOP;
          i.oparg = 0;
          continue;
        }
        swaptimize(v, k);
        apply_static_swaps(v, static_cast<int>(k));
        continue;
      }
      if (cur_op == op::LOAD_CONST && nx) {
        const int cidx = cur_arg;
        if (nop == op::POP_JUMP_IF_FALSE || nop == op::POP_JUMP_IF_TRUE) {
          int truth = const_truth(cidx);
          if (truth < 0) continue;
          // The jump is the block's last instruction (it ends blocks).
          i.op = op::NOP;
          bool jump_if_true = nop == op::POP_JUMP_IF_TRUE;
          if ((truth == 1) == jump_if_true) {
            nx->op = op::JUMP;
          } else {
            nx->op = op::NOP;
            nx->target = -1;
          }
          continue;
        }
        if (nop == op::POP_JUMP_IF_NONE || nop == op::POP_JUMP_IF_NOT_NONE) {
          if (cidx >= static_cast<int>(out_.consts.size())) continue;
          bool is_none = const_is_none(cidx);
          i.op = op::NOP;
          if (is_none == (nop == op::POP_JUMP_IF_NONE)) {
            nx->op = op::JUMP;
          } else {
            nx->op = op::NOP;
            nx->target = -1;
          }
          continue;
        }
        if (nop == op::IS_OP && const_is_none(cidx) && k + 2 < v.size()) {
          Ins& j = v[k + 2];
          bool invert = nx->oparg != 0;
          if (j.op == op::POP_JUMP_IF_FALSE) invert = !invert;
          else if (j.op != op::POP_JUMP_IF_TRUE) continue;
          i.op = op::NOP;
          nx->op = op::NOP;
          nx->oparg = 0;
          j.op = invert ? op::POP_JUMP_IF_NOT_NONE : op::POP_JUMP_IF_NONE;
          continue;
        }
        if (nop == op::RETURN_VALUE) {
          nx->op = op::RETURN_CONST;
          nx->oparg = cidx;
          i.op = op::NOP;
          i.oparg = 0;
          continue;
        }
      }
      if (i.op == op::BUILD_TUPLE && nx && nop == op::UNPACK_SEQUENCE && nx->oparg == i.oparg &&
          i.oparg >= 1 && i.oparg <= 3) {
        if (i.oparg == 1) {
          i.op = op::NOP; i.oparg = 0;
          nx->op = op::NOP; nx->oparg = 0;
        } else {
          i.op = op::NOP; i.oparg = 0;
          nx->op = op::SWAP;
        }
        continue;
      }
      if (i.op == op::BUILD_TUPLE) {
        // `cur_op` stays BUILD_TUPLE: as in 3.12, the new LOAD_CONST is not combined
        // with what follows it in this pass.
        fold_tuple_of_constants(v, k);
        continue;
      }
      if (i.target >= 0 && !is_block_push(i.op) && (is_conditional_jump(i.op) || is_unconditional_jump(i.op))) {
        // A target block is non-empty here (empty blocks were unlinked and skipped).
        int t = next_nonempty(i.target);
        if (t < 0) continue;
        const Ins first = blocks_[t].ins[0];
        if (first.target < 0) continue;
        // Threading keeps an interrupt check if either jump had one.
        if (first.op == op::JUMP) {
          uint16_t op = is_conditional_jump(i.op) ? i.op : op::JUMP;
          if (jump_thread(i, first, op)) --k;  // look at it again: chains of jumps
        } else if (first.op == op::JUMP_NO_INTERRUPT && !is_conditional_jump(i.op)) {
          if (jump_thread(i, first, i.op)) --k;
        }
      }
    }
  }

  // Two constants are the same co_consts entry when CPython's constant cache would
  // merge them: same type and value, recursively for tuples and frozensets (so 1,
  // True and 1.0 differ, and floats compare by their bits: 0.0 and -0.0 differ).
  static bool same_const(const Const& a, const Const& b) {
    if (a.tag != b.tag) return false;
    switch (a.tag) {
      case ConstTag::Int: return a.i == b.i;
      case ConstTag::BigInt: case ConstTag::Str: case ConstTag::Bytes: return a.text == b.text;
      case ConstTag::Float: case ConstTag::Complex:
        return std::memcmp(&a.re, &b.re, sizeof a.re) == 0 &&
               std::memcmp(&a.im, &b.im, sizeof a.im) == 0;
      case ConstTag::Tuple: case ConstTag::FrozenSet:
        if (a.items.size() != b.items.size()) return false;
        for (size_t n = 0; n < a.items.size(); ++n)
          if (!same_const(a.items[n], b.items[n])) return false;
        return true;
      case ConstTag::Code: return a.code == b.code && a.image_offset == b.image_offset;
      default: return true;
    }
  }

  // v[k] is BUILD_TUPLE n: if the n instructions before it in this block are all
  // LOAD_CONSTs, they become NOPs (keeping their locations) and v[k] a LOAD_CONST of
  // the tuple, which is appended to co_consts unless an equal constant is already
  // there (3.12's fold_tuple_on_constants). Folding in block order, then instruction
  // order, appends the tuples in 3.12's order; inner tuples fold before the outer ones
  // that contain them. The item constants stay until remove_unused_consts().
  void fold_tuple_of_constants(std::vector<Ins>& v, size_t k) {
    const size_t n = static_cast<size_t>(v[k].oparg);
    if (v[k].oparg < 0 || n > k) return;
    for (size_t j = k - n; j < k; ++j)
      if (v[j].op != op::LOAD_CONST || v[j].oparg < 0 ||
          v[j].oparg >= static_cast<int>(out_.consts.size()))
        return;
    Const t;
    t.tag = ConstTag::Tuple;
    t.items.reserve(n);
    for (size_t j = k - n; j < k; ++j) t.items.push_back(out_.consts[v[j].oparg]);
    size_t index = 0;
    while (index < out_.consts.size() && !same_const(out_.consts[index], t)) ++index;
    if (index == out_.consts.size()) out_.consts.push_back(std::move(t));
    for (size_t j = k - n; j < k; ++j) {
      v[j].op = op::NOP;
      v[j].oparg = 0;
    }
    v[k].op = op::LOAD_CONST;
    v[k].oparg = static_cast<int>(index);
  }

  // Drops the constants no instruction refers to any more (folded tuple items, code
  // removed as unreachable or redundant) and renumbers the rest, keeping their order.
  // Index 0 always stays: it may be the docstring (3.12's remove_unused_consts).
  void remove_unused_consts() {
    const size_t nconsts = out_.consts.size();
    if (nconsts == 0) return;
    std::vector<int> index_map(nconsts, -1);
    index_map[0] = 0;
    for (int b = entry_; b >= 0; b = blocks_[b].next)
      for (const Ins& i : blocks_[b].ins)
        if (has_const(i.op) && i.oparg >= 0 && static_cast<size_t>(i.oparg) < nconsts)
          index_map[i.oparg] = 0;
    size_t used = 0;
    for (size_t c = 0; c < nconsts; ++c) {
      if (index_map[c] < 0) continue;
      index_map[c] = static_cast<int>(used);
      if (used != c) out_.consts[used] = std::move(out_.consts[c]);
      ++used;
    }
    if (used == nconsts) return;
    out_.consts.resize(used);
    for (int b = entry_; b >= 0; b = blocks_[b].next)
      for (Ins& i : blocks_[b].ins)
        if (has_const(i.op) && i.oparg >= 0 && static_cast<size_t>(i.oparg) < nconsts)
          i.oparg = index_map[i.oparg];
  }

  // Counts predecessors of every block reachable from the entry; unreachable ones keep 0.
  void mark_reachable() {
    for (Block& b : blocks_) { b.preds = 0; b.visited = false; }
    std::vector<int> stack{entry_};
    blocks_[entry_].visited = true;
    blocks_[entry_].preds = 1;
    while (!stack.empty()) {
      int b = stack.back();
      stack.pop_back();
      int nx = blocks_[b].next;
      if (nx >= 0 && has_fallthrough(b)) {
        if (!blocks_[nx].visited) { blocks_[nx].visited = true; stack.push_back(nx); }
        blocks_[nx].preds++;
      }
      for (const Ins& i : blocks_[b].ins)
        if (i.target >= 0) {
          if (!blocks_[i.target].visited) { blocks_[i.target].visited = true; stack.push_back(i.target); }
          blocks_[i.target].preds++;
        }
    }
  }

  // Drops NOPs that carry no line number of their own (3.12's remove_redundant_nops).
  void remove_redundant_nops(int b) {
    std::vector<Ins>& v = blocks_[b].ins;
    size_t dest = 0;
    int prev_lineno = -1;
    for (size_t src = 0; src < v.size(); ++src) {
      Ins& i = v[src];
      int lineno = i.loc.lineno;
      if (i.op == op::NOP) {
        if (lineno < 0 || prev_lineno == lineno) continue;
        if (src + 1 < v.size()) {
          int next_lineno = v[src + 1].loc.lineno;
          if (next_lineno == lineno) continue;
          if (next_lineno < 0) { v[src + 1].loc = i.loc; continue; }
        } else {
          int nx = next_nonempty(blocks_[b].next);
          if (nx >= 0) {
            int next_line = -1;
            for (const Ins& j : blocks_[nx].ins) {
              if (j.op == op::NOP && j.loc.lineno < 0) continue;
              next_line = j.loc.lineno;
              break;
            }
            if (next_line == lineno) continue;
          }
        }
      }
      if (dest != src) v[dest] = i;
      ++dest;
      prev_lineno = lineno;
    }
    v.resize(dest);
  }

  // An unconditional jump to the next block in the layout becomes a NOP.
  bool remove_redundant_jumps() {
    bool changed = false;
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      Ins* l = last(b);
      if (l == nullptr || !is_unconditional_jump(l->op)) continue;
      if (next_nonempty(l->target) == next_nonempty(blocks_[b].next)) {
        l->op = op::NOP;
        l->target = -1;
        changed = true;
      }
    }
    if (changed) {
      for (int b = entry_; b >= 0; b = blocks_[b].next) remove_redundant_nops(b);
      eliminate_empty_blocks();
    }
    return changed;
  }

  // -- LOAD_FAST of a local that may be unbound becomes LOAD_FAST_CHECK -----------------
  // A forward data-flow over the locals below 64 (bit set = may be unbound), as 3.12;
  // locals from 64 up are judged within each block only.
  void add_checks_for_uninitialized_locals() {
    int nlocals = 0;
    for (uint8_t k : out_.localspluskinds)
      if (k & CO_FAST_LOCAL) ++nlocals;
    if (nlocals == 0) return;
    int nparams = out_.argcount + out_.kwonlyargcount + ((out_.flags & CO_VARARGS) ? 1 : 0) +
                  ((out_.flags & CO_VARKEYWORDS) ? 1 : 0);
    if (nlocals > 64) {
      scan_many_locals(nlocals);
      nlocals = 64;
    }
    uint64_t start = 0;
    for (int i = nparams; i < nlocals; ++i) start |= uint64_t{1} << i;
    for (Block& b : blocks_) { b.unsafe = 0; b.visited = false; }
    std::vector<int> stack;
    auto maybe_push = [&](int b, uint64_t mask) {
      uint64_t both = blocks_[b].unsafe | mask;
      if (both != blocks_[b].unsafe) {
        blocks_[b].unsafe = both;
        if (!blocks_[b].visited) { blocks_[b].visited = true; stack.push_back(b); }
      }
    };
    maybe_push(entry_, start);
    auto scan = [&](int b) {
      uint64_t unsafe = blocks_[b].unsafe;
      for (Ins& i : blocks_[b].ins) {
        if (i.handler >= 0) maybe_push(i.handler, unsafe);
        if (i.oparg >= 64) continue;
        uint64_t bit = uint64_t{1} << i.oparg;
        if (i.op == op::DELETE_FAST || i.op == op::LOAD_FAST_AND_CLEAR ||
            i.op == op::STORE_FAST_MAYBE_NULL) {
          unsafe |= bit;
        } else if (i.op == op::STORE_FAST || i.op == op::LOAD_FAST_CHECK) {
          unsafe &= ~bit;
        } else if (i.op == op::LOAD_FAST) {
          if (unsafe & bit) i.op = op::LOAD_FAST_CHECK;
          unsafe &= ~bit;
        }
      }
      int nx = blocks_[b].next;
      if (nx >= 0 && has_fallthrough(b)) maybe_push(nx, unsafe);
      Ins* l = last(b);
      if (l && is_jump(*l)) maybe_push(l->target, unsafe);
    };
    // Every block once (a DELETE_FAST anywhere is a source of unboundness), then until
    // nothing changes.
    for (int b = entry_; b >= 0; b = blocks_[b].next) scan(b);
    while (!stack.empty()) {
      int b = stack.back();
      stack.pop_back();
      blocks_[b].visited = false;
      scan(b);
    }
  }
  void scan_many_locals(int nlocals) {
    // state[i - 64] == block number: local i is known bound at this point of that block.
    std::vector<int> state(nlocals - 64, 0);
    int blocknum = 0;
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      ++blocknum;
      for (Ins& i : blocks_[b].ins) {
        if (i.oparg < 64 || i.oparg >= nlocals) continue;
        int& s = state[i.oparg - 64];
        if (i.op == op::DELETE_FAST || i.op == op::LOAD_FAST_AND_CLEAR ||
            i.op == op::STORE_FAST_MAYBE_NULL) {
          s = blocknum - 1;
        } else if (i.op == op::STORE_FAST) {
          s = blocknum;
        } else if (i.op == op::LOAD_FAST) {
          if (s != blocknum) i.op = op::LOAD_FAST_CHECK;
          s = blocknum;
        }
      }
    }
  }

  // -- Cold blocks: code reached only through exception handlers goes to the end --------
  void push_cold_blocks_to_end() {
    if (blocks_[entry_].next < 0) return;
    for (Block& b : blocks_) { b.warm = b.cold = false; b.visited = false; }
    std::vector<int> stack{entry_};
    blocks_[entry_].visited = true;
    while (!stack.empty()) {  // warm: reachable without passing through a handler
      int b = stack.back();
      stack.pop_back();
      blocks_[b].warm = true;
      int nx = blocks_[b].next;
      if (nx >= 0 && has_fallthrough(b) && !blocks_[nx].visited) {
        blocks_[nx].visited = true;
        stack.push_back(nx);
      }
      for (const Ins& i : blocks_[b].ins)
        if (is_jump(i) && !blocks_[i.target].visited) {
          blocks_[i.target].visited = true;
          stack.push_back(i.target);
        }
    }
    for (int b = entry_; b >= 0; b = blocks_[b].next)
      if (blocks_[b].except_handler && !blocks_[b].warm && !blocks_[b].visited) {
        blocks_[b].visited = true;
        stack.push_back(b);
      }
    while (!stack.empty()) {
      int b = stack.back();
      stack.pop_back();
      blocks_[b].cold = true;
      int nx = blocks_[b].next;
      if (nx >= 0 && has_fallthrough(b) && !blocks_[nx].warm && !blocks_[nx].visited) {
        blocks_[nx].visited = true;
        stack.push_back(nx);
      }
      for (const Ins& i : blocks_[b].ins)
        if (is_jump(i) && !blocks_[i.target].warm && !blocks_[i.target].visited) {
          blocks_[i.target].visited = true;
          stack.push_back(i.target);
        }
    }
    // A cold block falling into a warm one gets an explicit jump.
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      int nx = blocks_[b].next;
      if (blocks_[b].cold && nx >= 0 && has_fallthrough(b) && blocks_[nx].warm) {
        int j = new_block();
        blocks_[j].ins.push_back(Ins{op::JUMP, 0, nx, kNoLocation, -1});
        blocks_[j].cold = true;
        blocks_[j].next = nx;
        blocks_[b].next = j;
        b = j;
      }
    }
    // Move each streak of cold blocks to the end, keeping their order.
    int cold_head = -1, cold_tail = -1;
    int b = entry_;
    for (;;) {
      while (blocks_[b].next >= 0 && !blocks_[blocks_[b].next].cold) b = blocks_[b].next;
      if (blocks_[b].next < 0) break;
      int s = blocks_[b].next, e = s;
      while (blocks_[e].next >= 0 && blocks_[blocks_[e].next].cold) e = blocks_[e].next;
      if (cold_head < 0) cold_head = s; else blocks_[cold_tail].next = s;
      cold_tail = e;
      blocks_[b].next = blocks_[e].next;
      blocks_[e].next = -1;
    }
    blocks_[b].next = cold_head;
    if (cold_head >= 0) remove_redundant_jumps();
  }

  // -- Line numbers ---------------------------------------------------------------------

  bool is_exit_without_lineno(int b) {
    if (!exits_scope(b)) return false;
    for (const Ins& i : blocks_[b].ins)
      if (i.loc.lineno >= 0) return false;
    return true;
  }

  void resolve_line_numbers() {
    mark_reachable();
    // An exit block without a line number that several jumps reach is copied for each,
    // so that each copy can take its jump's line.
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      Ins* l = last(b);
      if (l == nullptr || !is_jump(*l)) continue;
      int t = l->target;
      if (is_exit_without_lineno(t) && blocks_[t].preds > 1) {
        int c = new_block();
        l = last(b);  // new_block() may have moved the vector
        blocks_[c].ins = blocks_[t].ins;
        blocks_[c].ins[0].loc = l->loc;
        blocks_[c].preds = 1;
        blocks_[c].next = blocks_[t].next;
        blocks_[c].cold = blocks_[t].cold;
        blocks_[t].next = c;
        blocks_[t].preds--;
        l->target = c;
      }
    }
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      int nx = blocks_[b].next;
      if (nx >= 0 && has_fallthrough(b) && !blocks_[b].ins.empty() && is_exit_without_lineno(nx))
        blocks_[nx].ins[0].loc = blocks_[b].ins.back().loc;
    }
    // Instructions without a location take the previous one's; the first instruction of
    // a block with a single predecessor takes the location that predecessor ended with.
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      if (blocks_[b].ins.empty()) continue;
      Location prev = kNoLocation;
      for (Ins& i : blocks_[b].ins) {
        if (i.loc.lineno < 0) i.loc = prev;
        else prev = i.loc;
      }
      int nx = blocks_[b].next;
      if (nx >= 0 && has_fallthrough(b) && blocks_[nx].preds == 1 && !blocks_[nx].ins.empty() &&
          blocks_[nx].ins[0].loc.lineno < 0)
        blocks_[nx].ins[0].loc = prev;
      const Ins& l = blocks_[b].ins.back();
      if (is_jump(l) && blocks_[l.target].preds == 1 && !blocks_[l.target].ins.empty() &&
          blocks_[l.target].ins[0].loc.lineno < 0)
        blocks_[l.target].ins[0].loc = prev;
    }
  }

  // The value a generator is first resumed with is discarded by the POP_TOP after
  // RETURN_GENERATOR; CPython inserts that POP_TOP after line numbers are resolved, with
  // no location, and the same goes for the prefix's COPY_FREE_VARS and MAKE_CELLs. The
  // compiler emits the prefix with whatever location; here it loses it again.
  void clear_prefix_locations() {
    std::vector<Ins>& v = blocks_[entry_].ins;
    for (size_t k = 0; k < v.size(); ++k) {
      if (v[k].op == op::COPY_FREE_VARS || v[k].op == op::MAKE_CELL) {
        v[k].loc = kNoLocation;
      } else if (v[k].op == op::RETURN_GENERATOR) {
        if (k + 1 < v.size() && v[k + 1].op == op::POP_TOP) v[k + 1].loc = kNoLocation;
        break;
      } else {
        break;
      }
    }
  }

  // -- Stack depth --------------------------------------------------------------------
  bool compute_stackdepth() {
    for (Block& b : blocks_) b.startdepth = -1;
    std::vector<int> stack;
    int maxdepth = 0;
    bool ok = true;
    auto push = [&](int b, int depth, const Location& loc) {
      if (blocks_[b].startdepth < 0) {
        blocks_[b].startdepth = depth;
        stack.push_back(b);
      } else if (blocks_[b].startdepth != depth && ok) {
        ok = fail("a block is reached with stack depths " + std::to_string(blocks_[b].startdepth) +
                      " and " + std::to_string(depth), loc);
      }
    };
    // A generator is resumed after its RETURN_GENERATOR with the sent value pushed (the
    // POP_TOP that follows discards it). If the table gives RETURN_GENERATOR no push,
    // count that value from the start, as CPython does.
    int start = 0;
    if ((out_.flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) &&
        stack_pushes(op::RETURN_GENERATOR, 0, false) == stack_pops(op::RETURN_GENERATOR, 0))
      start = 1;
    push(entry_, start, kNoLocation);
    while (!stack.empty() && ok) {
      int b = stack.back();
      stack.pop_back();
      int depth = blocks_[b].startdepth;
      bool falls = true;
      for (const Ins& i : blocks_[b].ins) {
        int pops = stack_pops(i.op, i.oparg, false);
        if (pops == kInvalidStackEffect || pops < 0)
          return fail("unknown opcode " + std::to_string(i.op), i.loc);
        if (depth < pops) return fail(std::string("stack underflow at ") + opcode_name(i.op), i.loc);
        int new_depth = depth - pops + stack_pushes(i.op, i.oparg, false);
        maxdepth = std::max(maxdepth, new_depth);
        if (i.target >= 0) {
          int target_depth = depth - stack_pops(i.op, i.oparg, true) + stack_pushes(i.op, i.oparg, true);
          maxdepth = std::max(maxdepth, target_depth);
          push(i.target, target_depth, i.loc);
        }
        depth = new_depth;
        if (no_fallthrough(i.op)) { falls = false; break; }
      }
      int nx = blocks_[b].next;
      if (falls) {
        if (nx < 0) {
          const Ins* l = last(b);
          return fail("control reaches the end of the code", l ? l->loc : kNoLocation);
        }
        push(nx, depth, kNoLocation);
      }
    }
    out_.stacksize = maxdepth;
    return ok;
  }

  // -- Pseudo-instructions to real ones -----------------------------------------------
  void convert_pseudo_ops() {
    for (int b = entry_; b >= 0; b = blocks_[b].next)
      for (Ins& i : blocks_[b].ins) {
        if (is_block_push(i.op) || i.op == op::POP_BLOCK) {
          i.op = op::NOP;
          i.target = -1;
          i.oparg = 0;
        } else if (i.op == op::STORE_FAST_MAYBE_NULL) {
          i.op = op::STORE_FAST;
        }
      }
    for (int b = entry_; b >= 0; b = blocks_[b].next) remove_redundant_nops(b);
    eliminate_empty_blocks();
  }

  // Jumps get their direction from the layout; conditional jumps are forward-only, so a
  // backward one becomes the inverted jump over a new block holding a JUMP_BACKWARD.
  void normalize_jumps() {
    for (Block& b : blocks_) b.visited = false;
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      blocks_[b].visited = true;
      Ins* l = last(b);
      if (l == nullptr || !is_jump(*l)) continue;
      int t = l->target;
      bool backward = blocks_[t].visited;
      if (l->op == op::JUMP) {
        l->op = backward ? op::JUMP_BACKWARD : op::JUMP_FORWARD;
      } else if (l->op == op::JUMP_NO_INTERRUPT) {
        l->op = backward ? op::JUMP_BACKWARD_NO_INTERRUPT : op::JUMP_FORWARD;
      } else if (backward && is_conditional_jump(l->op)) {
        int j = new_block();
        l = last(b);
        // The added jump is not in the source: it has no location (3.12), so a tracer
        // sees no line event for it and a traceback never points at it.
        blocks_[j].ins.push_back(Ins{op::JUMP_BACKWARD, 0, t, kNoLocation, l->handler});
        blocks_[j].cold = blocks_[b].cold;
        blocks_[j].next = blocks_[b].next;
        l->op = inverted_jump(l->op);
        l->target = blocks_[b].next;
        blocks_[b].next = j;
        blocks_[j].visited = true;
        b = j;
      }
    }
  }

  // -- Layout ---------------------------------------------------------------------------
  // Offsets depend on EXTENDED_ARG prefixes, which depend on offsets: iterate until
  // stable. Sizes only grow, so this terminates.
  void resolve_jump_offsets() {
    std::vector<std::vector<int>> sizes;  // per block, per instruction, units reserved
    sizes.resize(blocks_.size());
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      sizes[b].resize(blocks_[b].ins.size());
      for (size_t k = 0; k < blocks_[b].ins.size(); ++k) {
        const Ins& i = blocks_[b].ins[k];
        sizes[b][k] = instr_size(i.op, i.target >= 0 ? 0 : i.oparg);
      }
    }
    for (bool changed = true; changed;) {
      changed = false;
      int off = 0;
      for (int b = entry_; b >= 0; b = blocks_[b].next) {
        blocks_[b].offset = off;
        for (int s : sizes[b]) off += s;
      }
      for (int b = entry_; b >= 0; b = blocks_[b].next) {
        int off_after = blocks_[b].offset;
        for (size_t k = 0; k < blocks_[b].ins.size(); ++k) {
          Ins& i = blocks_[b].ins[k];
          off_after += sizes[b][k];
          if (i.target < 0) continue;
          int target = blocks_[i.target].offset;
          bool backward = i.op == op::JUMP_BACKWARD || i.op == op::JUMP_BACKWARD_NO_INTERRUPT;
          i.oparg = backward ? off_after - target : target - off_after;
          int need = instr_size(i.op, i.oparg);
          if (need > sizes[b][k]) {
            sizes[b][k] = need;
            changed = true;
          }
        }
      }
    }
    layout_sizes_ = std::move(sizes);
  }
  std::vector<std::vector<int>> layout_sizes_;

  void write_code() {
    std::vector<uint16_t>& code = out_.code;
    code.clear();
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      for (size_t k = 0; k < blocks_[b].ins.size(); ++k) {
        const Ins& i = blocks_[b].ins[k];
        int caches = cache_size(i.op);
        int prefixes = layout_sizes_[b][k] - 1 - caches;  // >= what the oparg needs
        for (int p = prefixes; p > 0; --p)
          code.push_back(static_cast<uint16_t>(op::EXTENDED_ARG | (((i.oparg >> (8 * p)) & 0xFF) << 8)));
        code.push_back(static_cast<uint16_t>((i.op & 0xFF) | ((i.oparg & 0xFF) << 8)));
        code.insert(code.end(), caches, static_cast<uint16_t>(op::CACHE));
      }
    }
  }

  // -- Exception table and location table --------------------------------------------
  void write_exception_table() {
    std::vector<ExceptionEntry> entries;
    int handler = -1, start = 0, off = 0;
    auto flush = [&](int end) {
      if (handler < 0 || end <= start) return;
      const Block& h = blocks_[handler];
      int depth = std::max(0, h.startdepth - 1 - (h.preserve_lasti ? 1 : 0));
      entries.push_back({start, end, h.offset, depth, h.preserve_lasti});
    };
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      for (size_t k = 0; k < blocks_[b].ins.size(); ++k) {
        // Consecutive instructions with the same handler (compared by its position in
        // the code, as CPython) share one entry.
        int h = blocks_[b].ins[k].handler;
        int hoff = h >= 0 ? blocks_[h].offset : -1;
        int cur = handler >= 0 ? blocks_[handler].offset : -1;
        if (hoff != cur) {
          flush(off);
          handler = h;
          start = off;
        }
        off += layout_sizes_[b][k];
      }
    }
    flush(off);
    out_.exceptiontable = encode_exceptiontable(entries);
  }

  void write_location_table() {
    std::vector<LocationEntry> runs;
    int off = 0;
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      for (size_t k = 0; k < blocks_[b].ins.size(); ++k) {
        const Location& loc = blocks_[b].ins[k].loc;
        int size = layout_sizes_[b][k];
        if (!runs.empty() && runs.back().loc == loc) runs.back().end += size;
        else runs.push_back({off, off + size, loc});
        off += size;
      }
    }
    out_.linetable = encode_linetable(runs, firstlineno_);
  }
};

}  // namespace

bool assemble(InstrSeq& seq, CodeObject& out, int firstlineno, SyntaxErrorInfo& err) {
  Assembler a(out, firstlineno, err);
  return a.run(seq);
}

// -- Encoders ------------------------------------------------------------------------------

namespace {
// Exception table items: big-endian groups of 6 bits, 0x40 = more follow; the first byte
// of an entry's first item carries 0x80.
void put_except_item(std::vector<uint8_t>& t, uint32_t v, uint8_t msb) {
  int shift = 24;
  while (shift > 0 && (v >> shift) == 0) shift -= 6;
  for (; shift > 0; shift -= 6) {
    t.push_back(static_cast<uint8_t>(((v >> shift) & 0x3F) | 0x40 | msb));
    msb = 0;
  }
  t.push_back(static_cast<uint8_t>((v & 0x3F) | msb));
}

// Location table numbers: little-endian groups of 6 bits, 0x40 = more follow; signed
// ones with the sign in the lowest bit.
struct LineTableWriter {
  std::vector<uint8_t>& t;
  int line;
  void varint(uint32_t v) {
    for (; v >= 64; v >>= 6) t.push_back(static_cast<uint8_t>(0x40 | (v & 63)));
    t.push_back(static_cast<uint8_t>(v));
  }
  void svarint(int v) {
    varint(v < 0 ? (static_cast<uint32_t>(-v) << 1) | 1 : static_cast<uint32_t>(v) << 1);
  }
  void head(int code, int units) { t.push_back(static_cast<uint8_t>(0x80 | (code << 3) | (units - 1))); }
  // One entry of 1..8 code units, in the shortest of the forms that fits (the same
  // choice as CPython, so that tables compare byte for byte).
  void entry(const Location& loc, int units) {
    if (loc.lineno < 0) {
      head(15, units);  // no location
      return;
    }
    int delta = loc.lineno - line;
    int col = loc.col_offset, end_col = loc.end_col_offset;
    if (col < 0 || end_col < 0) {
      if (loc.end_lineno == loc.lineno || loc.end_lineno < 0) {
        head(13, units);  // line only
        svarint(delta);
        line = loc.lineno;
        return;
      }
    } else if (loc.end_lineno == loc.lineno) {
      if (delta == 0 && col < 80 && end_col >= col && end_col - col < 16) {
        head(col >> 3, units);  // short form: same line, small columns
        t.push_back(static_cast<uint8_t>(((col & 7) << 4) | (end_col - col)));
        return;
      }
      if (delta >= 0 && delta < 3 && col < 128 && end_col < 128) {
        head(10 + delta, units);  // one-line form
        t.push_back(static_cast<uint8_t>(col));
        t.push_back(static_cast<uint8_t>(end_col));
        line = loc.lineno;
        return;
      }
    }
    head(14, units);  // long form
    svarint(delta);
    varint(static_cast<uint32_t>(std::max(0, loc.end_lineno - loc.lineno)));
    varint(static_cast<uint32_t>(col + 1));
    varint(static_cast<uint32_t>(end_col + 1));
    line = loc.lineno;
  }
};
}  // namespace

std::vector<uint8_t> encode_exceptiontable(const std::vector<ExceptionEntry>& entries) {
  std::vector<uint8_t> t;
  for (const ExceptionEntry& e : entries) {
    put_except_item(t, static_cast<uint32_t>(e.start), 0x80);
    put_except_item(t, static_cast<uint32_t>(e.end - e.start), 0);
    put_except_item(t, static_cast<uint32_t>(e.target), 0);
    put_except_item(t, static_cast<uint32_t>(e.depth << 1 | (e.lasti ? 1 : 0)), 0);
  }
  return t;
}

std::vector<uint8_t> encode_linetable(const std::vector<LocationEntry>& runs, int firstlineno) {
  std::vector<uint8_t> t;
  LineTableWriter w{t, firstlineno};
  for (const LocationEntry& r : runs) {
    int units = r.end - r.start;
    for (; units > 8; units -= 8) w.entry(r.loc, 8);
    if (units > 0) w.entry(r.loc, units);
  }
  return t;
}

// -- Decoders -----------------------------------------------------------------------------

bool decode_linetable(const std::vector<uint8_t>& t, int firstlineno,
                      std::vector<LocationEntry>& out) {
  size_t p = 0;
  int line = firstlineno, unit = 0;
  auto varint = [&](uint32_t& v) {
    v = 0;
    for (int shift = 0;; shift += 6) {
      if (p >= t.size() || shift > 30) return false;
      uint8_t byte = t[p++];
      v |= static_cast<uint32_t>(byte & 63) << shift;
      if (!(byte & 64)) return true;
    }
  };
  auto svarint = [&](int& v) {
    uint32_t u;
    if (!varint(u)) return false;
    v = (u & 1) ? -static_cast<int>(u >> 1) : static_cast<int>(u >> 1);
    return true;
  };
  while (p < t.size()) {
    uint8_t head = t[p++];
    if (!(head & 0x80)) return false;
    int code = (head >> 3) & 15, units = (head & 7) + 1;
    Location loc;
    if (code == 15) {
      // no location
    } else if (code == 14) {
      int delta;
      uint32_t end_delta, col, end_col;
      if (!svarint(delta) || !varint(end_delta) || !varint(col) || !varint(end_col)) return false;
      line += delta;
      loc = {line, line + static_cast<int>(end_delta), static_cast<int>(col) - 1,
             static_cast<int>(end_col) - 1};
    } else if (code == 13) {
      int delta;
      if (!svarint(delta)) return false;
      line += delta;
      loc = {line, line, -1, -1};
    } else if (code >= 10) {
      if (p + 2 > t.size()) return false;
      line += code - 10;
      loc = {line, line, t[p], t[p + 1]};
      p += 2;
    } else {
      if (p >= t.size()) return false;
      uint8_t second = t[p++];
      int col = code * 8 + ((second >> 4) & 7);
      loc = {line, line, col, col + (second & 15)};
    }
    out.push_back({unit, unit + units, loc});
    unit += units;
  }
  return true;
}

bool decode_exceptiontable(const std::vector<uint8_t>& t, std::vector<ExceptionEntry>& out) {
  size_t p = 0;
  auto item = [&](uint32_t& v, bool first) {
    if (p >= t.size()) return false;
    if (first != ((t[p] & 0x80) != 0)) return false;
    v = 0;
    for (int n = 0;; ++n) {
      if (p >= t.size() || n > 5) return false;
      uint8_t byte = t[p++];
      v = (v << 6) | (byte & 63);
      if (!(byte & 64)) return true;
      if (p < t.size() && (t[p] & 0x80)) return false;
    }
  };
  while (p < t.size()) {
    uint32_t start, len, target, dl;
    if (!item(start, true) || !item(len, false) || !item(target, false) || !item(dl, false))
      return false;
    out.push_back({static_cast<int>(start), static_cast<int>(start + len), static_cast<int>(target),
                   static_cast<int>(dl >> 1), (dl & 1) != 0});
  }
  return true;
}

}  // namespace strata
