// stdlib/builtin_modules.cpp — the table of built-in modules written in C++: what
// find_builtin_module() (vm/module.h) searches and sys.builtin_module_names lists. A new
// native module adds its BuiltinModuleDef here.
#include <string_view>

#include "stdlib/builtins.h"
#include "stdlib/sys.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/weakref.h"

namespace strata {

extern const BuiltinModuleDef array_module_def;  // stdlib/array.cpp
extern const BuiltinModuleDef atexit_module_def;  // stdlib/atexit.cpp
extern const BuiltinModuleDef codecs_module_def;  // stdlib/codecs.cpp
extern const BuiltinModuleDef io_module_def;  // stdlib/io.cpp
extern const BuiltinModuleDef collections_module_def;  // stdlib/collections.cpp
extern const BuiltinModuleDef functools_module_def;  // stdlib/functools.cpp
extern const BuiltinModuleDef thread_module_def;  // stdlib/thread.cpp
extern const BuiltinModuleDef operator_module_def;  // stdlib/operator.cpp
extern const BuiltinModuleDef bisect_module_def;  // stdlib/bisect.cpp
extern const BuiltinModuleDef heapq_module_def;  // stdlib/heapq.cpp
extern const BuiltinModuleDef errno_module_def;  // stdlib/errno.cpp
extern const BuiltinModuleDef gc_module_def;     // stdlib/gc.cpp
extern const BuiltinModuleDef itertools_module_def;  // stdlib/itertools.cpp
extern const BuiltinModuleDef math_module_def;   // stdlib/math.cpp
extern const BuiltinModuleDef posix_module_def;  // stdlib/posix.cpp
extern const BuiltinModuleDef random_module_def;  // stdlib/random.cpp
extern const BuiltinModuleDef sha512_module_def;  // stdlib/random.cpp
extern const BuiltinModuleDef signal_module_def;  // stdlib/signal.cpp
extern const BuiltinModuleDef sre_module_def;  // stdlib/sre.cpp
extern const BuiltinModuleDef string_module_def;  // stdlib/string.cpp
extern const BuiltinModuleDef struct_module_def;  // stdlib/struct.cpp
extern const BuiltinModuleDef binascii_module_def;  // stdlib/binascii.cpp
extern const BuiltinModuleDef time_module_def;   // stdlib/time.cpp

namespace {

// Sorted by name (sys.builtin_module_names is sorted).
const BuiltinModuleDef* const kBuiltinModules[] = {
    &bisect_module_def,
    &codecs_module_def,
    &collections_module_def,
    &functools_module_def,
    &heapq_module_def,
    &io_module_def,
    &operator_module_def,
    &random_module_def,
    &sha512_module_def,
    &signal_module_def,
    &sre_module_def,
    &string_module_def,
    &struct_module_def,
    &thread_module_def,
    &weakref_module_def,
    &array_module_def,
    &atexit_module_def,
    &binascii_module_def,
    &builtins_module_def,
    &errno_module_def,
    &gc_module_def,
    &itertools_module_def,
    &math_module_def,
    &posix_module_def,
    &sys_module_def,
    &time_module_def,
};

}  // namespace

const BuiltinModuleDef* find_builtin_module(std::string_view name) {
  for (const BuiltinModuleDef* def : kBuiltinModules) {
    if (name == def->name) return def;
  }
  return nullptr;
}

Value builtin_module_names() {
  constexpr int64_t n = sizeof kBuiltinModules / sizeof kBuiltinModules[0];
  Value t = tuple_new(n);
  if (!t) return t;
  for (int64_t i = 0; i < n; i++) {
    Value s = str_from_utf8(kBuiltinModules[i]->name);
    if (!s) {
      decref(t);
      return s;
    }
    tuple_items(t)[i] = s;
  }
  return t;
}

}  // namespace strata
