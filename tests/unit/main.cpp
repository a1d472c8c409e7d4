// tests/unit/main.cpp — the doctest runner for C++ unit tests. The runtime is started once
// before any test case, as the `strata` command does (runtime tests need its types).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "vm/runtime.h"

int main(int argc, char** argv) {
  // sys.path as `strata -c` has it: runtime code that imports (the codec registry's
  // `encodings`, say) finds the standard library.
  if (strata::runtime_init() < 0 || strata::set_sys_argv_and_path({"-c"}, "", {"strata-unit"}) < 0) {
    std::fputs("strata-unit: the runtime failed to start\n", stderr);
    return 1;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
