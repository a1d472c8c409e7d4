// tests/unit/main.cpp — the doctest runner for C++ unit tests. The runtime is started once
// before any test case, as the `strata` command does (runtime tests need its types).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "vm/runtime.h"

int main(int argc, char** argv) {
  if (strata::runtime_init() < 0) {
    std::fputs("strata-unit: the runtime failed to start\n", stderr);
    return 1;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
