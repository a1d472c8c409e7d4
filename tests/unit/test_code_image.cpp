// tests/unit/test_code_image.cpp — STUB (issue 3 helper fills).
#include <doctest/doctest.h>
