// vm/interp.h — frames, the thread state and the interpreter entry points.
// Frames live on the VM stack (decision 5): a Python-to-Python call pushes a Frame and
// continues in the same loop; only native code calling back into Python re-enters
// eval_frame(). Implemented in vm/interp.cpp (the loop, generated cases from
// vm/instructions.def), vm/frame.cpp and vm/call.cpp.
#pragma once
#include <vector>

#include "vm/func.h"
#include "vm/object.h"

namespace strata {

struct FrameObject;

struct Frame {
  CodeRT* code;          // strong (through func, or owned when func is null)
  Value func;            // the function being run (owned), or null for module/class/exec
  Value globals;         // borrowed from func, or owned when func is null
  Value builtins;        // borrowed, likewise
  Value locals;          // owned: the mapping of module/class bodies and exec, or null
  Frame* previous;       // the caller (or null at the bottom of an eval_frame)
  const uint16_t* base;  // the bytecode this frame runs: the image's (tier 0) or the
                         // quickened copy (tier 1), chosen when the frame was pushed
  const uint16_t* instr; // the instruction running (lasti), kept up to date by dispatch
  const uint16_t* next;  // where to continue when this frame resumes (after a call)
  Value* sp;             // the top of the value stack while the frame is suspended
  FrameObject* object;   // the Python-visible frame, created on demand, or null
  uint8_t owner;         // FrameOwner
  uint8_t is_entry;      // returning from this frame returns from eval_frame()
  uint8_t tier;          // 0: runs the image's bytecode; 1: the quickened copy
  uint8_t pad_;
  int32_t stack_base;    // index of the value stack's first slot in localsplus
  Value localsplus[];    // locals, cells, free vars, then the value stack

  Value* stack() { return localsplus + stack_base; }
  int lasti() const;     // index of the current instruction in the code units
};

enum FrameOwner : uint8_t { OWNED_BY_THREAD, OWNED_BY_GENERATOR, OWNED_BY_FRAME_OBJECT };

// What sys._getframe() and tracebacks see. While its Frame runs, `frame` points at it;
// when the frame is gone the object keeps what it needs (code, globals, line, locals).
struct FrameObject {
  Object ob;
  Frame* frame;       // live frame, or null when finished
  Value code;         // CodeRT (owned)
  Value globals;      // owned
  Value locals;       // f_locals snapshot when finished, or null
  Value back;         // f_back FrameObject, captured when the frame finished, or null
  int32_t lasti;      // last known instruction index
  int32_t lineno;     // f_lineno when finished
  // When the frame finished while others still held this object (a traceback, say), the
  // object took over its locals, cells and free variables, as CPython's frames do.
  Value* owned_locals;
  int32_t nowned;
};

struct ThreadState {
  Value current_exception;  // being raised (null when none)
  Value handled_exception;  // the one being handled (sys.exc_info()), or null
  // While generators run, the handled exceptions of the frames that resumed them (owned),
  // innermost last: sys.exc_info() looks through them when a generator handles none.
  std::vector<Value> outer_handled;
  bool yielded;             // eval_frame returned because a generator frame yielded
  Frame* frame;             // the running frame
  int recursion_depth;      // Python calls + native re-entries
  int recursion_limit;      // sys.getrecursionlimit()
  int c_recursion_remaining;  // native recursion budget (repr of deep structures, ...)
  volatile int eval_breaker;  // non-zero: check signals / pending calls at a safe point
  char* stack_base;           // the VM stack: one reserved region, committed on use
  char* stack_top;            // the first free byte
  char* stack_limit;
  char* c_stack_limit;        // below this native stack address: RecursionError
};

extern ThreadState thread;

// Runs `frame` (pushed by the caller) until it returns or yields; a suspended frame
// resumes where it stopped, with the current exception raised there when `throwing`.
Value eval_frame(Frame* frame, bool throwing = false);
// Frames on the VM stack: allocate one for `code` (locals null, stack empty), and pop it
// (releasing its locals, stack and references).
Frame* push_frame(CodeRT* code, Value func, Value globals, Value builtins, Value locals);
void pop_frame(Frame* frame);
// Clears a frame's locals and stack and drops its references (for generator frames).
void clear_frame(Frame* frame);
// A frame for calling func with args bound to its parameters (CPython's full rules and
// error messages), pushed on the VM stack; null with an exception on error.
Frame* push_call_frame(Value func, const Value* args, size_t nargs, Value kwnames);

// Runs code (module body, exec/eval) with the given globals and locals (locals may be
// null for module-level code, where locals are the globals).
Value eval_code(Value code, Value globals, Value locals);
// Calls a Python function (FunctionObject) with vector arguments: binds them to a new
// frame as CPython does (defaults, *args, **kwargs, errors) and runs it.
Value call_function(Value func, const Value* args, size_t nargs, Value kwnames);
// The running frame's globals / builtins / locals (for globals(), locals(), exec...).
Value current_globals();
Value current_builtins();
Value current_locals();  // new reference
// Enters / leaves a native recursion level (returns -1 with RecursionError set).
int enter_recursive_call(const char* where);
void leave_recursive_call();
// The Python frame object of `frame` (created on demand); borrowed.
FrameObject* frame_object(Frame* frame);

// Options the command line sets.
struct RuntimeOptions {
  int max_tier = 3;         // -X max_tier=N
  bool thresholds_one = false;  // -X thresholds=1
  bool stats = false;       // -X stats
};
extern RuntimeOptions options;

}  // namespace strata
