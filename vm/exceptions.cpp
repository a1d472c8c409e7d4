// vm/exceptions.cpp — every built-in exception type (STRATA_EXCEPTIONS in vm/object.h)
// with CPython 3.11's behaviour (Objects/exceptions.c): BaseException's args, str, repr,
// traceback/context/cause attributes, notes and pickling support; the per-type fields
// and constructors (SystemExit, StopIteration, ImportError, NameError, AttributeError,
// OSError with its errno → subclass mapping, SyntaxError, the Unicode errors, KeyError);
// exception groups with split/subgroup/derive and the except* helpers.
//
// Layout: every exception instance is a BaseExceptionObject (vm/exceptions.h); the
// per-type fields f1..f8 are simply unused by types that do not need them, so any
// exception type can be the base of any other (ExceptionGroup has two bases).
#include <cerrno>
#include <cstddef>
#include <climits>
#include <cstring>
#include <unordered_set>

#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/func.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

// -- The type objects --------------------------------------------------------------------------

namespace {

// CPython's docstrings: __doc__ is visible to programs.
constexpr const char* BaseException_doc = "Common base class for all exceptions";
constexpr const char* BaseExceptionGroup_doc = "A combination of multiple unrelated exceptions.";
constexpr const char* GeneratorExit_doc = "Request that a generator exit.";
constexpr const char* KeyboardInterrupt_doc = "Program interrupted by user.";
constexpr const char* SystemExit_doc = "Request to exit from the interpreter.";
constexpr const char* Exception_doc = "Common base class for all non-exit exceptions.";
constexpr const char* ArithmeticError_doc = "Base class for arithmetic errors.";
constexpr const char* FloatingPointError_doc = "Floating point operation failed.";
constexpr const char* OverflowError_doc = "Result too large to be represented.";
constexpr const char* ZeroDivisionError_doc =
    "Second argument to a division or modulo operation was zero.";
constexpr const char* AssertionError_doc = "Assertion failed.";
constexpr const char* AttributeError_doc = "Attribute not found.";
constexpr const char* BufferError_doc = "Buffer error.";
constexpr const char* EOFError_doc = "Read beyond end of file.";
constexpr const char* ExceptionGroup_doc = nullptr;
constexpr const char* ImportError_doc = "Import can't find module, or can't find name in module.";
constexpr const char* ModuleNotFoundError_doc = "Module not found.";
constexpr const char* LookupError_doc = "Base class for lookup errors.";
constexpr const char* IndexError_doc = "Sequence index out of range.";
constexpr const char* KeyError_doc = "Mapping key not found.";
constexpr const char* MemoryError_doc = "Out of memory.";
constexpr const char* NameError_doc = "Name not found globally.";
constexpr const char* UnboundLocalError_doc = "Local name referenced but not bound to a value.";
constexpr const char* OSError_doc = "Base class for I/O related errors.";
constexpr const char* BlockingIOError_doc = "I/O operation would block.";
constexpr const char* ChildProcessError_doc = "Child process error.";
constexpr const char* ConnectionError_doc = "Connection error.";
constexpr const char* BrokenPipeError_doc = "Broken pipe.";
constexpr const char* ConnectionAbortedError_doc = "Connection aborted.";
constexpr const char* ConnectionRefusedError_doc = "Connection refused.";
constexpr const char* ConnectionResetError_doc = "Connection reset.";
constexpr const char* FileExistsError_doc = "File already exists.";
constexpr const char* FileNotFoundError_doc = "File not found.";
constexpr const char* InterruptedError_doc = "Interrupted by signal.";
constexpr const char* IsADirectoryError_doc = "Operation doesn't work on directories.";
constexpr const char* NotADirectoryError_doc = "Operation only works on directories.";
constexpr const char* PermissionError_doc = "Not enough permissions.";
constexpr const char* ProcessLookupError_doc = "Process not found.";
constexpr const char* TimeoutError_doc = "Timeout expired.";
constexpr const char* ReferenceError_doc = "Weak ref proxy used after referent went away.";
constexpr const char* RuntimeError_doc = "Unspecified run-time error.";
constexpr const char* NotImplementedError_doc = "Method or function hasn't been implemented yet.";
constexpr const char* RecursionError_doc = "Recursion limit exceeded.";
constexpr const char* StopAsyncIteration_doc = "Signal the end from iterator.__anext__().";
constexpr const char* StopIteration_doc = "Signal the end from iterator.__next__().";
constexpr const char* SyntaxError_doc = "Invalid syntax.";
constexpr const char* IndentationError_doc = "Improper indentation.";
constexpr const char* TabError_doc = "Improper mixture of spaces and tabs.";
constexpr const char* SystemError_doc =
    "Internal error in the Python interpreter.\n\n"
    "Please report this to the Python maintainer, along with the traceback,\n"
    "the Python version, and the hardware/OS platform and version.";
constexpr const char* TypeError_doc = "Inappropriate argument type.";
constexpr const char* ValueError_doc = "Inappropriate argument value (of correct type).";
constexpr const char* UnicodeError_doc = "Unicode related error.";
constexpr const char* UnicodeDecodeError_doc = "Unicode decoding error.";
constexpr const char* UnicodeEncodeError_doc = "Unicode encoding error.";
constexpr const char* UnicodeTranslateError_doc = "Unicode translation error.";
constexpr const char* Warning_doc = "Base class for warning categories.";
constexpr const char* BytesWarning_doc =
    "Base class for warnings about bytes and buffer related problems, mostly\n"
    "related to conversion from str or comparing to str.";
constexpr const char* DeprecationWarning_doc = "Base class for warnings about deprecated features.";
constexpr const char* EncodingWarning_doc = "Base class for warnings about encodings.";
constexpr const char* FutureWarning_doc =
    "Base class for warnings about constructs that will change semantically\n"
    "in the future.";
constexpr const char* ImportWarning_doc =
    "Base class for warnings about probable mistakes in module imports";
constexpr const char* PendingDeprecationWarning_doc =
    "Base class for warnings about features which will be deprecated\n"
    "in the future.";
constexpr const char* ResourceWarning_doc = "Base class for warnings about resource usage.";
constexpr const char* RuntimeWarning_doc =
    "Base class for warnings about dubious runtime behavior.";
constexpr const char* SyntaxWarning_doc = "Base class for warnings about dubious syntax.";
constexpr const char* UnicodeWarning_doc =
    "Base class for warnings about Unicode related problems, mostly\n"
    "related to conversion problems.";
constexpr const char* UserWarning_doc = "Base class for warnings generated by user code.";

// The static part of an exception type; slots are filled in by init_exceptions().
constexpr Type exc_type(const char* name, Type* base, const char* doc) {
  Type t{};
  t.ob = Object{kImmortal, &TypeType};
  t.name = name;
  t.base = base;
  t.flags = TF_BASETYPE | TF_HAVE_GC | TF_BASE_EXC_SUBCLASS | TF_IMMUTABLE;
  t.basicsize = sizeof(BaseExceptionObject);
  t.dictoffset = offsetof(BaseExceptionObject, dict);
  t.doc = doc;
  return t;
}

}  // namespace

