// tests/unit/test_arena.cpp — the parse arena.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "frontend/arena.h"
#include "frontend/ast.h"

TEST_CASE("arena allocations are aligned and survive growth") {
  strata::Arena arena;
  char* first = static_cast<char*>(arena.allocate(3, 1));
  first[0] = 'x';
  for (int i = 0; i < 100000; ++i) {
    auto* p = arena.allocate(24, 8);
    CHECK(reinterpret_cast<uintptr_t>(p) % 8 == 0);
  }
  CHECK(first[0] == 'x');
  auto* big = arena.allocate(5 << 20, 16);
  CHECK(big != nullptr);
  CHECK(std::string(arena.copy("abc", 2)) == "ab");
}

TEST_CASE("nodes carry their kind and location") {
  strata::Arena arena;
  auto* n = strata::ast::make<strata::ast::Name>(arena, 1, 2, 3, 4);
  CHECK(n->kind == strata::ast::Kind::Name);
  CHECK(strata::ast::kind_name(n->kind) == std::string("Name"));
  CHECK(strata::ast::is_located(n->kind));
  CHECK(!strata::ast::is_located(strata::ast::Kind::arguments));
  CHECK(n->end_col_offset == 4);
  CHECK(strata::ast::as<strata::ast::Call>(n) == nullptr);
}
