// stdlib/builtins.h — the `builtins` module (stdlib/builtins.cpp), and the built-in
// functions whose work belongs to the interpreter: the lead implements those in
// vm/runtime.cpp with the signature of a module function (MethodFn: self is the builtins
// module; args/kwnames as in vm/object.h), including their argument checks and CPython
// 3.11's messages for them.
#pragma once
#include "vm/module.h"
#include "vm/object.h"

namespace strata {

extern const BuiltinModuleDef builtins_module_def;

// The builtins module once its init ran (borrowed), or null before.
Value builtins_module();

// Implemented in vm/runtime.cpp (the table in stdlib/builtins.cpp points at them):
//   compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *,
//           _feature_version=-1)                    METH_FASTCALL | METH_KEYWORDS
//   exec(source, globals=None, locals=None, /, *, closure=None)   FASTCALL | KEYWORDS
//   eval(source, globals=None, locals=None, /)                     METH_FASTCALL
//   globals(), locals()                                            METH_NOARGS
//   __import__(name, globals=None, locals=None, fromlist=(), level=0)  FASTCALL|KEYWORDS
//   __build_class__(func, name, /, *bases, metaclass=None, **kwds) FASTCALL | KEYWORDS
Value builtin_compile(Value self, const Value* args, size_t nargs, Value kwnames);
Value builtin_exec(Value self, const Value* args, size_t nargs, Value kwnames);
Value builtin_eval(Value self, const Value* args, size_t nargs, Value kwnames);
Value builtin_globals(Value self, const Value* args, size_t nargs, Value kwnames);
Value builtin_locals(Value self, const Value* args, size_t nargs, Value kwnames);
Value builtin_import(Value self, const Value* args, size_t nargs, Value kwnames);
Value builtin_build_class(Value self, const Value* args, size_t nargs, Value kwnames);

// -- Argument parsing for native functions, with CPython 3.11's messages ---------------------
// (Shared by the native modules of stdlib/; each is a cold path.)

// (check_positional / check_no_kwargs for positional-only functions are in vm/list.h.)
// unpack_keywords(): parameters as Argument Clinic declares them: `names` lists every parameter (the first
// `posonly` are positional-only: their names are only used in messages), `minpos` are
// required and `maxpos` may be given by position; the rest are keyword-only. Fills
// out[0..n) with borrowed values (null when not given). Messages as
// _PyArg_UnpackKeywords: "f() takes at most 2 arguments (3 given)", "f() missing
// required argument 'x' (pos 1)", "'y' is an invalid keyword argument for f()", ...
struct ArgSpec {
  const char* fname;  // "sum"
  const char* const* names;
  int nnames;
  int posonly;
  int minpos;
  int maxpos;
};
bool unpack_keywords(const ArgSpec& spec, const Value* args, size_t nargs, Value kwnames,
                Value* out);

}  // namespace strata
