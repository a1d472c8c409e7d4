// tests/unit/test_pyrepr.cpp — repr() of literal values and ast.dump() layout, against
// what python3.11 prints for the same values and trees.
#include <doctest/doctest.h>

#include <string>

#include "frontend/arena.h"
#include "frontend/ast.h"
#include "frontend/ast_dump.h"
#include "frontend/pyrepr.h"

namespace {

std::string repr_str(std::string_view s) {
  std::string out;
  strata::append_repr_str(out, s);
  return out;
}
std::string repr_bytes(std::string_view s) {
  std::string out;
  strata::append_repr_bytes(out, s);
  return out;
}
std::string repr_float(double v) {
  std::string out;
  strata::append_repr_float(out, v);
  return out;
}
std::string repr_complex(double v) {
  std::string out;
  strata::append_repr_complex(out, v);
  return out;
}

}  // namespace

TEST_CASE("str repr: quotes and escapes") {
  CHECK(repr_str("abc") == "'abc'");
  CHECK(repr_str("it's") == "\"it's\"");
  CHECK(repr_str("say \"hi\"") == "'say \"hi\"'");
  CHECK(repr_str("both ' and \"") == "'both \\' and \"'");
  CHECK(repr_str(std::string_view("\x00\x1f\x7f", 3)) == "'\\x00\\x1f\\x7f'");
  CHECK(repr_str("tab\tnl\nsr\r\\") == "'tab\\tnl\\nsr\\r\\\\'");
  CHECK(repr_str("") == "''");
}

TEST_CASE("str repr: non-ASCII by str.isprintable") {
  CHECK(repr_str("\xc2\x80\xc2\xa0\xc2\xad") == "'\\x80\\xa0\\xad'");
  CHECK(repr_str("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") ==
        "'\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80'");
  // U+2028 (Zl), U+200B (Cf), U+E000 (Co), U+E0001 (Cf), U+10FFFF (Cn)
  CHECK(repr_str("\xe2\x80\xa8\xe2\x80\x8b\xee\x80\x80\xf3\xa0\x80\x81\xf4\x8f\xbf\xbf") ==
        "'\\u2028\\u200b\\ue000\\U000e0001\\U0010ffff'");
  // A lone surrogate, stored as its 3-byte form.
  CHECK(repr_str("\xed\xa0\x80") == "'\\ud800'");
  // U+1FAE8 is Unicode 15: unassigned to Python 3.11's Unicode 14 database.
  CHECK(repr_str("\xf0\x9f\xab\xa8") == "'\\U0001fae8'");
}

TEST_CASE("bytes repr") {
  CHECK(repr_bytes("abc") == "b'abc'");
  CHECK(repr_bytes("it's") == "b\"it's\"");
  CHECK(repr_bytes("'\"") == "b'\\'\"'");
  CHECK(repr_bytes(std::string_view("\x00\x7f\x80\xff\t\n\r\\", 8)) ==
        "b'\\x00\\x7f\\x80\\xff\\t\\n\\r\\\\'");
}

