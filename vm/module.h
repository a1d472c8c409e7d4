// vm/module.h — module objects and the import system: finding .py modules and packages
// on sys.path, built-in modules (C++ or .py shipped in the binary), relative imports,
// `from m import *`, and running a module from its (cached) code image.
// Implemented in vm/module.cpp and vm/import.cpp.
#pragma once
#include <string_view>

#include "vm/object.h"

namespace strata {

struct ModuleObject {
  Object ob;
  Value dict;
  Value name;
  Value weakreflist;
  const struct BuiltinModuleDef* def;  // for built-in C++ modules, or null
};

Value module_new(Value name);  // a module whose dict has __name__, __doc__ = None, ...
inline Value module_dict(Value m) { return m.as<ModuleObject>()->dict; }

// A built-in module written in C++: `init` fills the module's dict (returns -1 on error).
struct BuiltinModuleDef {
  const char* name;
  int (*init)(Value module);
  const MethodDef* methods;  // module functions (null-terminated), or null
  const char* doc;
};
// Every built-in module; stdlib/builtin_modules.cpp lists them.
const BuiltinModuleDef* find_builtin_module(std::string_view name);

// `import name` with level and fromlist (IMPORT_NAME / __import__).
Value import_name(Value name, Value globals, Value fromlist, int level);
// IMPORT_FROM: module.name, or the submodule, or ImportError as CPython words it.
Value import_from(Value module, Value name);
// `from module import *` into the dict `ns`.
int import_star(Value module, Value ns);

}  // namespace strata
