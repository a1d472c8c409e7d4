// vm/frame.cpp — the VM stack that frames live on (decision 5), pushing and popping
// frames, and frame objects (`frame`: what tracebacks and sys._getframe() see).
#include <sys/mman.h>
#include <sys/resource.h>

#include <cstdio>

#include "vm/abstract.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/func.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/specialize.h"
#include "vm/str.h"

namespace strata {

namespace {

constexpr size_t kVMStackReserve = size_t(1) << 30;  // virtual; pages commit on use

FrameObject* FO(Value v) { return v.as<FrameObject>(); }

// Refreshes `d` from a frame's fast locals (PyFrame_FastToLocals): bound names are set,
// unbound ones removed. -1 on error.
int fast_locals_to_dict(Frame* f, Value d) {
  CodeRT* c = f->code;
  for (int i = 0; i < c->nlocalsplus; i++) {
    Value v = f->localsplus[i];
    uint8_t kind = c->src->localspluskinds[i];
    if (v && (kind & (CO_FAST_CELL | CO_FAST_FREE)) && type_of(v) == &CellType) {
      v = v.as<CellObject>()->ref;
    } else if ((kind & CO_FAST_FREE) && !(c->flags & CO_OPTIMIZED)) {
      continue;  // class bodies show their free variables only through the mapping
    }
    Value name = c->localsplusnames[i];
    if (v) {
      if (dict_set(d, name, v) < 0) return -1;
    } else {
      Value old = dict_pop(d, name);
      if (old) {
        decref(old);
      } else if (error_occurred()) {
        return -1;
      }
    }
  }
  return 0;
}

// The f_locals dict of a function frame: one dict per frame, refreshed on each request.
Value fast_locals_dict(Frame* f) {
  FrameObject* fo = frame_object(f);
  if (!fo) return raise_no_memory();
  if (!fo->locals) {
    fo->locals = dict_new();
    if (!fo->locals) return Value();
  }
  if (fast_locals_to_dict(f, fo->locals) < 0) return Value();
  return newref(fo->locals);
}

// The frame is going away: keep what the object needs to answer questions later.
void detach_frame_object(Frame* f) {
  FrameObject* fo = f->object;
  if (!fo) return;
  fo->lasti = f->lasti();
  fo->lineno = code_line(f->code, fo->lasti);
  fo->frame = nullptr;
  int n = f->code->nlocalsplus;
  if (fo->ob.refcnt > 1 && n > 0) {
    // Someone keeps the frame object: its locals live on with it (and die with it).
    Value* saved = static_cast<Value*>(mem_alloc(sizeof(Value) * n));
    if (saved) {
      for (int i = 0; i < n; i++) {
        saved[i] = f->localsplus[i];
        f->localsplus[i] = Value();
      }
      fo->owned_locals = saved;
      fo->nowned = n;
    }
  }
  f->object = nullptr;
  decref(&fo->ob);
}

void release_owned_locals(FrameObject* fo) {
  Value* saved = fo->owned_locals;
  int n = fo->nowned;
  fo->owned_locals = nullptr;
  fo->nowned = 0;
  for (int i = 0; i < n; i++) xdecref(saved[i]);
  mem_free(saved);
}

void frame_object_dealloc(Object* o) {
  gc_untrack(o);
  FrameObject* fo = reinterpret_cast<FrameObject*>(o);
  if (fo->frame) fo->frame->object = nullptr;
  release_owned_locals(fo);
  clear_ref(&fo->code);
  clear_ref(&fo->globals);
  clear_ref(&fo->locals);
  clear_ref(&fo->back);
  free_object(o);
}

void frame_object_traverse(Object* o, VisitFn visit, void* arg) {
  FrameObject* fo = reinterpret_cast<FrameObject*>(o);
  visit_value(fo->code, visit, arg);
  visit_value(fo->globals, visit, arg);
  visit_value(fo->locals, visit, arg);
  visit_value(fo->back, visit, arg);
  for (int i = 0; i < fo->nowned; i++) visit_value(fo->owned_locals[i], visit, arg);
}

void frame_object_clear(Object* o) {
  FrameObject* fo = reinterpret_cast<FrameObject*>(o);
  release_owned_locals(fo);
  clear_ref(&fo->locals);
  clear_ref(&fo->back);
}

Value fo_code(Value s) { return newref(FO(s)->code); }
Value fo_globals(Value s) { return newref(FO(s)->globals); }
Value fo_builtins(Value s) {
  Frame* f = FO(s)->frame;
  return f ? newref(f->builtins) : dict_new();
}
Value fo_lineno(Value s) {
  FrameObject* fo = FO(s);
  if (fo->frame) return int_from_i64(code_line(fo->frame->code, fo->frame->lasti()));
  return int_from_i64(fo->lineno);
}
Value fo_lasti(Value s) {
  FrameObject* fo = FO(s);
  return int_from_i64(2 * (fo->frame ? fo->frame->lasti() : fo->lasti));
}
Value fo_locals(Value s) {
  FrameObject* fo = FO(s);
  Frame* f = fo->frame;
  if (f) {
    if (f->locals) return newref(f->locals);
    return fast_locals_dict(f);
  }
  if (fo->owned_locals) {
    if (!fo->locals) {
      fo->locals = dict_new();
      if (!fo->locals) return Value();
    }
    CodeRT* c = fo->code.as<CodeRT>();
    for (int i = 0; i < fo->nowned; i++) {
      Value v = fo->owned_locals[i];
      if (v && (c->src->localspluskinds[i] & (CO_FAST_CELL | CO_FAST_FREE)) &&
          type_of(v) == &CellType) {
        v = v.as<CellObject>()->ref;
      }
      if (v && dict_set(fo->locals, c->localsplusnames[i], v) < 0) return Value();
    }
  }
  return fo->locals ? newref(fo->locals) : dict_new();
}
Value fo_back(Value s) {
  FrameObject* fo = FO(s);
  if (fo->frame) {
    Frame* prev = fo->frame->previous;
    if (prev) return newref(Value::from(&frame_object(prev)->ob));
  }
  return newref(fo->back ? fo->back : None());
}
Value fo_trace(Value) { return None(); }
int fo_set_trace(Value, Value) { return 0; }

const GetSetDef frame_getset[] = {
    {"f_code", fo_code, nullptr, nullptr},
    {"f_globals", fo_globals, nullptr, nullptr},
    {"f_builtins", fo_builtins, nullptr, nullptr},
    {"f_lineno", fo_lineno, nullptr, nullptr},
    {"f_lasti", fo_lasti, nullptr, nullptr},
    {"f_locals", fo_locals, nullptr, nullptr},
    {"f_back", fo_back, nullptr, nullptr},
    {"f_trace", fo_trace, fo_set_trace, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Value frame_object_repr(Value v) {
  FrameObject* fo = FO(v);
  CodeRT* c = fo->code.as<CodeRT>();
  int line = fo->frame ? code_line(c, fo->frame->lasti()) : fo->lineno;
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(fo));
  return str_format_c("<frame at %s, file %R, line %d, code %U>", addr, c->filename, line, c->name);
}

}  // namespace

Type FrameType = {
    .ob = {kImmortal, &TypeType},
    .name = "frame",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(FrameObject),
    .dealloc = frame_object_dealloc,
    .traverse = frame_object_traverse,
    .clear = frame_object_clear,
    .repr = frame_object_repr,
    .getset = frame_getset,
};

int init_vm_stack() {
  void* p = mmap(nullptr, kVMStackReserve, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return -1;
  thread.stack_base = static_cast<char*>(p);
  thread.stack_top = thread.stack_base;
  thread.stack_limit = thread.stack_base + kVMStackReserve;
  // Native recursion: leave a margin of the C stack for the code that raises.
  struct rlimit rl;
  size_t c_stack = 8u << 20;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) c_stack = rl.rlim_cur;
  char here;
  size_t margin = 256u << 10;
  thread.c_stack_limit = &here - (c_stack > 2 * margin ? c_stack - margin : c_stack / 2);
  thread.recursion_limit = 1000;
  return 0;
}

Frame* push_frame(CodeRT* code, Value func, Value globals, Value builtins, Value locals) {
  if (thread.recursion_depth >= thread.recursion_limit) {
    raise(RecursionError, "maximum recursion depth exceeded");
    return nullptr;
  }
  size_t size = sizeof(Frame) + sizeof(Value) * (code->nlocalsplus + code->stacksize);
  size = (size + 15) & ~size_t(15);
  if (thread.stack_top + size > thread.stack_limit) {
    raise_no_memory();
    return nullptr;
  }
  thread.recursion_depth++;
  Frame* f = reinterpret_cast<Frame*>(thread.stack_top);
  thread.stack_top += size;
  f->code = code;
  f->func = func;
  if (func) {
    incref(func);
  } else {
    incref(&code->ob);
    incref(globals);
    incref(builtins);
  }
  f->globals = globals;
  f->builtins = builtins;
  f->locals = xnewref(locals);
  f->previous = nullptr;
  f->base = code_enter(code, &f->tier);
  f->instr = f->base;
  f->next = nullptr;
  f->sp = nullptr;
  f->object = nullptr;
  f->owner = OWNED_BY_THREAD;
  f->is_entry = 0;
  f->stack_base = code->nlocalsplus;
  for (int i = 0; i < code->nlocalsplus; i++) f->localsplus[i] = Value();
  return f;
}

void clear_frame(Frame* f) {
  detach_frame_object(f);
  for (int i = 0; i < f->code->nlocalsplus; i++) clear_ref(&f->localsplus[i]);
  if (f->sp) {
    while (f->sp > f->stack()) xdecref(*--f->sp);
  }
  clear_ref(&f->locals);
  if (f->func) {
    clear_ref(&f->func);
  } else {
    decref(&f->code->ob);
    decref(f->globals);
    decref(f->builtins);
  }
  f->globals = f->builtins = Value();
}

void pop_frame(Frame* f) {
  // A frame leaves with an empty value stack (the loop pops it); f->sp may be stale from
  // the last call it made.
  f->sp = nullptr;
  clear_frame(f);
  thread.recursion_depth--;
  thread.stack_top = reinterpret_cast<char*>(f);
}

FrameObject* frame_object(Frame* f) {
  if (f->object) return f->object;
  Object* o = alloc_object(&FrameType, sizeof(FrameObject));
  if (!o) {
    clear_error();
    return nullptr;
  }
  FrameObject* fo = reinterpret_cast<FrameObject*>(o);
  fo->frame = f;
  fo->code = newref(Value::from(&f->code->ob));
  fo->globals = newref(f->globals);
  fo->lasti = f->lasti();
  fo->lineno = -1;
  f->object = fo;  // the frame holds one reference until it goes away
  gc_track(o);
  return fo;
}

Value current_globals() { return thread.frame ? thread.frame->globals : Value(); }
Value current_builtins() { return thread.frame ? thread.frame->builtins : Value(); }
Value current_locals() {
  Frame* f = thread.frame;
  if (!f) return Value();
  if (f->locals) return newref(f->locals);
  return fast_locals_dict(f);
}

int enter_recursive_call(const char* where) {
  char probe;
  if (++thread.recursion_depth > thread.recursion_limit || &probe < thread.c_stack_limit) {
    --thread.recursion_depth;
    raise(RecursionError, "maximum recursion depth exceeded%s", where);
    return -1;
  }
  return 0;
}

void leave_recursive_call() { --thread.recursion_depth; }

}  // namespace strata

namespace strata {

bool frame_super_args(Value* type, Value* obj) {
  Frame* f = thread.frame;
  if (!f) {
    raise(RuntimeError, "super(): no current frame");
    return false;
  }
  CodeRT* c = f->code;
  if (c->argcount == 0) {
    raise(RuntimeError, "super(): no arguments");
    return false;
  }
  Value first = f->localsplus[0];
  if (first && (c->src->localspluskinds[0] & CO_FAST_CELL) && type_of(first) == &CellType) {
    first = first.as<CellObject>()->ref;
  }
  if (!first) {
    raise(RuntimeError, "super(): arg[0] deleted");
    return false;
  }
  for (int i = c->nlocalsplus - c->nfrees; i < c->nlocalsplus; i++) {
    if (!str_equal_ascii(c->localsplusnames[i], "__class__")) continue;
    Value cell = f->localsplus[i];
    Value cls = cell ? cell.as<CellObject>()->ref : Value();
    if (!cls) {
      raise(RuntimeError, "super(): empty __class__ cell");
      return false;
    }
    if (!is_type(cls)) {
      raise(RuntimeError, "super(): __class__ is not a type (%s)", type_name(cls));
      return false;
    }
    *type = cls;
    *obj = first;
    return true;
  }
  raise(RuntimeError, "super(): __class__ cell not found");
  return false;
}

}  // namespace strata
