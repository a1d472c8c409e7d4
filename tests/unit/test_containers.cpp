// tests/unit/test_containers.cpp — C++ checks of the container types (vm/tuple.cpp,
// list.cpp, dict.cpp, set.cpp, range.cpp, slice.cpp, iterators.cpp) through the runtime's
// C++ interface: reprs, hashes and iteration orders compared with what CPython 3.11
// prints for the same operations, and the split-table behaviour of instance dicts.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/runtime.h"
#include "vm/set.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

using namespace strata;

namespace {

void ensure_runtime() {
  static bool ready = runtime_init() == 0;
  REQUIRE(ready);
}

std::string R(Value v) {
  REQUIRE(v);
  std::string s = repr_utf8(v);
  decref(v);
  return s;
}

Value S(const char* s) { return str_from_utf8(s); }

}  // namespace

TEST_CASE("tuple: repr, hash, compare") {
  ensure_runtime();
  CHECK(R(tuple_empty()) == "()");
  CHECK(R(tuple_pack({Value::small(1)})) == "(1,)");
  Value t = tuple_pack({Value::small(1), Value::small(2)});
  CHECK(hash(t) == -3550055125485641917);
  CHECK(hash(tuple_empty()) == 5740354900026072187);
  Value a = S("a"), b = S("b");
  Value t2 = tuple_pack({a, b});
  CHECK(hash(t2) == 7372137184884179083);  // PYTHONHASHSEED=0
  Value t3 = tuple_pack({Value::small(1), Value::small(3)});
  CHECK(rich_compare_bool(t, t3, CMP_LT) == 1);
  CHECK(rich_compare_bool(t, t, CMP_EQ) == 1);
  decref(t);
  decref(t2);
  decref(t3);
  decref(a);
  decref(b);
}

TEST_CASE("set: CPython's iteration order") {
  ensure_runtime();
  Value s = set_new(Value());
  for (int i = 0; i < 20; i++) set_add(s, Value::small(i));
  for (int i = 0; i < 20; i += 3) set_discard(s, Value::small(i));
  for (int k : {100, 200, 37, 45, 8}) set_add(s, Value::small(k));
  CHECK(R(newref(s)) == "{1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 37, 45, 200, 100}");
  decref(s);
  s = set_new(Value());
  for (int k : {1, 9, 17, 3}) set_add(s, Value::small(k));
  set_discard(s, Value::small(1));
  set_discard(s, Value::small(9));
  set_add(s, Value::small(25));
  CHECK(R(s) == "{3, 25, 17}");
  Value fs = frozenset_new(Value());
  CHECK(hash(fs) == 133146708735736);
  decref(fs);
  Value l = list_from(std::vector<Value>{Value::small(1), Value::small(2), Value::small(3)}.data(), 3);
  fs = frozenset_new(l);
  CHECK(hash(fs) == -272375401224217160);
  decref(fs);
  decref(l);
}

TEST_CASE("dict: order, deletion, repr, split tables") {
  ensure_runtime();
  Value d = dict_new();
  for (int i = 0; i < 100; i++) dict_set(d, Value::small(i), Value::small(i * i));
  for (int i = 0; i < 100; i += 2) dict_del(d, Value::small(i));
  CHECK(dict_size(d) == 50);
  int64_t pos = 0;
  Value k, v;
  int64_t expect = 1;
  while (dict_next(d, &pos, &k, &v)) {
    CHECK(k.small_value() == expect);
    CHECK(v.small_value() == expect * expect);
    expect += 2;
  }
  decref(d);

  DictKeys* shared = dict_new_shared_keys();
  Value x = S("x"), y = S("y"), z = S("z");
  Value a = dict_new_split(shared);
  dict_set(a, x, Value::small(1));
  dict_set(a, y, Value::small(2));
  Value b = dict_new_split(shared);
  dict_set(b, y, Value::small(3));  // other order: b becomes combined
  dict_set(b, x, Value::small(4));
  CHECK(R(newref(a)) == "{'x': 1, 'y': 2}");
  CHECK(R(newref(b)) == "{'y': 3, 'x': 4}");
  CHECK(dict_index_of_str(a, y) == 1);
  uint32_t v1 = dict_keys_version(a);
  CHECK(v1 != 0);
  CHECK(dict_keys_version(a) == v1);
  dict_set(a, z, Value::small(5));  // appends to the shared keys: a new layout
  CHECK(dict_keys_version(a) != v1);
  dict_del(a, x);
  dict_set(a, x, Value::small(6));  // re-added: goes last (combined now)
  CHECK(R(newref(a)) == "{'y': 2, 'z': 5, 'x': 6}");
  Value c = dict_new_split(shared);
  dict_set(c, x, Value::small(7));
  dict_set(c, Value::small(1), Value::small(8));  // non-str key
  CHECK(R(newref(c)) == "{'x': 7, 1: 8}");
  decref(a);
  decref(b);
  decref(c);
  dict_keys_decref(shared);
  decref(x);
  decref(y);
  decref(z);
}

