// stdlib/atexit.cpp — the `atexit` module: functions to call at normal interpreter exit,
// run last-registered first by runtime_finish() after the main program and before the
// standard streams are flushed (as Py_FinalizeEx runs them), an exception in one
// reported as unraisable and the others still run.
#include <vector>

#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"

namespace strata {

namespace {

struct Callback {
  Value func, args, kwargs;  // owned; kwargs may be null
};

// CPython's array of callbacks: unregister() leaves a hole (null func) and the count
// (_ncallbacks) only drops when the whole list is cleared.
std::vector<Callback> callbacks;

void clear_callbacks() {
  std::vector<Callback> old;
  old.swap(callbacks);
  for (Callback& cb : old) {
    xdecref(cb.func);
    xdecref(cb.args);
    xdecref(cb.kwargs);
  }
}

void run_callbacks() {
  for (size_t i = callbacks.size(); i-- > 0;) {
    if (i >= callbacks.size() || !callbacks[i].func) continue;
    Ref func(newref(callbacks[i].func));
    Ref args(newref(callbacks[i].args));
    Ref kwargs(xnewref(callbacks[i].kwargs));
    Ref r(call_tuple_dict(*func, *args, kwargs ? *kwargs : Value()));
    if (!r) write_unraisable(*func, "in atexit callback");
  }
  clear_callbacks();
}

Value atexit_register(Value, const Value* args, size_t nargs, Value kwnames) {
  if (nargs == 0) return raise(TypeError, "register() takes at least 1 argument (0 given)");
  if (!is_callable(args[0])) return raise(TypeError, "the first argument must be callable");
  Ref rest(tuple_from(args + 1, static_cast<int64_t>(nargs - 1)));
  if (!rest) return Value();
  Ref kwargs;
  size_t nkw = kwnames ? tuple_size(kwnames) : 0;
  if (nkw) {
    kwargs.reset(dict_new());
    if (!kwargs) return Value();
    for (size_t i = 0; i < nkw; i++) {
      if (dict_set(*kwargs, tuple_item(kwnames, i), args[nargs + i]) < 0) return Value();
    }
  }
  callbacks.push_back({newref(args[0]), rest.release(), kwargs.release()});
  return newref(args[0]);
}

Value atexit_unregister(Value, const Value* a, size_t, Value) {
  Value func = a[0];
  for (size_t i = 0; i < callbacks.size(); i++) {
    if (!callbacks[i].func) continue;
    int eq = rich_compare_bool(callbacks[i].func, func, CMP_EQ);
    if (eq < 0) return Value();
    if (eq && i < callbacks.size()) {
      Callback cb = callbacks[i];
      callbacks[i] = Callback{};
      decref(cb.func);
      decref(cb.args);
      xdecref(cb.kwargs);
    }
  }
  return None();
}

Value atexit_run_exitfuncs(Value, const Value*, size_t, Value) {
  run_callbacks();
  return None();
}

Value atexit_clear(Value, const Value*, size_t, Value) {
  clear_callbacks();
  return None();
}

Value atexit_ncallbacks(Value, const Value*, size_t, Value) {
  return int_from_i64(static_cast<int64_t>(callbacks.size()));
}

const MethodDef atexit_methods[] = {
    {"register", atexit_register, METH_FASTCALL | METH_KEYWORDS,
     "register(func, *args, **kwargs) -> func\n\nRegister a function to be executed upon normal "
     "program termination\n\n    func - function to be called at exit\n    args - optional "
     "arguments to pass to func\n    kwargs - optional keyword arguments to pass to func\n\n    "
     "func is returned to facilitate usage as a decorator."},
    {"unregister", atexit_unregister, METH_O,
     "unregister(func) -> None\n\nUnregister an exit function which was previously registered "
     "using\natexit.register\n\n    func - function to be unregistered"},
    {"_run_exitfuncs", atexit_run_exitfuncs, METH_NOARGS,
     "_run_exitfuncs() -> None\n\nRun all registered exit functions.\n\nIf a callback raises an "
     "exception, it is logged with sys.unraisablehook."},
    {"_clear", atexit_clear, METH_NOARGS,
     "_clear() -> None\n\nClear the list of previously registered exit functions."},
    {"_ncallbacks", atexit_ncallbacks, METH_NOARGS,
     "_ncallbacks() -> int\n\nReturn the number of registered exit functions."},
    {nullptr, nullptr, 0, nullptr},
};

int atexit_init(Value) { return 0; }

}  // namespace

// At interpreter exit (runtime_finish): every callback, last registered first.
void atexit_run_at_exit() {
  if (error_occurred()) clear_error();
  run_callbacks();
}

extern const BuiltinModuleDef atexit_module_def;
const BuiltinModuleDef atexit_module_def = {
    "atexit", atexit_init, atexit_methods,
    "allow programmer to define multiple exit functions to be executed\nupon normal program "
    "termination.\n\nTwo public functions, register and unregister, are defined.\n"};

}  // namespace strata
