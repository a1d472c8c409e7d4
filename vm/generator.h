// vm/generator.h — generators and coroutines: a function's frame moved into a heap object
// (RETURN_GENERATOR) and resumed by send/throw/close. Implemented in vm/generator.cpp.
#pragma once
#include "vm/interp.h"
#include "vm/object.h"

namespace strata {

enum GenState : int8_t { GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_COMPLETED };

struct GeneratorObject {
  Object ob;
  Value name, qualname;
  Value exc_state;     // the exception being handled inside, while suspended (or null)
  Value weakreflist;
  GenState state;
  // A Frame follows (gen_frame()), sized for the code's locals and stack.
};
inline Frame* gen_frame(GeneratorObject* g) { return reinterpret_cast<Frame*>(g + 1); }

enum class SendResult { Yield, Return, Error };
// Resumes gen with `arg` (or with the current exception raised at the yield, when
// `throwing`); *result is the yielded or returned value (new reference).
SendResult gen_send(Value gen, Value arg, bool throwing, Value* result);
// The RETURN_GENERATOR instruction: a generator (or coroutine) owning frame's contents.
Value generator_from_frame(Frame* frame);

}  // namespace strata
