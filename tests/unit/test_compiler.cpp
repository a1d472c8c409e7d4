// tests/unit/test_compiler.cpp — STUB (issue 3 helper fills).
#include <doctest/doctest.h>
