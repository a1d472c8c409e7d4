// vm/interp.cpp — the interpreter loop: computed-goto dispatch over the cases generated
// from vm/instructions.def (build*/vm/interp_cases.inc), frames on the VM stack
// (decision 5), and exception unwinding through the exception table.
//
// Invariants of the loop:
// - frame->instr is the instruction being executed (set by DISPATCH), so a traceback or
//   f_lineno always knows where a frame is;
// - every slot between frame->stack() and stack_pointer holds an owned reference (or
//   null), so unwinding can release them all;
// - eval_frame() never pops its entry frame (its caller does, or the generator owning it);
//   it pops every frame a CALL pushed inside the loop.
#include <cstdio>

#include "frontend/code_tables.h"
#include "stdlib/sys.h"
#include "vm/abstract.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/float.h"
#include "vm/func.h"
#include "vm/generator.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/range.h"
#include "vm/set.h"
#include "vm/specialize.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

ThreadState thread;
RuntimeOptions options;


int Frame::lasti() const { return static_cast<int>(instr - base); }

namespace {

// The handler covering instruction `lasti`, or null.
const ExceptionEntry* find_handler(CodeRT* code, int lasti) {
  const std::vector<ExceptionEntry>& table = code_exception_table(code);
  for (const ExceptionEntry& e : table) {
    if (e.start <= lasti && lasti < e.end) return &e;
  }
  return nullptr;
}

}  // namespace

#define TARGET(op) TARGET_##op:
#define DISPATCH()                    \
  do {                                \
    this_instr = next_instr;          \
    frame->instr = next_instr;        \
    uint16_t w_ = *next_instr++;      \
    opcode = w_ & 0xFF;               \
    oparg = w_ >> 8;                  \
    goto* dispatch_table[opcode];     \
  } while (0)
#define ERROR_IF_POP(n, cond) \
  do {                        \
    if (cond) {               \
      stack_pointer -= (n);   \
      goto error;             \
    }                         \
  } while (0)
#define ERROR_POP(n)      \
  do {                    \
    stack_pointer -= (n); \
    goto error;           \
  } while (0)
#define JUMPBY(n) (next_instr += (n))
#define GETLOCAL(i) (frame->localsplus[i])
#define NAME(i) (names[i])
#define CONST(i) (consts[i] ? consts[i] : code_const(code, (i)))
#define CHECK_EVAL_BREAKER()                               \
  do {                                                     \
    if (thread.eval_breaker && handle_eval_breaker() < 0) { \
      goto error;                                          \
    }                                                      \
  } while (0)
#define LOAD_CODE()             \
  do {                          \
    code = frame->code;         \
    consts = code->consts;      \
    names = code->names;        \
    tier1 = frame->tier;        \
  } while (0)
// Tier 1 (vm/specialize.h): a generic instruction counts down its adaptive counter and,
// at zero, asks the specializer (`call`); when that rewrote the instruction, the new form
// runs at once with the same oparg. Tier 0 frames skip all of it (their bytecode is the
// read-only image).
#define SPECIALIZE(call)                               \
  do {                                                 \
    if (tier1) {                                       \
      if (counter_is_zero(cache[0])) {                 \
        if (call) DISPATCH_SAME_OPARG();               \
      } else {                                         \
        cache[0] = counter_decrement(cache[0]);        \
      }                                                \
    }                                                  \
  } while (0)
#define DISPATCH_SAME_OPARG()          \
  do {                                 \
    next_instr = cache;                \
    opcode = cache[-1] & 0xFF;         \
    goto* dispatch_table[opcode];      \
  } while (0)
// A specialized form's guard: when cond holds, BASE's generic body runs instead (the
// stack is as the instruction found it); the miss counts towards de-specializing.
#define DEOPT_IF(cond, BASE)                                      \
  do {                                                            \
    if (__builtin_expect(static_cast<bool>(cond), 0)) {           \
      specialization_miss(cache, opcode);                         \
      next_instr = cache;                                         \
      goto TARGET_##BASE;                                         \
    }                                                             \
  } while (0)
#define STAT_EXECUTION()                                                    \
  do {                                                                      \
    if (__builtin_expect(options.stats, 0)) opcode_stats[opcode].executions++; \
  } while (0)
// A specialized comparison's result t: when a POP_JUMP_IF_FALSE/TRUE follows, the
// branch is taken here (both inputs already released) and no bool is made.
#define COMPARE_RESULT(t)                                          \
  do {                                                             \
    bool t_ = (t);                                                 \
    uint16_t w_ = *next_instr;                                     \
    int jop_ = w_ & 0xFF;                                          \
    if (jop_ == static_cast<int>(Op::POP_JUMP_IF_FALSE) ||         \
        jop_ == static_cast<int>(Op::POP_JUMP_IF_TRUE)) {          \
      next_instr++;                                                \
      stack_pointer -= 2;                                          \
      if (t_ == (jop_ == static_cast<int>(Op::POP_JUMP_IF_TRUE)))  \
        JUMPBY(w_ >> 8);                                           \
      DISPATCH();                                                  \
    }                                                              \
    res = Bool(t_);                                                \
  } while (0)
