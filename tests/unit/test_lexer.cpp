// tests/unit/test_lexer.cpp — STUB (lexer helper fills).
#include <doctest/doctest.h>
