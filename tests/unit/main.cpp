// tests/unit/main.cpp — the doctest runner for C++ unit tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