// BaseException's base is `object`: the X-macro pastes `Object_type`.
#define Object_type ObjectType
#define STRATA_DEFINE_EXC_TYPE(name, base) \
  constinit static Type name##_type = exc_type(#name, &base##_type, name##_doc);
STRATA_EXCEPTIONS(STRATA_DEFINE_EXC_TYPE)
#undef STRATA_DEFINE_EXC_TYPE
#undef Object_type

#define STRATA_DEFINE_EXC_PTR(name, base) Type* const name = &name##_type;
STRATA_EXCEPTIONS(STRATA_DEFINE_EXC_PTR)
#undef STRATA_DEFINE_EXC_PTR

namespace {

inline BaseExceptionObject* E(Value v) { return v.as<BaseExceptionObject>(); }

Value none_if_null(Value v) { return v ? newref(v) : None(); }

bool has_keywords(Value kwnames) { return kwnames && tuple_size(kwnames) > 0; }

// The part of a type name after its last dot (_PyType_Name).
const char* short_type_name(Type* t) {
  const char* dot = std::strrchr(t->name, '.');
  return dot ? dot + 1 : t->name;
}

// -- BaseException -----------------------------------------------------------------------------

Value exc_new(Type* type, const Value* args, size_t nargs, Value /*kwnames*/) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  BaseExceptionObject* e = reinterpret_cast<BaseExceptionObject*>(o);
  e->args = tuple_from(args, int64_t(nargs));
  if (!e->args) {
    free_object(o);
    return Value();
  }
  gc_track(o);
  return Value::from(o);
}

int exc_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (has_keywords(kwnames)) {
    raise(TypeError, "%s() takes no keyword arguments", type_of(self)->name);
    return -1;
  }
  Value t = tuple_from(args, int64_t(nargs));
  if (!t) return -1;
  set_ref(&E(self)->args, t);
  return 0;
}

void exc_clear(Object* o) {
  BaseExceptionObject* e = reinterpret_cast<BaseExceptionObject*>(o);
  clear_ref(&e->dict);
  clear_ref(&e->args);
  clear_ref(&e->notes);
  clear_ref(&e->traceback);
  clear_ref(&e->context);
  clear_ref(&e->cause);
  clear_ref(&e->f1);
  clear_ref(&e->f2);
  clear_ref(&e->f3);
  clear_ref(&e->f4);
  clear_ref(&e->f5);
  clear_ref(&e->f6);
  clear_ref(&e->f7);
  clear_ref(&e->f8);
}

void exc_dealloc(Object* o) {
  gc_untrack(o);
  exc_clear(o);
  free_object(o);
}

void exc_traverse(Object* o, VisitFn visit, void* arg) {
  BaseExceptionObject* e = reinterpret_cast<BaseExceptionObject*>(o);
  for (Value v : {e->dict, e->args, e->notes, e->traceback, e->context, e->cause, e->f1, e->f2,
                  e->f3, e->f4, e->f5, e->f6, e->f7, e->f8}) {
    visit_value(v, visit, arg);
  }
}

Value exc_str(Value self) {
  Value args = E(self)->args;
  int64_t n = args ? tuple_size(args) : 0;
  if (n == 0) return str_from_ascii("");
  if (n == 1) return str(tuple_item(args, 0));
  return str(args);
}

Value exc_repr(Value self) {
  const char* name = short_type_name(type_of(self));
  Value args = E(self)->args;
  if (args && tuple_size(args) == 1) return format_text("%s(%R)", name, tuple_item(args, 0));
  if (!args) return format_text("%s()", name);
  return format_text("%s%R", name, args);
}

// getset: args, __traceback__, __context__, __cause__, __suppress_context__, __dict__

Value exc_get_args(Value self) { return none_if_null(E(self)->args); }
int exc_set_args(Value self, Value v) {
  if (!v) {
    raise(TypeError, "args may not be deleted");
    return -1;
  }
  Value t = sequence_tuple(v);
  if (!t) return -1;
  set_ref(&E(self)->args, t);
  return 0;
}

Value exc_get_traceback(Value self) { return none_if_null(E(self)->traceback); }
int exc_set_traceback(Value self, Value v) {
  if (!v) {
    raise(TypeError, "__traceback__ may not be deleted");
    return -1;
  }
  if (is_none(v)) {
    clear_ref(&E(self)->traceback);
  } else if (type_of(v) == &TracebackType) {
    set_ref(&E(self)->traceback, newref(v));
  } else {
    raise(TypeError, "__traceback__ must be a traceback or None");
    return -1;
  }
  return 0;
}

Value exc_get_context(Value self) { return none_if_null(E(self)->context); }
int exc_set_context(Value self, Value v) {
  if (!v) {
    raise(TypeError, "__context__ may not be deleted");
    return -1;
  }
  if (is_none(v)) {
    clear_ref(&E(self)->context);
  } else if (is_exception(v)) {
    set_ref(&E(self)->context, newref(v));
  } else {
    raise(TypeError, "exception context must be None or derive from BaseException");
    return -1;
  }
  return 0;
}

Value exc_get_cause(Value self) { return none_if_null(E(self)->cause); }
int exc_set_cause(Value self, Value v) {
  if (!v) {
    raise(TypeError, "__cause__ may not be deleted");
    return -1;
  }
  if (is_none(v)) {
    exception_set_cause(self, Value());
  } else if (is_exception(v)) {
    exception_set_cause(self, newref(v));
  } else {
    raise(TypeError, "exception cause must be None or derive from BaseException");
    return -1;
  }
  return 0;
}

Value exc_get_suppress(Value self) { return Bool(E(self)->suppress_context); }
int exc_set_suppress(Value self, Value v) {
  if (!v) {
    raise(TypeError, "can't delete numeric/char attribute");
    return -1;
  }
  if (type_of(v) != &BoolType) {
    raise(TypeError, "attribute value type must be bool");
    return -1;
  }
  E(self)->suppress_context = v == True();
  return 0;
}

Value exc_get_dict(Value self) {
  Value d = instance_dict(self);  // borrowed, created on demand
  return d ? newref(d) : Value();
}
int exc_set_dict(Value self, Value v) {
  if (!v) {
    raise(TypeError, "cannot delete __dict__");
    return -1;
  }
  if (!is_dict(v)) {
    raise(TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_of(v)->name);
    return -1;
  }
  set_ref(&E(self)->dict, newref(v));
  return 0;
}