TEST_CASE("list: sort is a stable sort") {
  ensure_runtime();
  std::mt19937 rng(42);
  std::vector<int> data(3000);
  for (int& x : data) x = int(rng() % 100);
  Value l = list_new(0);
  for (int x : data) list_append(l, Value::small(x));
  REQUIRE(list_sort(l, Value(), false) == 0);
  std::vector<int> sorted = data;
  std::stable_sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size(); i++) CHECK(list_item(l, int64_t(i)).small_value() == sorted[i]);
  REQUIRE(list_sort(l, Value(), true) == 0);
  for (size_t i = 0; i < sorted.size(); i++)
    CHECK(list_item(l, int64_t(i)).small_value() == sorted[sorted.size() - 1 - i]);
  decref(l);
}

TEST_CASE("range and slice") {
  ensure_runtime();
  Value r = call(Value::from(&RangeType), std::vector<Value>{Value::small(0), Value::small(10), Value::small(2)}.data(), 3);
  CHECK(R(newref(r)) == "range(0, 10, 2)");
  CHECK(length(r) == 5);
  Value s = slice_new(Value::small(1), Value(), Value::small(-1));
  CHECK(R(newref(s)) == "slice(1, None, -1)");
  CHECK(R(getitem(r, s)) == "range(2, -2, -2)");
  decref(s);
  decref(r);
}

namespace {

Value M(Value obj, const char* name, std::vector<Value> args = {}) {
  return call_method(obj, intern(name), args.data(), args.size());
}

// The current exception as "Type: message", cleared.
std::string take_error() {
  Value e = fetch_error();
  REQUIRE(e);
  std::string s = std::string(type_name(e)) + ": ";
  Value text = str(e);
  REQUIRE(text);
  s += strata::str_utf8(text);
  decref(text);
  decref(e);
  return s;
}

Value ints(std::initializer_list<int> xs) {
  Value l = list_new(0);
  for (int x : xs) list_append(l, Value::small(x));
  return l;
}

}  // namespace

TEST_CASE("methods and views through the descriptors") {
  ensure_runtime();
  Value d = dict_new();
  Value a = S("a"), b = S("b"), c = S("c");
  dict_set(d, a, Value::small(1));
  dict_set(d, b, Value::small(2));
  dict_set(d, c, Value::small(3));
  Value keys = M(d, "keys");
  CHECK(R(newref(keys)) == "dict_keys(['a', 'b', 'c'])");
  Value other = set_new(Value());
  set_add(other, a);
  set_add(other, S("z"));
  CHECK(R(binary_op(keys, other, NB_AND)) == "{'a'}");
  CHECK(R(binary_op(keys, other, NB_SUBTRACT)).size() == 10);  // {'b', 'c'} in hash order
  CHECK(R(M(d, "items")) == "dict_items([('a', 1), ('b', 2), ('c', 3)])");
  CHECK(R(M(d, "pop", {a})) == "1");
  CHECK(!M(d, "pop", {a}));
  CHECK(take_error() == "KeyError: 'a'");
  CHECK(R(M(d, "popitem")) == "('c', 3)");
  // Changing the size while iterating.
  Value it = get_iter(d);
  dict_set(d, S("q"), Value::small(9));
  CHECK(!iter_next(it));
  CHECK(take_error() == "RuntimeError: dictionary changed size during iteration");
  decref(it);
  decref(keys);
  decref(other);
  decref(d);

  Value l = ints({5, 1, 4});
  CHECK(R(M(l, "index", {Value::small(4)})) == "2");
  CHECK(!M(l, "index", {Value::small(7)}));
  CHECK(take_error() == "ValueError: 7 is not in list");
  CHECK(!M(l, "pop", {Value::small(1), Value::small(2)}));
  CHECK(take_error() == "TypeError: pop expected at most 1 argument, got 2");
  Value t = tuple_pack({Value::small(1)});
  CHECK(!binary_op(l, t, NB_ADD));
  CHECK(take_error() == "TypeError: can only concatenate list (not \"tuple\") to list");
  CHECK(R(binary_op(l, Value::small(2), NB_MULTIPLY)) == "[5, 1, 4, 5, 1, 4]");
  CHECK(R(binary_op(Value::small(2), t, NB_MULTIPLY)) == "(1, 1)");
  Value sl = slice_new(Value(), Value(), Value::small(2));
  CHECK(setitem(l, sl, t) < 0);
  CHECK(take_error() == "ValueError: attempt to assign sequence of size 1 to extended slice of size 2");
  CHECK(delitem(l, sl) == 0);
  CHECK(R(newref(l)) == "[1]");
  decref(sl);
  decref(t);
  decref(l);

  Value s = set_new(Value());
  CHECK(!M(s, "pop"));
  CHECK(take_error() == "KeyError: 'pop from an empty set'");
  CHECK(R(M(s, "union", {ints({3, 1})})) == "{1, 3}");
  decref(s);
  Value fs = frozenset_new(Value());
  CHECK(R(fs) == "frozenset()");
}
