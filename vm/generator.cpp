// vm/generator.cpp — generator and coroutine objects: RETURN_GENERATOR moves a frame into
// one; send/throw/close resume it (natively, through eval_frame); a suspended generator
// that dies is closed first, so its `finally` blocks run.
#include <cstdio>
#include <cstring>

#include "vm/abstract.h"
#include "vm/exceptions.h"
#include "vm/func.h"
#include "vm/generator.h"
#include "vm/int.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"

namespace strata {

namespace {

GeneratorObject* G(Value v) { return v.as<GeneratorObject>(); }

const char* kind_name(Value gen) {
  return type_of(gen) == &CoroutineType ? "coroutine" : "generator";
}

void gen_finalize(Object* o);

void gen_dealloc(Object* o) {
  gc_untrack(o);
  GeneratorObject* g = reinterpret_cast<GeneratorObject*>(o);
  if (g->state == GEN_SUSPENDED || g->state == GEN_CREATED) {
    // Close it first (runs finally blocks); the object lives on during that.
    o->refcnt = 1;
    gen_finalize(o);
    if (--o->refcnt != 0) return;  // resurrected
  }
  if (g->state != GEN_COMPLETED) {
    clear_frame(gen_frame(g));
    g->state = GEN_COMPLETED;
  }
  clear_ref(&g->name);
  clear_ref(&g->qualname);
  clear_ref(&g->exc_state);
  free_object(o);
}

void gen_traverse(Object* o, VisitFn visit, void* arg) {
  GeneratorObject* g = reinterpret_cast<GeneratorObject*>(o);
  visit_value(g->name, visit, arg);
  visit_value(g->qualname, visit, arg);
  visit_value(g->exc_state, visit, arg);
  if (g->state == GEN_COMPLETED) return;
  Frame* f = gen_frame(g);
  visit_value(f->func, visit, arg);
  visit_value(f->locals, visit, arg);
  if (f->object) visit(&f->object->ob, arg);
  for (int i = 0; i < f->code->nlocalsplus; i++) visit_value(f->localsplus[i], visit, arg);
  if (f->sp) {
    for (Value* p = f->stack(); p < f->sp; p++) visit_value(*p, visit, arg);
  }
}

void gen_clear(Object* o) {
  GeneratorObject* g = reinterpret_cast<GeneratorObject*>(o);
  if (g->state != GEN_COMPLETED && g->state != GEN_RUNNING) {
    clear_frame(gen_frame(g));
    g->state = GEN_COMPLETED;
  }
  clear_ref(&g->exc_state);
}

// StopIteration(value) as the end of send()/throw().
void set_stop_iteration(Value value) {
  if (is_none(value)) {
    raise_object(Value::from(StopIteration));
    return;
  }
  Value exc = exception_new(StopIteration, &value, 1);
  if (exc) restore_error(exc);
}

Value gen_send_method(Value self, const Value* args, size_t nargs, Value) {
  Value result;
  SendResult r = gen_send(self, args[0], false, &result);
  if (r == SendResult::Yield) return result;
  if (r == SendResult::Return) {
    set_stop_iteration(result);
    decref(result);
  }
  return Value();
}

Value gen_iternext(Value self) {
  Value result;
  SendResult r = gen_send(self, None(), false, &result);
  if (r == SendResult::Yield) return result;
  if (r == SendResult::Return) {
    if (!is_none(result)) set_stop_iteration(result);
    decref(result);
  }
  return Value();
}

// The sub-iterator of a generator suspended in `yield from`/`await` (borrowed), or null:
// suspended there, the next instruction is RESUME 2 or 3 and the receiver is on top.
Value yieldfrom(GeneratorObject* g) {
  if (g->state != GEN_SUSPENDED) return Value();
  Frame* f = gen_frame(g);
  const uint16_t* next = f->next;
  if (next && (next[0] & 0xFF) == static_cast<int>(Op::RESUME) && (next[0] >> 8) >= 2 &&
      f->sp > f->stack()) {
    return f->sp[-1];
  }
  return Value();
}

Value gen_close(Value self, const Value*, size_t, Value);

// Closes a sub-iterator (its close() method, if any); -1 on error.
int close_iter(Value yf) {
  Type* t = type_of(yf);
  Value r;
  if (t == &GeneratorType || t == &CoroutineType) {
    r = gen_close(yf, nullptr, 0, Value());
  } else {
    Value meth = lookup_attr(yf, STRATA_NAME(close));
    if (!meth) return error_occurred() ? -1 : 0;
    r = call0(meth);
    decref(meth);
  }
  if (!r) return -1;
  decref(r);
  return 0;
}

// The current exception thrown into gen (CPython's _gen_throw): into the sub-iterator
// first when gen is delegating to one. Returns the next yielded value, or null.
Value throw_current(Value self, bool close_on_genexit) {
  GeneratorObject* g = G(self);
  Value yf = yieldfrom(g);
  if (yf) {
    incref(yf);
    Value ret;
    if (close_on_genexit && error_matches(GeneratorExit)) {
      Value exc = fetch_error();
      g->state = GEN_RUNNING;
      int err = close_iter(yf);
      g->state = GEN_SUSPENDED;
      decref(yf);
      if (err < 0) {
        decref(exc);  // the error from closing is thrown instead
      } else {
        restore_error(exc);
      }
      goto throw_here;
    }
    if (type_of(yf) == &GeneratorType || type_of(yf) == &CoroutineType) {
      g->state = GEN_RUNNING;
      ret = throw_current(yf, close_on_genexit);
      g->state = GEN_SUSPENDED;
    } else {
      Value exc = fetch_error();
      Value meth = lookup_attr(yf, STRATA_NAME(throw));
      if (!meth) {
        decref(yf);
        if (error_occurred()) {
          decref(exc);
          return Value();
        }
        restore_error(exc);
        goto throw_here;
      }
      Value tb = exc.as<BaseExceptionObject>()->traceback;
      Value args[3] = {Value::from(type_of(exc)), exc, tb ? tb : None()};
      g->state = GEN_RUNNING;
      ret = call(meth, args, 3);
      g->state = GEN_SUSPENDED;
      decref(meth);
      decref(exc);
    }
    decref(yf);
    if (ret) return ret;  // the sub-iterator yielded: gen stays where it is
    // The sub-iterator finished or failed: that goes into gen at the yield.
  }
throw_here:
  Value result;
  SendResult r = gen_send(self, Value(), true, &result);
  if (r == SendResult::Yield) return result;
  if (r == SendResult::Return) {
    set_stop_iteration(result);
    decref(result);
  }
  return Value();
}

// throw(value) / throw(type[, value[, tb]])
Value gen_throw(Value self, const Value* args, size_t nargs, Value) {
  if (nargs < 1 || nargs > 3) {
    return raise(TypeError, "throw expected at least 1 argument, got %zu", nargs);
  }
  Value typ = args[0];
  Value val = nargs > 1 ? args[1] : Value();
  Value tb = nargs > 2 ? args[2] : Value();
  if (tb && is_none(tb)) tb = Value();
  if (tb && type_of(tb) != &TracebackType) {
    return raise(TypeError, "throw() third argument must be a traceback object");
  }
  Value exc;
  if (is_exception_type(typ)) {
    if (val && is_instance_of(val, typ.as<Type>())) {
      exc = newref(val);
    } else if (val && !is_none(val)) {
      exc = is_tuple(val) ? call(typ, tuple_items(val), tuple_size(val)) : call1(typ, val);
    } else {
      exc = call0(typ);
    }
    if (!exc) return Value();
    if (!is_exception(exc)) {
      decref(exc);
      return raise(TypeError, "calling %R should have returned an instance of BaseException, not %s",
                   typ, type_name(exc));
    }
  } else if (is_exception(typ)) {
    if (val && !is_none(val)) {
      return raise(TypeError, "instance exception may not have a separate value");
    }
    exc = newref(typ);
  } else {
    return raise(TypeError, "exceptions must be classes or instances deriving from BaseException, not %s",
                 type_name(typ));
  }
  if (tb) set_ref(&exc.as<BaseExceptionObject>()->traceback, newref(tb));
  restore_error(exc);
  return throw_current(self, true);
}

Value gen_close(Value self, const Value*, size_t, Value) {
  GeneratorObject* g = G(self);
  if (g->state == GEN_CREATED) {
    clear_frame(gen_frame(g));
    g->state = GEN_COMPLETED;
    return None();
  }
  if (g->state == GEN_COMPLETED) return None();
  int err = 0;
  if (Value yf = yieldfrom(g)) {
    incref(yf);
    g->state = GEN_RUNNING;
    err = close_iter(yf);
    g->state = GEN_SUSPENDED;
    decref(yf);
  }
  if (err == 0) raise_object(Value::from(GeneratorExit));
  Value result;
  SendResult r = gen_send(self, Value(), true, &result);
  if (r == SendResult::Yield) {
    decref(result);
    return raise(RuntimeError, "%s ignored GeneratorExit", kind_name(self));
  }
  if (r == SendResult::Return) {
    decref(result);
    return None();
  }
  if (error_matches(StopIteration) || error_matches(GeneratorExit)) {
    clear_error();
    return None();
  }
  return Value();
}

void gen_finalize(Object* o) {
  Value self = Value::from(o);
  Value saved = fetch_error();
  Value r = gen_close(self, nullptr, 0, Value());
  if (r) {
    decref(r);
  } else {
    write_unraisable(self);
  }
  restore_error(saved);
}

Value gen_repr(Value v) {
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(v.obj()));
  return str_format_c("<%s object %U at %s>", kind_name(v), G(v)->qualname, addr);
}

Value gen_iter(Value v) { return newref(v); }

Value gget_name(Value s) { return newref(G(s)->name); }
int gset_name(Value s, Value v) {
  if (!v || !is_str(v)) {
    raise(TypeError, "__name__ must be set to a string object");
    return -1;
  }
  set_ref(&G(s)->name, newref(v));
  return 0;
}
Value gget_qualname(Value s) { return newref(G(s)->qualname); }
int gset_qualname(Value s, Value v) {
  if (!v || !is_str(v)) {
    raise(TypeError, "__qualname__ must be set to a string object");
    return -1;
  }
  set_ref(&G(s)->qualname, newref(v));
  return 0;
}
Value gget_running(Value s) { return Bool(G(s)->state == GEN_RUNNING); }
Value gget_suspended(Value s) { return Bool(G(s)->state == GEN_SUSPENDED); }
Value gget_frame(Value s) {
  GeneratorObject* g = G(s);
  if (g->state == GEN_COMPLETED) return None();
  FrameObject* fo = frame_object(gen_frame(g));
  return fo ? newref(Value::from(&fo->ob)) : None();
}
Value gget_code(Value s) {
  GeneratorObject* g = G(s);
  return newref(Value::from(&gen_frame(g)->code->ob));
}
Value gget_yieldfrom(Value s) {
  Value yf = yieldfrom(G(s));
  return newref(yf ? yf : None());
}

const GetSetDef gen_getset[] = {
    {"__name__", gget_name, gset_name, nullptr},
    {"__qualname__", gget_qualname, gset_qualname, nullptr},
    {"gi_running", gget_running, nullptr, nullptr},
    {"gi_suspended", gget_suspended, nullptr, nullptr},
    {"gi_frame", gget_frame, nullptr, nullptr},
    {"gi_code", gget_code, nullptr, nullptr},
    {"gi_yieldfrom", gget_yieldfrom, nullptr, nullptr},
    {"cr_running", gget_running, nullptr, nullptr},
    {"cr_suspended", gget_suspended, nullptr, nullptr},
    {"cr_frame", gget_frame, nullptr, nullptr},
    {"cr_code", gget_code, nullptr, nullptr},
    {"cr_await", gget_yieldfrom, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef gen_methods[] = {
    {"send", gen_send_method, METH_O, nullptr},
    {"throw", gen_throw, METH_FASTCALL, nullptr},
    {"close", gen_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Value coro_await(Value self, const Value*, size_t, Value) { return newref(self); }

const MethodDef coro_methods[] = {
    {"send", gen_send_method, METH_O, nullptr},
    {"throw", gen_throw, METH_FASTCALL, nullptr},
    {"close", gen_close, METH_NOARGS, nullptr},
    {"__await__", coro_await, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Type GeneratorType = {
    .ob = {kImmortal, &TypeType},
    .name = "generator",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(GeneratorObject),
    .weaklistoffset = offsetof(GeneratorObject, weakreflist),
    .dealloc = gen_dealloc,
    .traverse = gen_traverse,
    .clear = gen_clear,
    .finalize = gen_finalize,
    .repr = gen_repr,
    .iter = gen_iter,
    .iternext = gen_iternext,
    .methods = gen_methods,
    .getset = gen_getset,
};

Type CoroutineType = {
    .ob = {kImmortal, &TypeType},
    .name = "coroutine",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(GeneratorObject),
    .weaklistoffset = offsetof(GeneratorObject, weakreflist),
    .dealloc = gen_dealloc,
    .traverse = gen_traverse,
    .clear = gen_clear,
    .finalize = gen_finalize,
    .repr = gen_repr,
    .methods = coro_methods,
    .getset = gen_getset,
};

Type AsyncGeneratorType = {
    .ob = {kImmortal, &TypeType},
    .name = "async_generator",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(GeneratorObject),
    .weaklistoffset = offsetof(GeneratorObject, weakreflist),
    .dealloc = gen_dealloc,
    .traverse = gen_traverse,
    .clear = gen_clear,
    .repr = gen_repr,
    .getset = gen_getset,
};

Value generator_from_frame(Frame* frame) {
  CodeRT* c = frame->code;
  Type* type = (c->flags & CO_COROUTINE) ? &CoroutineType
               : (c->flags & CO_ASYNC_GENERATOR) ? &AsyncGeneratorType
                                                 : &GeneratorType;
  size_t slots = static_cast<size_t>(c->nlocalsplus + c->stacksize);
  Object* o = alloc_object(type, sizeof(GeneratorObject) + sizeof(Frame) + slots * sizeof(Value));
  if (!o) return Value();
  GeneratorObject* g = reinterpret_cast<GeneratorObject*>(o);
  Frame* f = gen_frame(g);
  FunctionObject* func = frame->func.as<FunctionObject>();
  g->name = newref(func->name);
  g->qualname = newref(func->qualname);
  g->state = GEN_CREATED;
  // Move the frame: its header, locals and stack; the old frame is left empty.
  std::memcpy(static_cast<void*>(f), frame, sizeof(Frame));
  f->func = newref(frame->func);
  frame->locals = Value();
  size_t depth = static_cast<size_t>(frame->sp - frame->stack());
  for (int i = 0; i < c->nlocalsplus; i++) {
    f->localsplus[i] = frame->localsplus[i];
    frame->localsplus[i] = Value();
  }
  for (size_t i = 0; i < depth; i++) f->stack()[i] = frame->stack()[i];
  f->sp = f->stack() + depth;
  frame->sp = frame->stack();
  f->owner = OWNED_BY_GENERATOR;
  f->is_entry = 1;
  f->previous = nullptr;
  if (frame->object) {  // the frame object now shows the generator's frame
    f->object = frame->object;
    f->object->frame = f;
    frame->object = nullptr;
  }
  gc_track(o);
  return Value::from(o);
}

SendResult gen_send(Value gen, Value arg, bool throwing, Value* result) {
  GeneratorObject* g = G(gen);
  *result = Value();
  if (g->state == GEN_RUNNING) {
    raise(ValueError, "%s already executing", kind_name(gen));
    return SendResult::Error;
  }
  if (g->state == GEN_COMPLETED) {
    if (throwing) return SendResult::Error;  // the exception propagates as is
    if (type_of(gen) == &CoroutineType) {
      raise(RuntimeError, "cannot reuse already awaited coroutine");
      return SendResult::Error;
    }
    *result = None();
    return SendResult::Return;
  }
  if (g->state == GEN_CREATED && !throwing && arg && !is_none(arg)) {
    raise(TypeError, "can't send non-None value to a just-started %s", kind_name(gen));
    return SendResult::Error;
  }
  if (enter_recursive_call("") < 0) return SendResult::Error;
  Frame* f = gen_frame(g);
  if (!throwing) *f->sp++ = newref(arg);
  // The generator sees the caller's handled exception unless it handles its own.
  // The generator has its own handled exception; the caller's waits in outer_handled
  // (references move, none are taken).
  thread.outer_handled.push_back(thread.handled_exception);
  thread.handled_exception = g->exc_state;
  g->exc_state = Value();
  g->state = GEN_RUNNING;
  thread.yielded = false;
  Value r = eval_frame(f, throwing);
  bool yielded = thread.yielded;
  thread.yielded = false;
  leave_recursive_call();
  g->exc_state = thread.handled_exception;
  thread.handled_exception = thread.outer_handled.back();
  thread.outer_handled.pop_back();
  if (r && yielded) {
    g->state = GEN_SUSPENDED;
    *result = r;
    return SendResult::Yield;
  }
  g->state = GEN_COMPLETED;
  f->sp = f->stack();
  clear_frame(f);
  clear_ref(&g->exc_state);
  if (!r) return SendResult::Error;
  *result = r;
  return SendResult::Return;
}

}  // namespace strata
