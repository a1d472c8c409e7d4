// vm/runtime.h — starting and stopping the runtime and running a main program (the
// `strata` command's interface to the VM), and compiling source at run time.
// Implemented in vm/runtime.cpp.
#pragma once
#include <string>
#include <vector>

#include "vm/object.h"

namespace strata {

// Readies every type, the builtins and sys modules, the VM stack, signal handling.
int runtime_init();
// sys.argv, sys.orig_argv and sys.path (path0 first, then $PYTHONPATH, then the stdlib).
int set_sys_argv_and_path(const std::vector<std::string>& argv, const std::string& path0,
                          const std::vector<std::string>& orig_argv);
// Compiles and runs source as __main__; returns the exit status (printing an uncaught
// exception). `path`, when given, is the file to read (and to cache the image of).
int run_source_text(const std::string& source, const std::string& filename, bool from_string,
                    const std::string* path);
int run_main_code(Value code);
// Prints the current (uncaught) exception as the interpreter does and returns the status.
int report_uncaught();
// Flushes the standard streams; the final exit status.
int runtime_finish(int status);

// Source → code object (CodeRT). mode 0 exec, 1 eval, 2 single. SyntaxError raised on
// errors. With cache_path the source is read from that file through the image cache.
// With error_out, a syntax error is stored there instead of raised. parse_flags: the
// front end's kDontImplyDedent / kAllowIncompleteInput (frontend/parser.h).
Value compile_to_code(const std::string& source, const std::string& filename, int mode,
                      bool from_string, const std::string* cache_path,
                      struct SyntaxErrorInfo* error_out = nullptr, int parse_flags = 0);

Value builtins_dict();                  // borrowed
Value original_import_function();       // builtins.__import__ as the runtime made it
Value sys_attribute(const char* name);  // new reference or null (no exception)
std::string stdlib_dir();
Value module_from_def(const struct BuiltinModuleDef* def);  // vm/module.cpp

}  // namespace strata
