// stdlib/thread.cpp — a minimal `_thread` module for a runtime that runs one thread:
// enough for the pure-Python modules that only need locks and thread identities
// (reprlib, functools, threading's import, logging...). lock and RLock keep CPython's
// interface and messages; since no other thread can ever release a held lock, a
// blocking acquire of a held lock raises RuntimeError instead of hanging forever, and
// start_new_thread raises RuntimeError("can't start new thread").
#include <pthread.h>
#include <unistd.h>
#include <cmath>
#include <ctime>
#include <string>

#include "stdlib/builtins.h"
#include "stdlib/structseq.h"
#include "vm/exceptions.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

struct LockObject {
  Object ob;
  bool locked;
  int64_t owner;  // RLock: the owner's thread id (0: none)
  int64_t count;  // RLock: recursion depth
  Value weakreflist;
};

// The thread's pthread_t as an integer (what CPython's get_ident() returns).
int64_t current_ident() { return int64_t(uint64_t(pthread_self()) & uint64_t(INT64_MAX)); }

extern Type LockType, RLockType;

// Parses acquire(blocking=True, timeout=-1); false with an exception set. *timeout < 0
// means "no timeout".
bool parse_acquire(const Value* args, size_t nargs, Value kwnames, bool* blocking,
                   double* timeout) {
  static const char* const names[] = {"blocking", "timeout"};
  ArgSpec spec{"acquire", names, 2, 0, 0, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return false;
  *blocking = true;
  *timeout = -1;
  if (a[0]) {
    int t = is_true(a[0]);
    if (t < 0) return false;
    *blocking = t;
  }
  if (a[1]) {
    Value f = number_float(a[1]);
    if (!f) return false;
    *timeout = float_value(f);
    decref(f);
  }
  if (!*blocking && *timeout != -1) {
    raise(ValueError, "can't specify a timeout for a non-blocking call");
    return false;
  }
  if (*timeout < 0 && *timeout != -1) {
    raise(ValueError, "timeout value must be positive");
    return false;
  }
  return true;
}

// The lock is held and only this thread exists: wait out the timeout, or fail.
Value wait_for_held(bool blocking, double timeout) {
  if (!blocking) return False();
  if (timeout >= 0) {
    struct timespec ts;
    ts.tv_sec = time_t(timeout);
    ts.tv_nsec = long((timeout - double(ts.tv_sec)) * 1e9);
    nanosleep(&ts, nullptr);
    return False();
  }
  return raise(RuntimeError, "deadlock: acquiring a held lock with no other thread to release it");
}

Value lock_new_object(Type* type) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  return Value::from(o);
}

Value lock_tp_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("lock", kwnames) || !check_positional("lock", nargs, 0, 0)) return Value();
  return lock_new_object(type);
}

void lock_dealloc(Object* o) { free_object(o); }

Value lock_acquire(Value self, const Value* args, size_t nargs, Value kwnames) {
  bool blocking;
  double timeout;
  if (!parse_acquire(args, nargs, kwnames, &blocking, &timeout)) return Value();
  LockObject* l = self.as<LockObject>();
  if (!l->locked) {
    l->locked = true;
    return True();
  }
  return wait_for_held(blocking, timeout);
}

Value lock_release(Value self, const Value*, size_t, Value) {
  LockObject* l = self.as<LockObject>();
  if (!l->locked) return raise(RuntimeError, "release unlocked lock");
  l->locked = false;
  return None();
}

Value lock_exit(Value self, const Value*, size_t, Value) { return lock_release(self, nullptr, 0, Value()); }

Value lock_locked(Value self, const Value*, size_t, Value) {
  return Bool(self.as<LockObject>()->locked);
}

Value lock_at_fork_reinit(Value self, const Value*, size_t, Value) {
  self.as<LockObject>()->locked = false;
  return None();
}

Value lock_repr(Value self) {
  LockObject* l = self.as<LockObject>();
  return str_format_c("<%s %s object at %p>", l->locked ? "locked" : "unlocked",
                      type_of(self)->name, self.obj());
}