TEST_CASE("float repr: shortest digits in repr's layout") {
  CHECK(repr_float(0.0) == "0.0");
  CHECK(repr_float(1.0) == "1.0");
  CHECK(repr_float(100.0) == "100.0");
  CHECK(repr_float(0.1) == "0.1");
  CHECK(repr_float(1e16) == "1e+16");
  CHECK(repr_float(1e15) == "1000000000000000.0");
  CHECK(repr_float(9999999999999998.0) == "9999999999999998.0");
  CHECK(repr_float(1e-4) == "0.0001");
  CHECK(repr_float(1e-5) == "1e-05");
  CHECK(repr_float(0.00012345) == "0.00012345");
  CHECK(repr_float(1.5e300) == "1.5e+300");
  CHECK(repr_float(5e-324) == "5e-324");
  CHECK(repr_float(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(repr_float(1234567890123456.7) == "1234567890123456.8");
  CHECK(repr_float(__builtin_inf()) == "inf");
  CHECK(repr_float(__builtin_nan("")) == "nan");
  CHECK(repr_float(-0.0) == "-0.0");
}

TEST_CASE("complex repr of an imaginary literal") {
  CHECK(repr_complex(1.0) == "1j");
  CHECK(repr_complex(1.5) == "1.5j");
  CHECK(repr_complex(0.0) == "0j");
  CHECK(repr_complex(1e16) == "1e+16j");
  CHECK(repr_complex(1e-5) == "1e-05j");
  CHECK(repr_complex(__builtin_inf()) == "infj");
}

namespace {

using namespace strata::ast;

Name* name(strata::Arena& a, const char* id, int col) {
  auto* n = make<Name>(a, 1, col, 1, col + 1);
  n->id = Str{id, 1};
  n->ctx = ExprContext::Load;
  return n;
}

template <class T>
Seq<T> seq(strata::Arena& a, std::initializer_list<T> items) {
  Seq<T> s;
  s.items = a.array<T>(items.size());
  for (T v : items) s.items[s.size++] = v;
  return s;
}

// `x < y == 1.5j` as python3.11's ast.parse builds it.
Node* compare_module(strata::Arena& a) {
  auto* c = make<Constant>(a, 1, 9, 1, 13);
  c->value.kind = ConstKind::Complex;
  c->value.f = 1.5;
  auto* cmp = make<Compare>(a, 1, 0, 1, 13);
  cmp->left = name(a, "x", 0);
  cmp->ops = seq<CmpOpKind>(a, {CmpOpKind::Lt, CmpOpKind::Eq});
  cmp->comparators = seq<Node*>(a, {name(a, "y", 4), c});
  auto* e = make<Expr>(a, 1, 0, 1, 13);
  e->value = cmp;
  auto* m = make<Module>(a, 0, 0, 0, 0);
  m->body = seq<Node*>(a, {e});
  return m;
}

}  // namespace

TEST_CASE("ast dump: indented layout") {
  strata::Arena a;
  CHECK(dump(compare_module(a), false, 3) ==
        "Module(\n   body=[\n      Expr(\n         value=Compare(\n            left=Name(id='x', "
        "ctx=Load()),\n            ops=[\n               Lt(),\n               Eq()],\n       "
        "     comparators=[\n               Name(id='y', ctx=Load()),\n               "
        "Constant(value=1.5j)]))],\n   type_ignores=[])");
}

TEST_CASE("ast dump: one line with attributes") {
  strata::Arena a;
  CHECK(dump(compare_module(a), true, -1) ==
        "Module(body=[Expr(value=Compare(left=Name(id='x', ctx=Load(), lineno=1, col_offset=0, "
        "end_lineno=1, end_col_offset=1), ops=[Lt(), Eq()], comparators=[Name(id='y', "
        "ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), "
        "Constant(value=1.5j, lineno=1, col_offset=9, end_lineno=1, end_col_offset=13)], "
        "lineno=1, col_offset=0, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, "
        "end_lineno=1, end_col_offset=13)], type_ignores=[])");
}

TEST_CASE("ast dump: null list entries, identifier lists, kind, indent 0") {
  strata::Arena a;
  auto* one = make<Constant>(a, 1, 0, 1, 0);
  one->value.kind = ConstKind::Int;
  one->value.i = 1;
  auto* d = make<Dict>(a, 1, 0, 1, 0);
  d->keys = seq<Node*>(a, {nullptr, one});
  d->values = seq<Node*>(a, {name(a, "a", 0), name(a, "b", 0)});
  auto* e = make<Expr>(a, 1, 0, 1, 0);
  e->value = d;
  auto* m = make<Module>(a, 0, 0, 0, 0);
  m->body = seq<Node*>(a, {e});
  CHECK(dump(m, false, 3) ==
        "Module(\n   body=[\n      Expr(\n         value=Dict(\n            keys=[\n         "
        "      None,\n               Constant(value=1)],\n            values=[\n            "
        "   Name(id='a', ctx=Load()),\n               Name(id='b', ctx=Load())]))],\n   "
        "type_ignores=[])");

  auto* g = make<Global>(a, 1, 0, 1, 0);
  g->names = seq<Str>(a, {Str{"a", 1}, Str{"b", 1}});
  m->body = seq<Node*>(a, {g});
  CHECK(dump(m, false, 2) ==
        "Module(\n  body=[\n    Global(\n      names=[\n        'a',\n        'b'])],\n  "
        "type_ignores=[])");

  auto* s = make<Constant>(a, 1, 0, 1, 0);
  s->value.kind = ConstKind::Str;
  s->value.text = Str{"x", 1};
  s->kind = Str{"u", 1};
  e->value = s;
  m->body = seq<Node*>(a, {e});
  CHECK(dump(m, false, 0) ==
        "Module(\nbody=[\nExpr(\nvalue=Constant(value='x', kind='u'))],\ntype_ignores=[])");
}
