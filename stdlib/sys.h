// stdlib/sys.h — the `sys` module (stdlib/sys.cpp): what the rest of the runtime reads from
// it (sys.modules, sys.stdout, ...), the standard streams, and the hooks the interpreter
// implements for it.
#pragma once
#include <string_view>

#include "vm/module.h"
#include "vm/object.h"

namespace strata {

extern const BuiltinModuleDef sys_module_def;

// sys.modules: the dict the import system uses (created on first call, before the sys
// module itself exists; borrowed, lives for the whole run).
Value sys_modules_dict();
// sys.NAME as currently set (e.g. "stdout", after a user replaced it), borrowed; null
// WITHOUT an exception when the sys module is not initialized or has no such attribute.
Value sys_get(const char* name);
// sys.stdout as sys_get("stdout"), without hashing the name (print's path).
Value sys_stdout();
// Sets sys.NAME (e.g. "argv", "orig_argv", "path" from the command line); increfs v.
// Returns -1 with an exception set if the sys module is not initialized yet.
int sys_set(const char* name, Value v);

// file.write(text) for a str `text` (a native standard stream is written directly);
// -1 with an exception set on error. The second form writes UTF-8 text.
int file_write_str(Value file, Value text);
int file_write_utf8(Value file, std::string_view text);

// -u: the standard streams write through (PYTHONUNBUFFERED is read at start-up).
void set_std_streams_unbuffered();

// Flushes sys.stdout and sys.stderr (and the native streams behind sys.__stdout__ and
// sys.__stderr__); call once at exit. Errors are reported as unraisable and cleared;
// returns -1 when flushing sys.stdout failed (CPython then exits with status 120).
int flush_std_streams();

// sys.set_int_max_str_digits() sets `int_max_str_digits` of vm/int.h (defined in
// vm/int.cpp).

// Implemented by the interpreter (vm/runtime.cpp):
// The exception being handled (sys.exception()), borrowed; null or None when none.
Value current_handled_exception();
// sys._getframe(depth): the frame object `depth` calls up (new reference), or null with
// ValueError("call stack is not deep enough") set.
Value sys_getframe(int depth);

// Implemented in stdlib/builtin_modules.cpp: sys.builtin_module_names, a sorted tuple of
// the names of every built-in module.
Value builtin_module_names();

}  // namespace strata