const GetSetDef exc_getset[] = {
    {"__dict__", exc_get_dict, exc_set_dict, nullptr},
    {"args", exc_get_args, exc_set_args, nullptr},
    {"__traceback__", exc_get_traceback, exc_set_traceback, nullptr},
    {"__context__", exc_get_context, exc_set_context, "exception context"},
    {"__cause__", exc_get_cause, exc_set_cause, "exception cause"},
    {"__suppress_context__", exc_get_suppress, exc_set_suppress, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Value exc_reduce(Value self, const Value*, size_t, Value) {
  BaseExceptionObject* e = E(self);
  Value type = Value::from(type_of(self));
  Value args = e->args ? e->args : tuple_empty();
  if (e->dict) return tuple_pack({type, args, e->dict});
  return tuple_pack({type, args});
}

Value exc_setstate(Value self, const Value* args, size_t, Value) {
  Value state = args[0];
  if (!is_none(state)) {
    if (!is_dict(state)) return raise(TypeError, "state is not a dictionary");
    int64_t pos = 0;
    Value k, v;
    while (dict_next(state, &pos, &k, &v)) {
      Ref kk(newref(k)), vv(newref(v));
      if (setattr(self, k, v) < 0) return Value();
    }
  }
  return None();
}

Value exc_with_traceback(Value self, const Value* args, size_t, Value) {
  if (exc_set_traceback(self, args[0]) < 0) return Value();
  return newref(self);
}

Value exc_add_note(Value self, const Value* args, size_t, Value) {
  Value note = args[0];
  if (!is_str(note)) {
    return raise(TypeError, "note must be a str, not '%s'", type_of(note)->name);
  }
  Value name = STRATA_NAME(__notes__);
  int has = hasattr(self, name);
  if (has < 0) return Value();
  if (!has) {
    Value fresh = list_new(0);
    if (!fresh) return Value();
    int r = setattr(self, name, fresh);
    decref(fresh);
    if (r < 0) return Value();
  }
  Value notes = getattr(self, name);
  if (!notes) return Value();
  Ref hold(notes);
  if (!is_list(notes)) return raise(TypeError, "Cannot add note: __notes__ is not a list");
  if (list_append(notes, note) < 0) return Value();
  return None();
}

const MethodDef exc_methods[] = {
    {"__reduce__", exc_reduce, METH_NOARGS, nullptr},
    {"__setstate__", exc_setstate, METH_O, nullptr},
    {"with_traceback", exc_with_traceback, METH_O,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", exc_add_note, METH_O,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {nullptr, nullptr, 0, nullptr},
};

#define FIELD(n) offsetof(BaseExceptionObject, n)

// Keyword-only arguments of ImportError/NameError/AttributeError ("|$OO:Name").
int parse_keyword_only(const char* func, Value kwnames, const Value* kwvalues,
                       const char* const* names, int nnames, Value* out) {
  if (!kwnames) return 0;
  int64_t n = tuple_size(kwnames);
  if (n > nnames) {
    raise(TypeError, "%s() takes at most %d keyword argument%s (%d given)", func, nnames,
          nnames == 1 ? "" : "s", int(n));
    return -1;
  }
  for (int64_t i = 0; i < n; ++i) {
    Value key = tuple_item(kwnames, i);
    int found = -1;
    for (int j = 0; j < nnames; ++j) {
      if (str_equal_ascii(key, names[j])) found = j;
    }
    if (found < 0) {
      raise(TypeError, "%R is an invalid keyword argument for %s()", key, func);
      return -1;
    }
    out[found] = kwvalues[i];
  }
  return 0;
}

// -- SystemExit, StopIteration, KeyError ----------------------------------------------------------

int systemexit_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (exc_init(self, args, nargs, kwnames) < 0) return -1;
  if (nargs == 0) return 0;
  set_ref(&E(self)->f1, nargs == 1 ? newref(args[0]) : newref(E(self)->args));
  return 0;
}

const MemberDef systemexit_members[] = {
    {"code", MemberKind::Object, FIELD(f1), false, "exception code"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

int stopiteration_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (exc_init(self, args, nargs, kwnames) < 0) return -1;
  set_ref(&E(self)->f1, nargs > 0 ? newref(args[0]) : None());
  return 0;
}

const MemberDef stopiteration_members[] = {
    {"value", MemberKind::Object, FIELD(f1), false, "generator return value"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Value keyerror_str(Value self) {
  Value args = E(self)->args;
  if (args && tuple_size(args) == 1) return repr(tuple_item(args, 0));
  return exc_str(self);
}

// -- ImportError ---------------------------------------------------------------------------------

int importerror_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (exc_init(self, args, nargs, Value()) < 0) return -1;
  static const char* const names[] = {"name", "path"};
  Value kw[2];
  if (parse_keyword_only("ImportError", kwnames, args + nargs, names, 2, kw) < 0) return -1;
  BaseExceptionObject* e = E(self);
  set_ref(&e->f2, xnewref(kw[0]));
  set_ref(&e->f3, xnewref(kw[1]));
  set_ref(&e->f1, nargs == 1 ? newref(args[0]) : Value());
  return 0;
}

Value importerror_str(Value self) {
  Value msg = E(self)->f1;
  if (msg && is_exact_str(msg)) return newref(msg);
  return exc_str(self);
}

Value importerror_reduce(Value self, const Value*, size_t, Value) {
  BaseExceptionObject* e = E(self);
  Value state;
  if (e->f2 || e->f3) {
    state = e->dict ? dict_copy(e->dict) : dict_new();
    if (!state) return Value();
    if ((e->f2 && dict_set_cstr(state, "name", e->f2) < 0) ||
        (e->f3 && dict_set_cstr(state, "path", e->f3) < 0)) {
      decref(state);
      return Value();
    }
  } else if (e->dict) {
    state = newref(e->dict);
  }
  Value type = Value::from(type_of(self));
  Value args = e->args ? e->args : tuple_empty();
  Value r = state ? tuple_pack({type, args, state}) : tuple_pack({type, args});
  xdecref(state);
  return r;
}

const MemberDef importerror_members[] = {
    {"msg", MemberKind::Object, FIELD(f1), false, "exception message"},
    {"name", MemberKind::Object, FIELD(f2), false, "module name"},
    {"path", MemberKind::Object, FIELD(f3), false, "module path"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const MethodDef importerror_methods[] = {
    {"__reduce__", importerror_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- NameError, AttributeError ----------------------------------------------------------------

int nameerror_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (exc_init(self, args, nargs, Value()) < 0) return -1;
  static const char* const names[] = {"name"};
  Value kw[1];
  if (parse_keyword_only("NameError", kwnames, args + nargs, names, 1, kw) < 0) return -1;
  set_ref(&E(self)->f1, xnewref(kw[0]));
  return 0;
}

const MemberDef nameerror_members[] = {
    {"name", MemberKind::Object, FIELD(f1), false, "name"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

int attributeerror_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (exc_init(self, args, nargs, Value()) < 0) return -1;
  static const char* const names[] = {"name", "obj"};
  Value kw[2];
  if (parse_keyword_only("AttributeError", kwnames, args + nargs, names, 2, kw) < 0) return -1;
  set_ref(&E(self)->f1, xnewref(kw[0]));
  set_ref(&E(self)->f2, xnewref(kw[1]));
  return 0;
}

const MemberDef attributeerror_members[] = {
    {"name", MemberKind::Object, FIELD(f1), false, "attribute name"},
    {"obj", MemberKind::Object, FIELD(f2), false, "object"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

// -- OSError -------------------------------------------------------------------------------------

Value oserror_new(Type* type, const Value* args, size_t nargs, Value kwnames);
int oserror_init(Value self, const Value* args, size_t nargs, Value kwnames);

// The errno → subclass map used when OSError itself is called with an errno.
Type* errno_subclass(int64_t err) {
  switch (err) {
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case EALREADY:
    case EINPROGRESS:
      return BlockingIOError;
    case ECHILD: return ChildProcessError;
    case EPIPE:
    case ESHUTDOWN:
      return BrokenPipeError;
    case ECONNABORTED: return ConnectionAbortedError;
    case ECONNREFUSED: return ConnectionRefusedError;
    case ECONNRESET: return ConnectionResetError;
    case EEXIST: return FileExistsError;
    case ENOENT: return FileNotFoundError;
    case EISDIR: return IsADirectoryError;
    case ENOTDIR: return NotADirectoryError;
    case EINTR: return InterruptedError;
    case EACCES:
    case EPERM:
      return PermissionError;
    case ESRCH: return ProcessLookupError;
    case ETIMEDOUT: return TimeoutError;
    default: return nullptr;
  }
}

// A subclass that defines __init__ (but not __new__) gets its arguments parsed there,
// so that __new__ ignores extra arguments (bpo-12555).
bool oserror_use_init(Type* type) {
  return type->init != oserror_init && type->new_ == oserror_new;
}

// Fills self from (errno, strerror[, filename[, winerror[, filename2]]]); args is the
// full argument tuple (borrowed); sets self->args.
int oserror_fill(Value self, Value args) {
  BaseExceptionObject* e = E(self);
  int64_t n = tuple_size(args);
  Value myerrno, strerror, filename, filename2;
  if (n >= 2 && n <= 5) {
    myerrno = tuple_item(args, 0);
    strerror = tuple_item(args, 1);
    if (n >= 3) filename = tuple_item(args, 2);
    if (n >= 5) filename2 = tuple_item(args, 4);
  }
  Value new_args = newref(args);
  if (filename && !is_none(filename)) {
    if (type_of(self) == BlockingIOError && (is_int(filename) || type_of(filename)->nb_index)) {
      // BlockingIOError's third argument is the number of characters written.
      int64_t written = as_ssize(filename, ValueError);
      if (written == -1 && error_occurred()) {
        decref(new_args);
        return -1;
      }
      set_ref(&e->f5, int_from_i64(written));
    } else {
      set_ref(&e->f3, newref(filename));
      if (filename2 && !is_none(filename2)) set_ref(&e->f4, newref(filename2));
      // The file names are not part of args (test_exceptions relies on this).
      decref(new_args);
      new_args = tuple_from(tuple_items(args), 2);
      if (!new_args) return -1;
    }
  }
  set_ref(&e->f1, xnewref(myerrno));
  set_ref(&e->f2, xnewref(strerror));
  set_ref(&e->args, new_args);
  return 0;
}

Value oserror_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  bool use_init = oserror_use_init(type);
  if (!use_init) {
    if (has_keywords(kwnames)) return raise(TypeError, "%s() takes no keyword arguments", type->name);
    if (type == OSError && nargs >= 2 && nargs <= 5 && is_int(args[0])) {
      int64_t err;
      if (int_to_i64(args[0], &err)) {
        if (Type* sub = errno_subclass(err)) type = sub;
      }
    }
  }
  Value self = exc_new(type, nullptr, 0, Value());
  if (!self) return Value();
  if (!use_init) {
    Value t = tuple_from(args, int64_t(nargs));
    if (!t || oserror_fill(self, t) < 0) {
      xdecref(t);
      decref(self);
      return Value();
    }
    decref(t);
  }
  return self;
}

int oserror_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (!oserror_use_init(type_of(self))) return 0;  // everything done in __new__
  if (has_keywords(kwnames)) {
    raise(TypeError, "%s() takes no keyword arguments", type_of(self)->name);
    return -1;
  }
  Value t = tuple_from(args, int64_t(nargs));
  if (!t) return -1;
  int r = oserror_fill(self, t);
  decref(t);
  return r;
}

Value oserror_str(Value self) {
  BaseExceptionObject* e = E(self);
  Value err = e->f1 ? e->f1 : None();
  Value msg = e->f2 ? e->f2 : None();
  if (e->f3) {
    if (e->f4) return format_text("[Errno %S] %S: %R -> %R", err, msg, e->f3, e->f4);
    return format_text("[Errno %S] %S: %R", err, msg, e->f3);
  }
  if (e->f1 && e->f2) return format_text("[Errno %S] %S", e->f1, e->f2);
  return exc_str(self);
}

Value oserror_reduce(Value self, const Value*, size_t, Value) {
  BaseExceptionObject* e = E(self);
  Value args = e->args;
  Value rebuilt;
  if (args && tuple_size(args) == 2 && e->f3) {
    if (e->f4) {
      rebuilt = tuple_pack({tuple_item(args, 0), tuple_item(args, 1), e->f3, None(), e->f4});
    } else {
      rebuilt = tuple_pack({tuple_item(args, 0), tuple_item(args, 1), e->f3});
    }
  } else {
    rebuilt = newref(args ? args : tuple_empty());
  }
  if (!rebuilt) return Value();
  Value type = Value::from(type_of(self));
  Value r = e->dict ? tuple_pack({type, rebuilt, e->dict}) : tuple_pack({type, rebuilt});
  decref(rebuilt);
  return r;
}

Value oserror_get_written(Value self) {
  Value w = E(self)->f5;
  if (!w) {
    return raise_value(AttributeError, STRATA_NAME(characters_written));
  }
  return newref(w);
}

int oserror_set_written(Value self, Value v) {
  if (!v) {
    if (!E(self)->f5) {
      raise_value(AttributeError, STRATA_NAME(characters_written));
      return -1;
    }
    clear_ref(&E(self)->f5);
    return 0;
  }
  int64_t n = as_ssize(v, ValueError);
  if (n == -1 && error_occurred()) return -1;
  set_ref(&E(self)->f5, int_from_i64(n));
  return 0;
}

const MemberDef oserror_members[] = {
    {"errno", MemberKind::Object, FIELD(f1), false, "POSIX exception code"},
    {"strerror", MemberKind::Object, FIELD(f2), false, "exception strerror"},
    {"filename", MemberKind::Object, FIELD(f3), false, "exception filename"},
    {"filename2", MemberKind::Object, FIELD(f4), false, "second exception filename"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const GetSetDef oserror_getset[] = {
    {"characters_written", oserror_get_written, oserror_set_written, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef oserror_methods[] = {
    {"__reduce__", oserror_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- SyntaxError ---------------------------------------------------------------------------------

int syntaxerror_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (exc_init(self, args, nargs, kwnames) < 0) return -1;
  BaseExceptionObject* e = E(self);
  if (nargs >= 1) set_ref(&e->f1, newref(args[0]));
  if (nargs == 2) {
    Value info = sequence_tuple(args[1]);
    if (!info) return -1;
    Ref hold(info);
    int64_t n = tuple_size(info);
    if (n < 4) {
      raise(TypeError, "function takes at least 4 arguments (%d given)", int(n));
      return -1;
    }
    if (n > 6) {
      raise(TypeError, "function takes at most 6 arguments (%d given)", int(n));
      return -1;
    }
    set_ref(&e->f2, newref(tuple_item(info, 0)));
    set_ref(&e->f3, newref(tuple_item(info, 1)));
    set_ref(&e->f4, newref(tuple_item(info, 2)));
    set_ref(&e->f5, newref(tuple_item(info, 3)));
    set_ref(&e->f6, n > 4 ? newref(tuple_item(info, 4)) : Value());
    set_ref(&e->f7, n > 5 ? newref(tuple_item(info, 5)) : Value());
    if (e->f6 && !e->f7) {
      raise(TypeError, "end_offset must be provided when end_lineno is provided");
      return -1;
    }
  }
  return 0;
}

Value syntaxerror_str(Value self) {
  BaseExceptionObject* e = E(self);
  Value msg = e->f1 ? e->f1 : None();
  Value filename;
  if (e->f2 && is_str(e->f2)) {
    std::string_view path = str_utf8(e->f2);
    size_t slash = path.rfind('/');
    filename = str_from_utf8(slash == std::string_view::npos ? path : path.substr(slash + 1));
    if (!filename) return Value();
  }
  Ref hold(filename);
  bool have_lineno = e->f3 && is_exact_int(e->f3);
  long lineno = -1;
  if (have_lineno) {
    int64_t v;
    if (int_to_i64(e->f3, &v) && v >= LONG_MIN && v <= LONG_MAX) lineno = long(v);
  }
  if (!filename && !have_lineno) return str(msg);
  if (filename && have_lineno) return format_text("%S (%U, line %ld)", msg, filename, lineno);
  if (filename) return format_text("%S (%U)", msg, filename);
  return format_text("%S (line %ld)", msg, lineno);
}

const MemberDef syntaxerror_members[] = {
    {"msg", MemberKind::Object, FIELD(f1), false, "exception msg"},
    {"filename", MemberKind::Object, FIELD(f2), false, "exception filename"},
    {"lineno", MemberKind::Object, FIELD(f3), false, "exception lineno"},
    {"offset", MemberKind::Object, FIELD(f4), false, "exception offset"},
    {"text", MemberKind::Object, FIELD(f5), false, "exception text"},
    {"end_lineno", MemberKind::Object, FIELD(f6), false, "exception end lineno"},
    {"end_offset", MemberKind::Object, FIELD(f7), false, "exception end offset"},
    {"print_file_and_line", MemberKind::Object, FIELD(f8), false, "exception print_file_and_line"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

// -- Unicode errors -------------------------------------------------------------------------------

int need_str_arg(Value v, int position) {
  if (is_str(v)) return 0;
  raise(TypeError, "argument %d must be str, not %.50s", position, type_of(v)->name);
  return -1;
}

int ssize_arg(Value v, Value* out) {
  int64_t n = as_ssize(v, OverflowError);
  if (n == -1 && error_occurred()) return -1;
  *out = int_from_i64(n);
  return 0;
}

int unicode_encode_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (exc_init(self, args, nargs, kwnames) < 0) return -1;
  if (nargs != 5) {
    raise(TypeError, "function takes exactly 5 arguments (%d given)", int(nargs));
    return -1;
  }
  Value start, end;
  if (need_str_arg(args[0], 1) < 0 || need_str_arg(args[1], 2) < 0 ||
      ssize_arg(args[2], &start) < 0 || ssize_arg(args[3], &end) < 0 ||
      need_str_arg(args[4], 5) < 0) {
    return -1;
  }
  BaseExceptionObject* e = E(self);
  set_ref(&e->f1, newref(args[0]));
  set_ref(&e->f2, newref(args[1]));
  set_ref(&e->f3, start);
  set_ref(&e->f4, end);
  set_ref(&e->f5, newref(args[4]));
  return 0;
}

int unicode_decode_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (exc_init(self, args, nargs, kwnames) < 0) return -1;
  if (nargs != 5) {
    raise(TypeError, "function takes exactly 5 arguments (%d given)", int(nargs));
    return -1;
  }
  Value start, end;
  if (need_str_arg(args[0], 1) < 0 || ssize_arg(args[2], &start) < 0 ||
      ssize_arg(args[3], &end) < 0 || need_str_arg(args[4], 5) < 0) {
    return -1;
  }
  Value object;
  if (is_bytes(args[1])) {
    object = newref(args[1]);
  } else if (is_instance_of(args[1], &ByteArrayType)) {
    ByteArrayObject* b = args[1].as<ByteArrayObject>();
    object = bytes_from(std::string_view(reinterpret_cast<const char*>(b->data), size_t(b->size)));
    if (!object) return -1;
  } else {
    raise(TypeError, "a bytes-like object is required, not '%.100s'", type_of(args[1])->name);
    return -1;
  }
  BaseExceptionObject* e = E(self);
  set_ref(&e->f1, newref(args[0]));
  set_ref(&e->f2, object);
  set_ref(&e->f3, start);
  set_ref(&e->f4, end);
  set_ref(&e->f5, newref(args[4]));
  return 0;
}

int unicode_translate_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (exc_init(self, args, nargs, kwnames) < 0) return -1;
  if (nargs != 4) {
    raise(TypeError, "function takes exactly 4 arguments (%d given)", int(nargs));
    return -1;
  }
  Value start, end;
  if (need_str_arg(args[0], 1) < 0 || ssize_arg(args[1], &start) < 0 ||
      ssize_arg(args[2], &end) < 0 || need_str_arg(args[3], 4) < 0) {
    return -1;
  }
  BaseExceptionObject* e = E(self);
  set_ref(&e->f2, newref(args[0]));
  set_ref(&e->f3, start);
  set_ref(&e->f4, end);
  set_ref(&e->f5, newref(args[3]));
  return 0;
}

int64_t small_or_zero(Value v) { return v && v.is_small() ? v.small_value() : 0; }

// reason and encoding as str, whatever they were set to after construction.
bool unicode_error_texts(BaseExceptionObject* e, Value* reason, Value* encoding) {
  *reason = str(e->f5 ? e->f5 : None());
  if (!*reason) return false;
  if (encoding) {
    *encoding = str(e->f1 ? e->f1 : None());
    if (!*encoding) {
      decref(*reason);
      return false;
    }
  }
  return true;
}

const char* badchar_format(uint32_t c, bool translate) {
  if (translate) {
    return c <= 0xff     ? "can't translate character '\\x%02x' in position %zd: %U"
           : c <= 0xffff ? "can't translate character '\\u%04x' in position %zd: %U"
                         : "can't translate character '\\U%08x' in position %zd: %U";
  }
  return c <= 0xff     ? "'%U' codec can't encode character '\\x%02x' in position %zd: %U"
         : c <= 0xffff ? "'%U' codec can't encode character '\\u%04x' in position %zd: %U"
                       : "'%U' codec can't encode character '\\U%08x' in position %zd: %U";
}

Value unicode_encode_str(Value self) {
  BaseExceptionObject* e = E(self);
  if (!e->f2) return str_from_ascii("");  // not properly initialized
  Value reason, encoding;
  if (!unicode_error_texts(e, &reason, &encoding)) return Value();
  Ref r(reason), en(encoding);
  int64_t start = small_or_zero(e->f3), end = small_or_zero(e->f4);
  if (is_str(e->f2) && start >= 0 && start < str_length(e->f2) && end == start + 1) {
    uint32_t c = str_char(e->f2, start);
    return format_text(badchar_format(c, false), encoding, int(c), ptrdiff_t(start), reason);
  }
  return format_text("'%U' codec can't encode characters in position %zd-%zd: %U", encoding,
                     ptrdiff_t(start), ptrdiff_t(end - 1), reason);
}

Value unicode_decode_str(Value self) {
  BaseExceptionObject* e = E(self);
  if (!e->f2) return str_from_ascii("");
  Value reason, encoding;
  if (!unicode_error_texts(e, &reason, &encoding)) return Value();
  Ref r(reason), en(encoding);
  int64_t start = small_or_zero(e->f3), end = small_or_zero(e->f4);
  if (is_bytes(e->f2) && start >= 0 && start < bytes_size(e->f2) && end == start + 1) {
    int byte = bytes_data(e->f2)[start];
    return format_text("'%U' codec can't decode byte 0x%02x in position %zd: %U", encoding, byte,
                       ptrdiff_t(start), reason);
  }
  return format_text("'%U' codec can't decode bytes in position %zd-%zd: %U", encoding,
                     ptrdiff_t(start), ptrdiff_t(end - 1), reason);
}

Value unicode_translate_str(Value self) {
  BaseExceptionObject* e = E(self);
  if (!e->f2) return str_from_ascii("");
  Value reason;
  if (!unicode_error_texts(e, &reason, nullptr)) return Value();
  Ref r(reason);
  int64_t start = small_or_zero(e->f3), end = small_or_zero(e->f4);
  if (is_str(e->f2) && start >= 0 && start < str_length(e->f2) && end == start + 1) {
    uint32_t c = str_char(e->f2, start);
    return format_text(badchar_format(c, true), int(c), ptrdiff_t(start), reason);
  }
  return format_text("can't translate characters in position %zd-%zd: %U", ptrdiff_t(start),
                     ptrdiff_t(end - 1), reason);
}

Value unicode_get_start(Value self) { return Value::small(small_or_zero(E(self)->f3)); }
Value unicode_get_end(Value self) { return Value::small(small_or_zero(E(self)->f4)); }
int unicode_set_index(Value* slot, Value v) {
  if (!v) {
    raise(TypeError, "can't delete numeric/char attribute");
    return -1;
  }
  if (!is_int(v)) {
    raise(TypeError, "an integer is required");
    return -1;
  }
  Value n;
  if (ssize_arg(v, &n) < 0) return -1;
  set_ref(slot, n);
  return 0;
}
int unicode_set_start(Value self, Value v) { return unicode_set_index(&E(self)->f3, v); }
int unicode_set_end(Value self, Value v) { return unicode_set_index(&E(self)->f4, v); }

const MemberDef unicode_members[] = {
    {"encoding", MemberKind::Object, FIELD(f1), false, "exception encoding"},
    {"object", MemberKind::Object, FIELD(f2), false, "exception object"},
    {"reason", MemberKind::Object, FIELD(f5), false, "exception reason"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const GetSetDef unicode_getset[] = {
    {"start", unicode_get_start, unicode_set_start, "exception start"},
    {"end", unicode_get_end, unicode_set_end, "exception end"},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- Exception groups ------------------------------------------------------------------------

bool is_group(Value v) { return is_instance_of(v, BaseExceptionGroup); }

// PySequence_Check: has __getitem__ and is not a dict.
bool is_sequence(Value v) { return !is_dict(v) && type_of(v)->getitem != nullptr; }

Value group_new(Type* type, const Value* args, size_t nargs, Value /*kwnames*/) {
  if (nargs != 2) {
    return raise(TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments (%d given)",
                 int(nargs));
  }
  Value message = args[0];
  if (!is_str(message)) {
    return raise(TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not %s",
                 type_of(message)->name);
  }
  if (!is_sequence(args[1])) {
    return raise(TypeError, "second argument (exceptions) must be a sequence");
  }
  Value excs = sequence_tuple(args[1]);
  if (!excs) return Value();
  Ref hold(excs);
  int64_t n = tuple_size(excs);
  if (n == 0) return raise(ValueError, "second argument (exceptions) must be a non-empty sequence");
  bool nested_base = false;
  for (int64_t i = 0; i < n; ++i) {
    Value exc = tuple_item(excs, i);
    if (!is_exception(exc)) {
      return raise(ValueError, "Item %d of second argument (exceptions) is not an exception",
                   int(i));
    }
    if (!is_instance_of(exc, Exception)) nested_base = true;
  }
  Type* cls = type;
  if (cls == ExceptionGroup) {
    if (nested_base) return raise(TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
  } else if (cls == BaseExceptionGroup) {
    if (!nested_base) cls = ExceptionGroup;  // all are Exceptions: wrap in ExceptionGroup
  } else if (nested_base && is_subtype(cls, Exception)) {
    return raise(TypeError, "Cannot nest BaseExceptions in '%.200s'", cls->name);
  }
  Value self = exc_new(cls, args, nargs, Value());
  if (!self) return Value();
  E(self)->f1 = newref(message);
  E(self)->f2 = hold.release();
  return self;
}

int group_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  return exc_init(self, args, nargs, kwnames);
}

Value group_str(Value self) {
  BaseExceptionObject* e = E(self);
  int64_t n = e->f2 ? tuple_size(e->f2) : 0;
  return format_text("%S (%zd sub-exception%s)", e->f1 ? e->f1 : None(), ptrdiff_t(n),
                     n > 1 ? "s" : "");
}

Value group_derive(Value self, const Value* args, size_t, Value) {
  Value call_args[2] = {E(self)->f1 ? E(self)->f1 : None(), args[0]};
  return call(Value::from(BaseExceptionGroup), call_args, 2);
}

// What split() matches leaves with: exception types, a predicate, or (for except*) the
// identities of given leaves.
struct Matcher {
  enum Kind { ByType, ByPredicate, ByIdentity } kind;
  Value value;
  const std::unordered_set<Object*>* ids = nullptr;
};

int matcher_for(Value value, Matcher* m) {
  m->value = value;
  if (type_of(value) == &FunctionType) {
    m->kind = Matcher::ByPredicate;
    return 0;
  }
  if (is_exception_type(value)) {
    m->kind = Matcher::ByType;
    return 0;
  }
  if (is_exact_tuple(value)) {
    for (int64_t i = 0; i < tuple_size(value); ++i) {
      if (!is_exception_type(tuple_item(value, i))) goto error;
    }
    m->kind = Matcher::ByType;
    return 0;
  }
error:
  raise(TypeError, "expected a function, exception type or tuple of exception types");
  return -1;
}

int matcher_test(Value exc, const Matcher& m) {
  switch (m.kind) {
    case Matcher::ByType:
      return exception_matches(exc, m.value);
    case Matcher::ByPredicate: {
      Value r = call1(m.value, exc);
      if (!r) return -1;
      int t = is_true(r);
      decref(r);
      return t;
    }
    case Matcher::ByIdentity:
      return m.ids->count(exc.obj()) ? 1 : 0;
  }
  return 0;
}

// A group like orig holding excs (a list), with orig's traceback, cause, context and a
// copy of its notes; null (no error) when excs is empty.
int group_subset(Value orig, Value excs, Value* result) {
  *result = Value();
  if (list_size(excs) == 0) return 0;
  Value eg = call_method(orig, STRATA_NAME(derive), &excs, 1);
  if (!eg) return -1;
  if (!is_group(eg)) {
    decref(eg);
    raise(TypeError, "derive must return an instance of BaseExceptionGroup");
    return -1;
  }
  BaseExceptionObject* o = E(orig);
  if (o->traceback) exception_set_traceback(eg, newref(o->traceback));
  exception_set_context(eg, xnewref(o->context));
  exception_set_cause(eg, xnewref(o->cause));
  Value notes = lookup_attr(orig, STRATA_NAME(__notes__));
  if (!notes && error_occurred()) {
    decref(eg);
    return -1;
  }
  if (notes) {
    Ref hold(notes);
    if (is_sequence(notes)) {
      Value copy = sequence_list(notes);
      if (!copy) {
        decref(eg);
        return -1;
      }
      int r = setattr(eg, STRATA_NAME(__notes__), copy);
      decref(copy);
      if (r < 0) {
        decref(eg);
        return -1;
      }
    }
  }
  *result = eg;
  return 0;
}

int split_recursive(Value exc, const Matcher& m, bool construct_rest, Value* match, Value* rest) {
  *match = Value();
  *rest = Value();
  int is_match = matcher_test(exc, m);
  if (is_match < 0) return -1;
  if (is_match) {
    *match = newref(exc);
    return 0;
  }
  if (!is_group(exc)) {
    if (construct_rest) *rest = newref(exc);
    return 0;
  }
  Value excs = E(exc)->f2;
  Ref match_list(list_new(0));
  if (!match_list) return -1;
  Ref rest_list;
  if (construct_rest) {
    rest_list.reset(list_new(0));
    if (!rest_list) return -1;
  }
  for (int64_t i = 0; i < tuple_size(excs); ++i) {
    Value sub_match, sub_rest;
    if (enter_recursive_call(" in exceptiongroup_split_recursive") < 0) return -1;
    int r = split_recursive(tuple_item(excs, i), m, construct_rest, &sub_match, &sub_rest);
    leave_recursive_call();
    if (r < 0) return -1;
    Ref hm(sub_match), hr(sub_rest);
    if (sub_match && list_append(*match_list, sub_match) < 0) return -1;
    if (sub_rest && list_append(*rest_list, sub_rest) < 0) return -1;
  }
  if (group_subset(exc, *match_list, match) < 0) return -1;
  if (construct_rest && group_subset(exc, *rest_list, rest) < 0) {
    clear_ref(match);
    return -1;
  }
  return 0;
}

Value group_split(Value self, const Value* args, size_t, Value) {
  Matcher m;
  if (matcher_for(args[0], &m) < 0) return Value();
  Value match, rest;
  if (split_recursive(self, m, true, &match, &rest) < 0) return Value();
  Value r = tuple_pack({match ? match : None(), rest ? rest : None()});
  xdecref(match);
  xdecref(rest);
  return r;
}

Value group_subgroup(Value self, const Value* args, size_t, Value) {
  Matcher m;
  if (matcher_for(args[0], &m) < 0) return Value();
  Value match, rest;
  if (split_recursive(self, m, false, &match, &rest) < 0) return Value();
  return match ? match : None();
}

const MemberDef group_members[] = {
    {"message", MemberKind::ReadOnlyObject, FIELD(f1), true, "exception message"},
    {"exceptions", MemberKind::ReadOnlyObject, FIELD(f2), true, "nested exceptions"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const MethodDef group_methods[] = {
    {"derive", group_derive, METH_O, nullptr},
    {"split", group_split, METH_O, nullptr},
    {"subgroup", group_subgroup, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

#undef FIELD

// The preallocated MemoryError (raise_no_memory must not allocate). It carries a
// GCHeader in front like every GC object, but is never tracked and never freed.
struct PreallocatedMemoryError {
  GCHeader gc;
  BaseExceptionObject exc;
};
constinit PreallocatedMemoryError memory_error_instance{};
bool memory_error_ready = false;

}  // namespace

Value preallocated_memory_error() {
  if (!memory_error_ready) return Value();
  return Value::from(&memory_error_instance.exc.ob);
}

// -- Construction helpers -------------------------------------------------------------------------

Value exception_new(Type* type, const Value* args, size_t nargs) {
  Value t = Value::from(type);
  // Classes defined in Python run their own __new__/__init__: go through the call.
  if (has_flag(type, TF_HEAPTYPE) || !type->new_) return call(t, args, nargs);
  Value self = type->new_(type, args, nargs, Value());
  if (!self) return Value();
  // As type.__call__: __init__ runs only when __new__ gave an instance of the type.
  Type* got = type_of(self);
  if ((got == type || is_subtype(got, type)) && got->init && got->init(self, args, nargs, Value()) < 0) {
    decref(self);
    return Value();
  }
  return self;
}

Value exception_group_new(const char* message, Value excs) {
  Value msg = str_from_utf8(message);
  if (!msg) return Value();
  Value args[2] = {msg, excs};
  Value r = call(Value::from(BaseExceptionGroup), args, 2);
  decref(msg);
  return r;
}

Value unicode_decode_error_new(const char* encoding, std::string_view data, int64_t start,
                               int64_t end, const char* reason) {
  Ref enc(str_from_utf8(encoding)), obj(bytes_from(data)), why(str_from_utf8(reason));
  if (!enc || !obj || !why) return Value();
  Value args[5] = {*enc, *obj, Value::small(start), Value::small(end), *why};
  return exception_new(UnicodeDecodeError, args, 5);
}

Value unicode_encode_error_new(const char* encoding, Value s, int64_t start, int64_t end,
                               const char* reason) {
  Ref enc(str_from_utf8(encoding)), why(str_from_utf8(reason));
  if (!enc || !why) return Value();
  Value args[5] = {*enc, s, Value::small(start), Value::small(end), *why};
  return exception_new(UnicodeEncodeError, args, 5);
}

Value raise_unicode_decode_error(const char* encoding, std::string_view data, int64_t start,
                                 int64_t end, const char* reason) {
  Value exc = unicode_decode_error_new(encoding, data, start, end, reason);
  if (!exc) return Value();
  raise_object(exc);
  decref(exc);
  return Value();
}

Value raise_unicode_encode_error(const char* encoding, Value s, int64_t start, int64_t end,
                                 const char* reason) {
  Value exc = unicode_encode_error_new(encoding, s, start, end, reason);
  if (!exc) return Value();
  raise_object(exc);
  decref(exc);
  return Value();
}

// -- except* --------------------------------------------------------------------------------------

int exception_group_match(Value exc_value, Value match_type, Value* match, Value* rest) {
  *match = Value();
  *rest = Value();
  if (!exc_value || is_none(exc_value)) {
    *match = None();
    *rest = None();
    return 0;
  }
  if (exception_matches(exc_value, match_type)) {
    if (is_group(exc_value)) {
      *match = newref(exc_value);
    } else {
      // A naked exception: wrap it.
      Value excs = tuple_pack({exc_value});
      if (!excs) return -1;
      Value wrapped = exception_group_new("", excs);
      decref(excs);
      if (!wrapped) return -1;
      *match = wrapped;
    }
    *rest = None();
    return 0;
  }
  if (is_group(exc_value)) {
    Value pair = call_method(exc_value, STRATA_NAME(split), &match_type, 1);
    if (!pair) return -1;
    if (!is_tuple(pair) || tuple_size(pair) != 2) {
      decref(pair);
      raise(TypeError, "split must return a 2-tuple");
      return -1;
    }
    *match = newref(tuple_item(pair, 0));
    *rest = newref(tuple_item(pair, 1));
    decref(pair);
    return 0;
  }
  *match = None();
  *rest = None();
  return 0;
}

namespace {

int collect_leaf_ids(Value exc, std::unordered_set<Object*>& ids) {
  if (is_none(exc)) return 0;
  if (!is_group(exc)) {
    ids.insert(exc.obj());
    return 0;
  }
  Value excs = E(exc)->f2;
  for (int64_t i = 0; i < tuple_size(excs); ++i) {
    if (enter_recursive_call(" in collect_exception_group_leaf_ids") < 0) return -1;
    int r = collect_leaf_ids(tuple_item(excs, i), ids);
    leave_recursive_call();
    if (r < 0) return -1;
  }
  return 0;
}

bool same_metadata(Value a, Value b) {
  BaseExceptionObject* x = E(a);
  BaseExceptionObject* y = E(b);
  // 3.11 compares the notes too; they live in the instance dicts, which a re-raised
  // exception shares with the original by being the very same object's projection.
  return x->traceback == y->traceback && x->cause == y->cause && x->context == y->context;
}

}  // namespace

Value exception_group_prep_reraise_star(Value orig, Value excs) {
  int64_t n = list_size(excs);
  if (n == 0) return None();
  if (!is_group(orig)) {
    // A naked exception was caught and wrapped: at most one clause ran.
    return newref(list_item(excs, 0));
  }
  Ref raised(list_new(0)), reraised(list_new(0));
  if (!raised || !reraised) return Value();
  for (int64_t i = 0; i < n; ++i) {
    Value e = list_item(excs, i);
    if (is_none(e)) continue;
    bool is_reraise = is_exception(e) && same_metadata(e, orig);
    if (list_append(is_reraise ? *reraised : *raised, e) < 0) return Value();
  }
  // The part of orig made of the leaves the clauses re-raised.
  std::unordered_set<Object*> ids;
  for (int64_t i = 0; i < list_size(*reraised); ++i) {
    if (collect_leaf_ids(list_item(*reraised, i), ids) < 0) return Value();
  }
  Matcher m{Matcher::ByIdentity, Value(), &ids};
  Value reraised_eg, unused;
  if (split_recursive(orig, m, false, &reraised_eg, &unused) < 0) return Value();
  Ref hold(reraised_eg);
  if (list_size(*raised) == 0) return reraised_eg ? hold.release() : None();
  // 3.11 wraps what the clauses raised in a new group even when it is one exception.
  if (reraised_eg && list_append(*raised, reraised_eg) < 0) return Value();
  return exception_group_new("", *raised);
}

// -- SystemExit's status ----------------------------------------------------------------------------

int system_exit_status(Value exc) {
  if (!exc || is_none(exc)) return 0;
  Value value = newref(exc);
  if (is_exception(exc)) {
    Value code = getattr(exc, STRATA_NAME(code));
    if (code) {
      decref(value);
      value = code;
      if (is_none(value)) {
        decref(value);
        return 0;
      }
    } else {
      clear_error();
    }
  }
  int status;
  if (is_int(value)) {
    int64_t v;
    status = int_to_i64(value, &v) ? int(long(v)) : -1;
  } else {
    Value s = str(value);
    std::string text;
    if (s) {
      text = str_utf8(s);
      decref(s);
    } else {
      clear_error();
    }
    text += '\n';
    write_stderr(text);
    status = 1;
  }
  decref(value);
  return status;
}

// -- Start-up -------------------------------------------------------------------------------------

int init_exceptions() {
  // Slots first: type_ready() copies what a subclass leaves empty from its base.
  Type* base = &BaseException_type;
  base->new_ = exc_new;
  base->init = exc_init;
  base->dealloc = exc_dealloc;
  base->traverse = exc_traverse;
  base->clear = exc_clear;
  base->repr = exc_repr;
  base->str = exc_str;
  base->getset = exc_getset;
  base->methods = exc_methods;

  SystemExit_type.init = systemexit_init;
  SystemExit_type.members = systemexit_members;
  StopIteration_type.init = stopiteration_init;
  StopIteration_type.members = stopiteration_members;
  KeyError_type.str = keyerror_str;
  ImportError_type.init = importerror_init;
  ImportError_type.str = importerror_str;
  ImportError_type.members = importerror_members;
  ImportError_type.methods = importerror_methods;
  NameError_type.init = nameerror_init;
  NameError_type.members = nameerror_members;
  AttributeError_type.init = attributeerror_init;
  AttributeError_type.members = attributeerror_members;
  OSError_type.new_ = oserror_new;
  OSError_type.init = oserror_init;
  OSError_type.str = oserror_str;
  OSError_type.members = oserror_members;
  OSError_type.getset = oserror_getset;
  OSError_type.methods = oserror_methods;
  SyntaxError_type.init = syntaxerror_init;
  SyntaxError_type.str = syntaxerror_str;
  SyntaxError_type.members = syntaxerror_members;
  UnicodeEncodeError_type.init = unicode_encode_init;
  UnicodeEncodeError_type.str = unicode_encode_str;
  UnicodeDecodeError_type.init = unicode_decode_init;
  UnicodeDecodeError_type.str = unicode_decode_str;
  UnicodeTranslateError_type.init = unicode_translate_init;
  UnicodeTranslateError_type.str = unicode_translate_str;
  for (Type* t : {&UnicodeEncodeError_type, &UnicodeDecodeError_type, &UnicodeTranslateError_type}) {
    t->members = unicode_members;
    t->getset = unicode_getset;
  }
  BaseExceptionGroup_type.new_ = group_new;
  BaseExceptionGroup_type.init = group_init;
  BaseExceptionGroup_type.str = group_str;
  BaseExceptionGroup_type.members = group_members;
  BaseExceptionGroup_type.methods = group_methods;
  // ExceptionGroup is (BaseExceptionGroup, Exception), with CPython's MRO.
  ExceptionGroup_type.bases = tuple_pack({Value::from(&BaseExceptionGroup_type),
                                          Value::from(&Exception_type)});
  if (!ExceptionGroup_type.bases) return -1;

#define STRATA_READY_EXC(name, base)                      \
  if (type_ready(&name##_type) < 0) return -1;            \
  if (!name##_type.module) name##_type.module = intern("builtins");
  STRATA_EXCEPTIONS(STRATA_READY_EXC)
#undef STRATA_READY_EXC

  // If type_ready() computed ExceptionGroup's MRO from its solid base alone, give it the
  // full one, so that `except Exception` catches exception groups.
  if (!is_subtype(&ExceptionGroup_type, &Exception_type)) {
    Value mro = tuple_pack({Value::from(&ExceptionGroup_type), Value::from(&BaseExceptionGroup_type),
                            Value::from(&Exception_type), Value::from(&BaseException_type),
                            Value::from(&ObjectType)});
    if (!mro) return -1;
    set_ref(&ExceptionGroup_type.mro, mro);
  }

  if (type_ready(&TracebackType) < 0) return -1;

  BaseExceptionObject& m = memory_error_instance.exc;
  m.ob.refcnt = kImmortal;
  m.ob.type = &MemoryError_type;
  m.args = tuple_empty();
  memory_error_ready = true;
  return 0;
}

}  // namespace strata
