// tests/unit/test_symtable.cpp — STUB (issue 3 helper fills).
#include <doctest/doctest.h>