const MethodDef lock_methods[] = {
    {"acquire_lock", lock_acquire, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"acquire", lock_acquire, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"release_lock", lock_release, METH_NOARGS, nullptr},
    {"release", lock_release, METH_NOARGS, nullptr},
    {"locked_lock", lock_locked, METH_NOARGS, nullptr},
    {"locked", lock_locked, METH_NOARGS, nullptr},
    {"__enter__", lock_acquire, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"__exit__", lock_exit, METH_FASTCALL, nullptr},
    {"_at_fork_reinit", lock_at_fork_reinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

Type LockType = {
    .ob = {kImmortal, &TypeType},
    .name = "_thread.lock",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE,
    .basicsize = sizeof(LockObject),
    .weaklistoffset = offsetof(LockObject, weakreflist),
    .dealloc = lock_dealloc,
    .repr = lock_repr,
    .new_ = lock_tp_new,
    .methods = lock_methods,
};

// -- RLock -----------------------------------------------------------------------------------

Value rlock_tp_new(Type* type, const Value*, size_t, Value) { return lock_new_object(type); }

Value rlock_acquire(Value self, const Value* args, size_t nargs, Value kwnames) {
  bool blocking;
  double timeout;
  if (!parse_acquire(args, nargs, kwnames, &blocking, &timeout)) return Value();
  LockObject* l = self.as<LockObject>();
  int64_t me = current_ident();
  if (l->count > 0 && l->owner == me) {
    l->count++;
    return True();
  }
  if (l->count > 0) return wait_for_held(blocking, timeout);
  l->owner = me;
  l->count = 1;
  return True();
}

Value rlock_release(Value self, const Value*, size_t, Value) {
  LockObject* l = self.as<LockObject>();
  if (l->count == 0 || l->owner != current_ident()) {
    return raise(RuntimeError, "cannot release un-acquired lock");
  }
  if (--l->count == 0) l->owner = 0;
  return None();
}

Value rlock_exit(Value self, const Value*, size_t, Value) { return rlock_release(self, nullptr, 0, Value()); }

Value rlock_is_owned(Value self, const Value*, size_t, Value) {
  LockObject* l = self.as<LockObject>();
  return Bool(l->count > 0 && l->owner == current_ident());
}

Value rlock_recursion_count(Value self, const Value*, size_t, Value) {
  LockObject* l = self.as<LockObject>();
  return int_from_i64(l->owner == current_ident() ? l->count : 0);
}

Value rlock_release_save(Value self, const Value*, size_t, Value) {
  LockObject* l = self.as<LockObject>();
  if (l->count == 0) return raise(RuntimeError, "cannot release un-acquired lock");
  Ref count(int_from_i64(l->count)), owner(int_from_i64(l->owner));
  l->count = 0;
  l->owner = 0;
  return tuple_pack({*count, *owner});
}

Value rlock_acquire_restore(Value self, const Value* args, size_t, Value) {
  LockObject* l = self.as<LockObject>();
  Value state = args[0];
  if (!is_tuple(state) || tuple_size(state) != 2) {
    return raise(TypeError, "_acquire_restore() argument must be a tuple of 2 items");
  }
  int64_t count = int_as_i64(tuple_item(state, 0));
  if (count == -1 && error_occurred()) return Value();
  int64_t owner = int_as_i64(tuple_item(state, 1));
  if (owner == -1 && error_occurred()) return Value();
  l->count = count;
  l->owner = owner;
  return None();
}

Value rlock_repr(Value self) {
  LockObject* l = self.as<LockObject>();
  return str_format_c("<%s %s object owner=%lld count=%lld at %p>",
                      l->count ? "locked" : "unlocked", type_of(self)->name,
                      (long long)l->owner, (long long)l->count, self.obj());
}

const MethodDef rlock_methods[] = {
    {"acquire", rlock_acquire, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"release", rlock_release, METH_NOARGS, nullptr},
    {"_is_owned", rlock_is_owned, METH_NOARGS, nullptr},
    {"_recursion_count", rlock_recursion_count, METH_NOARGS, nullptr},
    {"_release_save", rlock_release_save, METH_NOARGS, nullptr},
    {"_acquire_restore", rlock_acquire_restore, METH_O, nullptr},
    {"__enter__", rlock_acquire, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"__exit__", rlock_exit, METH_FASTCALL, nullptr},
    {"_at_fork_reinit", lock_at_fork_reinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

Type RLockType = {
    .ob = {kImmortal, &TypeType},
    .name = "_thread.RLock",
    .base = &ObjectType,
    .flags = TF_IMMUTABLE | TF_BASETYPE,
    .basicsize = sizeof(LockObject),
    .weaklistoffset = offsetof(LockObject, weakreflist),
    .dealloc = lock_dealloc,
    .repr = rlock_repr,
    .new_ = rlock_tp_new,
    .methods = rlock_methods,
};

// -- Module functions ------------------------------------------------------------------------

Value thread_allocate_lock(Value, const Value*, size_t, Value) { return lock_new_object(&LockType); }
Value thread_get_ident(Value, const Value*, size_t, Value) { return int_from_i64(current_ident()); }
Value thread_get_native_id(Value, const Value*, size_t, Value) {
  return int_from_i64(int64_t(gettid()));
}
Value thread_count(Value, const Value*, size_t, Value) { return Value::small(0); }
Value thread_true(Value, const Value*, size_t, Value) { return True(); }
Value thread_start_new(Value, const Value*, size_t, Value) {
  return raise(RuntimeError, "can't start new thread");
}
Value thread_exit(Value, const Value*, size_t, Value) { return raise_object(Value::from(SystemExit)); }
Value thread_stack_size(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("stack_size", nargs, 0, 1)) return Value();
  if (nargs == 1) {
    int64_t n = as_ssize(args[0], OverflowError);
    if (n == -1 && error_occurred()) return Value();
    if (n != 0 && n < 32768) return raise(ValueError, "size not valid: %zd bytes", n);
  }
  return Value::small(0);
}
Value thread_interrupt_main(Value, const Value*, size_t, Value) {
  return raise_object(Value::from(KeyboardInterrupt));
}

// threading.excepthook's native form: prints "Exception in thread NAME:" and the traceback
// to sys.stderr; SystemExit is ignored silently.
Type ExceptHookArgsType;
MemberDef excepthook_args_members[5];
const char* const kExceptHookFields[] = {"exc_type", "exc_value", "exc_traceback", "thread"};
const StructSeqDesc kExceptHookArgsDesc = {
    "_thread._ExceptHookArgs", "ExceptHookArgs\n\nType used to pass arguments to "
    "threading.excepthook.", kExceptHookFields, 4, 4};

Value thread_excepthook(Value, const Value* args, size_t, Value) {
  Value a = args[0];
  if (!is_tuple(a) || tuple_size(a) != 4) {
    return raise(TypeError, "_thread._excepthook argument type must be ExceptHookArgs");
  }
  Value exc_type = tuple_item(a, 0), exc_value = tuple_item(a, 1), thread = tuple_item(a, 3);
  if (exc_type == Value::from(SystemExit)) return None();
  std::string header = "Exception in thread ";
  if (!is_none(thread)) {
    Ref name(lookup_attr(thread, STRATA_NAME(name)));
    if (!name && error_occurred()) return Value();
    if (name) {
      Ref s(str(*name));
      if (!s) return Value();
      header += std::string(str_utf8(*s));
    } else {
      header += std::to_string(current_ident());
    }
  } else {
    header += std::to_string(current_ident());
  }
  header += ":\n";
  write_stderr(header);
  if (is_exception(exc_value)) print_exception(exc_value);
  return None();
}

const MethodDef thread_methods[] = {
    {"_excepthook", thread_excepthook, METH_O, "Handle uncaught Thread.run() exception."},
    {"allocate_lock", thread_allocate_lock, METH_NOARGS, nullptr},
    {"allocate", thread_allocate_lock, METH_NOARGS, nullptr},
    {"_set_sentinel", thread_allocate_lock, METH_NOARGS, nullptr},
    {"get_ident", thread_get_ident, METH_NOARGS, nullptr},
    {"get_native_id", thread_get_native_id, METH_NOARGS, nullptr},
    {"_count", thread_count, METH_NOARGS, nullptr},
    {"daemon_threads_allowed", thread_true, METH_NOARGS, nullptr},
    {"start_new_thread", thread_start_new, METH_FASTCALL, nullptr},
    {"start_new", thread_start_new, METH_FASTCALL, nullptr},
    {"exit", thread_exit, METH_NOARGS, nullptr},
    {"exit_thread", thread_exit, METH_NOARGS, nullptr},
    {"stack_size", thread_stack_size, METH_FASTCALL, nullptr},
    {"interrupt_main", thread_interrupt_main, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

int thread_init(Value m) {
  static bool ready = false;
  if (!ready) {
    if (type_ready(&LockType) < 0 || type_ready(&RLockType) < 0) return -1;
    if (structseq_init_type(&ExceptHookArgsType, &kExceptHookArgsDesc, excepthook_args_members) < 0) {
      return -1;
    }
    ready = true;
  }
  Value d = module_dict(m);
  Ref timeout_max(float_new(9223372036.0));
  if (!timeout_max) return -1;
  if (dict_set_cstr(d, "LockType", Value::from(&LockType)) < 0 ||
      dict_set_cstr(d, "lock", Value::from(&LockType)) < 0 ||
      dict_set_cstr(d, "RLock", Value::from(&RLockType)) < 0 ||
      dict_set_cstr(d, "error", Value::from(RuntimeError)) < 0 ||
      dict_set_cstr(d, "TIMEOUT_MAX", *timeout_max) < 0 ||
      dict_set_cstr(d, "_ExceptHookArgs", Value::from(&ExceptHookArgsType)) < 0) {
    return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef thread_module_def;
const BuiltinModuleDef thread_module_def = {
    "_thread", thread_init, thread_methods,
    "This module provides primitive operations to write multi-threaded programs.\n"
    "The 'threading' module provides a more convenient interface."};

}  // namespace strata
