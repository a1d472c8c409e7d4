// tests/unit/test_runtime.cpp — what Python programs cannot see of the runtime: value
// tagging, immortality, the VM stack, the cycle collector's bookkeeping.
#include <doctest/doctest.h>

#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/gc.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/runtime.h"
#include "vm/str.h"

namespace strata {

TEST_CASE("small ints are tagged words, big ones are objects") {
  Value a = int_from_i64(kSmallIntMax);
  CHECK(a.is_small());
  CHECK(a.small_value() == kSmallIntMax);
  Value b = int_from_i64(kSmallIntMax);
  CHECK(a == b);  // identity of equal small ints
  Value big = int_add(a, Value::small(1));
  REQUIRE(big);
  CHECK(!big.is_small());
  Value back = int_sub(big, Value::small(1));
  CHECK(back.is_small());  // normalized back to the tagged form
  decref(big);
}

TEST_CASE("immortal objects keep their count") {
  int64_t before = NoneObject.refcnt;
  incref(None());
  decref(None());
  decref(None());
  CHECK(NoneObject.refcnt == before);
}

TEST_CASE("the cycle collector frees a self-referencing list") {
  gc_collect(2);
  Value l = list_new(0);
  REQUIRE(l);
  REQUIRE(list_append(l, l) == 0);
  CHECK(gc_is_tracked(l.obj()));
  decref(l);  // only the cycle keeps it now
  CHECK(gc_collect(2) >= 1);
}

TEST_CASE("interned names are shared") {
  Value a = intern("spam");
  Value b = intern("spam");
  CHECK(a == b);
  CHECK(STRATA_NAME(spam) == a);
}

}  // namespace strata
