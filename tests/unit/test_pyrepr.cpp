// tests/unit/test_pyrepr.cpp — STUB (dump helper fills).
#include <doctest/doctest.h>