// Leaves the entry frame with v (the caller of eval_frame pops it).
#define LEAVE_ENTRY_FRAME(v)             \
  do {                                   \
    Value lv_ = (v);                     \
    thread.frame = frame->previous;      \
    return lv_;                          \
  } while (0)
#define RETURN_WITH(v)                                  \
  do {                                                  \
    Value rv_ = (v);                                    \
    if (frame->is_entry) {                              \
      frame->sp = stack_pointer;                        \
      LEAVE_ENTRY_FRAME(rv_);                           \
    }                                                   \
    Frame* caller_ = frame->previous;                   \
    pop_frame(frame);                                   \
    frame = caller_;                                    \
    thread.frame = frame;                               \
    next_instr = frame->next;                           \
    stack_pointer = frame->sp;                          \
    *stack_pointer++ = rv_;                             \
    LOAD_CODE();                                        \
    DISPATCH();                                         \
  } while (0)
#define RETURN_FROM_FRAME_REPLACED(v) RETURN_WITH(v)
// Continues in callee, a frame just pushed for a call whose arguments and callable are
// already off this frame's stack (stack_pointer is where the result will go).
#define ENTER_FRAME(callee)          \
  do {                               \
    frame->next = next_instr;        \
    frame->sp = stack_pointer;       \
    (callee)->previous = frame;      \
    frame = (callee);                \
    goto start_frame;                \
  } while (0)

Value eval_frame(Frame* entry, bool throwing) {
  static void* dispatch_table[256];
  static bool table_ready = false;
  if (!table_ready) {
    for (void*& t : dispatch_table) t = &&bad_opcode;
#define STRATA_DISPATCH_TABLE
#include "vm/interp_cases.inc"
#undef STRATA_DISPATCH_TABLE
    table_ready = true;
  }

  // Native re-entry: guard the C stack (Python-to-Python calls never get here).
  char probe;
  if (&probe < thread.c_stack_limit) {
    raise(RecursionError, "maximum recursion depth exceeded");
    return Value();
  }

  Frame* frame = entry;
  entry->is_entry = 1;
  entry->previous = thread.frame;
  thread.frame = entry;
  const uint16_t* next_instr;
  // The instruction running: where an exception is looked up in the exception table.
  // (frame->instr is the same except after RERAISE, which points it at the instruction
  // that first raised, for the traceback's line.)
  const uint16_t* this_instr = nullptr;
  Value* stack_pointer;
  int opcode, oparg;
  Value kwnames_reg;
  CodeRT* code;
  Value* consts;
  Value* names;
  bool tier1;
  (void)opcode;

  if (entry->next) {  // a suspended (generator) frame resumes where it stopped
    next_instr = entry->next;
    stack_pointer = entry->sp;
    LOAD_CODE();
    if (throwing) {
      this_instr = frame->instr;
      goto error;
    }
    DISPATCH();
  }

start_frame:
  thread.frame = frame;
  next_instr = frame->base;
  stack_pointer = frame->stack();
  LOAD_CODE();
  DISPATCH();

#include "vm/interp_cases.inc"

bad_opcode:
  raise(SystemError, "unknown opcode %d", opcode);
  goto error;

unimplemented:
  raise(SystemError, "opcode %s is not implemented", op_name(static_cast<Op>(opcode)));
  goto error;

error:
  // An exception is set: record where this frame was.
  {
    FrameObject* fo = frame_object(frame);
    if (fo) exception_add_traceback(thread.current_exception, Value::from(&fo->ob), frame->lasti());
  }

exception_unwind:
  for (;;) {
    int offset = static_cast<int>(this_instr - frame->base);
    const ExceptionEntry* h = find_handler(frame->code, offset);
    if (h) {
      Value* new_sp = frame->stack() + h->depth;
      while (stack_pointer > new_sp) xdecref(*--stack_pointer);
      if (h->lasti) *stack_pointer++ = Value::small(frame->lasti());
      *stack_pointer++ = fetch_error();
      next_instr = frame->base + h->target;
      DISPATCH();
    }
    while (stack_pointer > frame->stack()) xdecref(*--stack_pointer);
    if (frame->is_entry) {
      frame->sp = stack_pointer;
      thread.frame = frame->previous;
      return Value();
    }
    Frame* caller = frame->previous;
    pop_frame(frame);
    frame = caller;
    thread.frame = frame;
    next_instr = frame->next;
    stack_pointer = frame->sp;
    this_instr = frame->instr;
    LOAD_CODE();
    FrameObject* fo = frame_object(frame);
    if (fo) exception_add_traceback(thread.current_exception, Value::from(&fo->ob), frame->lasti());
  }
}

}  // namespace strata
