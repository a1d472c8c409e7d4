// tests/unit/test_symtable.cpp — the symbol tables (frontend/symtable.h): scopes, flags,
// resolution, the compiler-facing facts (varnames, cellvars, freevars, code flags) and the
// errors of CPython 3.11's symbol table pass. The expected values are what python3.11's
// `_symtable` and code objects report for the same sources (see
// tests/frontend/symtable_compare.py for the whole-stdlib comparison).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "frontend/arena.h"
#include "frontend/code.h"
#include "frontend/parser.h"
#include "frontend/symtable.h"

using namespace strata;

namespace {

struct Built {
  Arena arena;
  SyntaxErrorInfo error;
  std::unique_ptr<SymbolTable> table;
};

std::unique_ptr<Built> build(const std::string& src, SymtableOptions options = {}) {
  auto b = std::make_unique<Built>();
  ast::Node* mod = parse(src, "<test>", ParseMode::Exec, b->arena, b->error);
  REQUIRE(mod != nullptr);
  b->table = build_symtable(mod, "<test>", src, b->error, options);
  return b;
}

// The child of `s` named `name` (the first, when several).
const Scope* child(const Scope* s, std::string_view name) {
  REQUIRE(s != nullptr);
  for (const Scope* c : s->children)
    if (c->name == name) return c;
  FAIL("no child scope " << name);
  return nullptr;
}

std::vector<std::string> strs(const std::vector<std::string_view>& v) {
  return std::vector<std::string>(v.begin(), v.end());
}

// The error message and position of a source that fails.
std::string error_of(const std::string& src) {
  auto b = build(src);
  REQUIRE(b->table == nullptr);
  return b->error.msg + " @ " + std::to_string(b->error.lineno) + ":" +
         std::to_string(b->error.col_offset) + "-" + std::to_string(b->error.end_lineno) + ":" +
         std::to_string(b->error.end_col_offset);
}

}  // namespace

TEST_CASE("symtable: module, function and lambda scopes resolve locals, cells and frees") {
  auto b = build("def f(a):\n  x = 1\n  return lambda: x + g\n");
  REQUIRE(b->table);
  const Scope* top = b->table->top;
  CHECK(top->type == BlockType::Module);
  CHECK(top->name == "top");
  CHECK(top->scope_of("f") == SymbolScope::Local);
  const Scope* f = child(top, "f");
  CHECK(f->type == BlockType::Function);
  CHECK_FALSE(f->nested);
  CHECK(f->flags_of("a") == DEF_PARAM);
  CHECK(f->scope_of("x") == SymbolScope::Cell);
  CHECK(strs(f->cellvars) == std::vector<std::string>{"x"});
  CHECK(f->child_has_free);
  const Scope* lam = child(f, "lambda");
  CHECK(lam->nested);
  CHECK(lam->flags_of("x") == DEF_USE);
  CHECK(lam->scope_of("x") == SymbolScope::Free);
  CHECK(lam->scope_of("g") == SymbolScope::GlobalImplicit);
  CHECK(strs(lam->freevars) == std::vector<std::string>{"x"});
  CHECK(lam->has_free);
  CHECK(b->table->scope_for(lam->node) == lam);
  CHECK(lam->code_flags() == (CO_OPTIMIZED | CO_NEWLOCALS | CO_NESTED));
}

TEST_CASE("symtable: parameters come first in CPython's order") {
  auto b = build("def f(a, /, b, *c, d, e=1, **g):\n  h = 1\n");
  REQUIRE(b->table);
  const Scope* f = child(b->table->top, "f");
  CHECK(strs(f->varnames) == std::vector<std::string>{"a", "b", "d", "e", "c", "g"});
  CHECK(f->has_varargs);
  CHECK(f->has_varkeywords);
  CHECK(f->code_flags() == (CO_OPTIMIZED | CO_NEWLOCALS | CO_VARARGS | CO_VARKEYWORDS));
  CHECK(f->scope_of("h") == SymbolScope::Local);
}

TEST_CASE("symtable: comprehensions are function scopes with the implicit .0") {
  auto b = build("def f(xs):\n  return [y for y in xs if y > k]\n");
  REQUIRE(b->table);
  const Scope* f = child(b->table->top, "f");
  CHECK(f->flags_of("xs") == (DEF_PARAM | DEF_USE));  // the first iterable is f's
  const Scope* comp = child(f, "listcomp");
  CHECK(comp->comprehension == ComprehensionKind::List);
  CHECK(strs(comp->varnames) == std::vector<std::string>{".0"});
  CHECK(comp->flags_of("y") == (DEF_LOCAL | DEF_USE | DEF_COMP_ITER));
  CHECK(comp->scope_of("xs") == SymbolScope::None);
  CHECK_FALSE(comp->generator);

  auto g = build("x = (i for i in range(3))\n");
  REQUIRE(g->table);
  const Scope* gen = child(g->table->top, "genexpr");
  CHECK(gen->generator);
  CHECK(gen->code_flags() == (CO_OPTIMIZED | CO_NEWLOCALS | CO_GENERATOR));
}

TEST_CASE("symtable: a walrus in a comprehension binds in the enclosing function") {
  auto b = build("def f():\n  [y := 1 for x in z]\n  return y\n");
  REQUIRE(b->table);
  const Scope* f = child(b->table->top, "f");
  CHECK(f->scope_of("y") == SymbolScope::Cell);
  const Scope* comp = child(f, "listcomp");
  CHECK(comp->flags_of("y") == (DEF_NONLOCAL | DEF_LOCAL));
  CHECK(comp->scope_of("y") == SymbolScope::Free);

  auto m = build("[y := 1 for x in z]\n");
  REQUIRE(m->table);
  CHECK(m->table->top->flags_of("y") == DEF_GLOBAL);
  CHECK(child(m->table->top, "listcomp")->scope_of("y") == SymbolScope::GlobalExplicit);
}

TEST_CASE("symtable: super() and __class__ give the class its implicit cell") {
  auto b = build("class C:\n  def m(self):\n    return super().m()\n  def n(self): pass\n");
  REQUIRE(b->table);
  const Scope* c = child(b->table->top, "C");
  CHECK(c->needs_class_closure);
  CHECK(strs(c->cellvars) == std::vector<std::string>{"__class__"});
  CHECK(c->find("__class__") == nullptr);  // the cell is the compiler's, not a symbol
  const Scope* m = child(c, "m");
  CHECK(m->scope_of("__class__") == SymbolScope::Free);
  CHECK(strs(m->freevars) == std::vector<std::string>{"__class__"});
  CHECK(child(c, "n")->freevars.empty());
}

TEST_CASE("symtable: free variables pass through class bodies (DEF_FREE_CLASS)") {
  auto b = build(
      "def f():\n  x = 1\n  class C:\n    x = 2\n    def m(self): return x\n");
  REQUIRE(b->table);
  const Scope* f = child(b->table->top, "f");
  CHECK(f->scope_of("x") == SymbolScope::Cell);
  const Scope* c = child(f, "C");
  CHECK(c->flags_of("x") == (DEF_LOCAL | DEF_FREE_CLASS));
  CHECK(c->scope_of("x") == SymbolScope::Local);
  CHECK(strs(c->freevars) == std::vector<std::string>{"x"});
  CHECK(child(c, "m")->scope_of("x") == SymbolScope::Free);

  // A class that does not bind the name gets it as a plain free symbol (flags 0).
  auto d = build("def f():\n  y = 1\n  class C:\n    def m(self): return y\n");
  REQUIRE(d->table);
  const Scope* dc = child(child(d->table->top, "f"), "C");
  CHECK(dc->flags_of("y") == 0);
  CHECK(dc->scope_of("y") == SymbolScope::Free);
}

TEST_CASE("symtable: global declarations hide enclosing bindings from children") {
  auto b = build(
      "def f():\n  x = 1\n  def g():\n    global x\n    def h(): return x\n");
  REQUIRE(b->table);
  const Scope* f = child(b->table->top, "f");
  CHECK(f->scope_of("x") == SymbolScope::Local);
  const Scope* g = child(f, "g");
  CHECK(g->scope_of("x") == SymbolScope::GlobalExplicit);
  CHECK(child(g, "h")->scope_of("x") == SymbolScope::GlobalImplicit);
  CHECK(b->table->top->flags_of("x") == DEF_GLOBAL);
}

TEST_CASE("symtable: private names are mangled") {
  CHECK(mangle("C", "__x") == "_C__x");
  CHECK(mangle("_Ham", "__spam") == "_Ham__spam");
  CHECK(mangle("C", "__x__") == "__x__");
  CHECK(mangle("C", "_x") == "_x");
  CHECK(mangle("___", "__x") == "__x");
  CHECK(mangle("C", "__a.b") == "__a.b");
  CHECK(mangle("", "__x") == "__x");
  auto b = build("class C:\n  __a = 1\n  def __m(self, __p): return __q\n");
  REQUIRE(b->table);
  const Scope* c = child(b->table->top, "C");
  CHECK(c->private_name == "C");
  CHECK(c->scope_of("_C__a") == SymbolScope::Local);
  CHECK(c->scope_of("_C__m") == SymbolScope::Local);
  const Scope* m = child(c, "__m");  // the scope keeps the name as written
  CHECK(m->private_name == "C");
  CHECK(strs(m->varnames) == std::vector<std::string>{"self", "_C__p"});
  CHECK(m->mangle("__q") == "_C__q");
  CHECK(m->scope_of("_C__q") == SymbolScope::GlobalImplicit);
}

TEST_CASE("symtable: generators and coroutines") {
  auto b = build(
      "def g(): yield 1\n"
      "def h(): x = yield from y\n"
      "async def c(): await z\n"
      "async def ag():\n  yield 1\n"
      "async def ac(): return [x async for x in y]\n");
  REQUIRE(b->table);
  const Scope* top = b->table->top;
  CHECK(child(top, "g")->code_flags() == (CO_OPTIMIZED | CO_NEWLOCALS | CO_GENERATOR));
  CHECK(child(top, "h")->generator);
  CHECK(child(top, "c")->code_flags() == (CO_OPTIMIZED | CO_NEWLOCALS | CO_COROUTINE));
  CHECK(child(top, "ag")->code_flags() == (CO_OPTIMIZED | CO_NEWLOCALS | CO_ASYNC_GENERATOR));
  const Scope* ac = child(top, "ac");
  CHECK(child(ac, "listcomp")->coroutine);
  CHECK(ac->coroutine);
}

TEST_CASE("symtable: annotations are evaluated in the enclosing scope, unless future") {
  auto b = build("def f(x: T) -> R:\n  a: A = 1\n");
  REQUIRE(b->table);
  CHECK(b->table->top->flags_of("T") == DEF_USE);
  CHECK(b->table->top->flags_of("R") == DEF_USE);
  const Scope* f = child(b->table->top, "f");
  CHECK(f->flags_of("a") == (DEF_LOCAL | DEF_ANNOT));
  CHECK(f->flags_of("A") == DEF_USE);

  auto fut = build("from __future__ import annotations\ndef f(x: T) -> R:\n  a: A = 1\n");
  REQUIRE(fut->table);
  CHECK(fut->table->future_annotations);
  CHECK(fut->table->top->find("T") == nullptr);
  const Scope* ff = child(fut->table->top, "f");
  CHECK(ff->find("A") == nullptr);
  CHECK(ff->flags_of("a") == (DEF_LOCAL | DEF_ANNOT));
  CHECK(ff->children.empty());
}

TEST_CASE("symtable: imports, except, match and del bind names") {
  auto b = build(
      "import a.b.c, d as e\nfrom f import g as h\n"
      "try: pass\nexcept E as err: pass\n"
      "match s:\n  case [p, *q, {'k': r, **rest}] | P(kw=t) as u: pass\n"
      "del v\n");
  REQUIRE(b->table);
  const Scope* top = b->table->top;
  CHECK(top->flags_of("a") == DEF_IMPORT);
  CHECK(top->flags_of("e") == DEF_IMPORT);
  CHECK(top->flags_of("h") == DEF_IMPORT);
  for (const char* n : {"err", "p", "q", "r", "rest", "t", "u", "v"})
    CHECK(top->flags_of(n) == DEF_LOCAL);
}

TEST_CASE("symtable: CPython 3.11's errors, with their positions") {
  CHECK(error_of("def f(a):\n    global a\n") ==
        "name 'a' is parameter and global @ 2:4-2:12");
  CHECK(error_of("def f(a):\n    nonlocal a\n") ==
        "name 'a' is parameter and nonlocal @ 2:4-2:14");
  CHECK(error_of("def f():\n    x = 1\n    global x\n") ==
        "name 'x' is assigned to before global declaration @ 3:4-3:12");
  CHECK(error_of("def f():\n    print(x)\n    global x\n") ==
        "name 'x' is used prior to global declaration @ 3:4-3:12");
  CHECK(error_of("def f():\n    x: int\n    global x\n") ==
        "annotated name 'x' can't be global @ 3:4-3:12");
  CHECK(error_of("x = 1\ndef g():\n    global x\n    x: int = 2\n") ==
        "annotated name 'x' can't be global @ 4:4-4:14");
  CHECK(error_of("def f():\n    def g():\n        x = 1\n        nonlocal x\n    x = 2\n") ==
        "name 'x' is assigned to before nonlocal declaration @ 4:8-4:18");
  CHECK(error_of("def f():\n    print(x)\n    nonlocal x\n") ==
        "name 'x' is used prior to nonlocal declaration @ 3:4-3:14");
  CHECK(error_of("nonlocal x\n") == "nonlocal declaration not allowed at module level @ 1:0-1:10");
  CHECK(error_of("def f():\n    nonlocal zz\n") == "no binding for nonlocal 'zz' found @ 2:4-2:15");
  CHECK(error_of("def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n") ==
        "name 'x' is nonlocal and global @ 4:8-4:16");
  CHECK(error_of("def f(a, b, a):\n    pass\n") ==
        "duplicate argument 'a' in function definition @ 1:12-1:13");
  CHECK(error_of("lambda a, *, a: 0\n") ==
        "duplicate argument 'a' in function definition @ 1:13-1:14");
  CHECK(error_of("def f():\n    from os import *\n") ==
        "import * only allowed at module level @ 2:19-2:20");
  CHECK(error_of("def f():\n    return [(yield x) for x in y]\n") ==
        "'yield' inside list comprehension @ 2:13-2:20");
  CHECK(error_of("def f():\n    return {(yield x) for x in y}\n") ==
        "'yield' inside set comprehension @ 2:13-2:20");
  CHECK(error_of("def f():\n    return {(yield x): 1 for x in y}\n") ==
        "'yield' inside dict comprehension @ 2:13-2:20");
  CHECK(error_of("def f():\n    return ((yield x) for x in y)\n") ==
        "'yield' inside generator expression @ 2:13-2:20");
  CHECK(error_of("[i := 0 for i in range(3)]\n") ==
        "assignment expression cannot rebind comprehension iteration variable 'i' @ 1:1-1:2");
  CHECK(error_of("class C:\n    [y := 0 for x in range(3)]\n") ==
        "assignment expression within a comprehension cannot be used in a class body @ 2:5-2:6");
  CHECK(error_of("[x for x in (y := [1])]\n") ==
        "assignment expression cannot be used in a comprehension iterable expression @ 1:13-1:21");
  CHECK(error_of("[x for x in range(3) if (j := 1) for j in range(3)]\n") ==
        "comprehension inner loop cannot rebind assignment expression target 'j' @ 1:37-1:38");
  CHECK(error_of("from __future__ import annotations\ndef f(x: (yield)): pass\n") ==
        "'yield expression' can not be used within an annotation @ 2:10-2:15");
}

TEST_CASE("symtable: an error carries the filename and the source line") {
  auto b = build("def f():\n  from m import *\n");
  REQUIRE(b->table == nullptr);
  CHECK(b->error.filename == "<test>");
  CHECK(b->error.type == "SyntaxError");
  CHECK(b->error.text == "  from m import *\n");
}

TEST_CASE("symtable: deep nesting is an error, not a crash") {
  std::string src = "x = " + std::string(5000, '-') + "1\n";
  Built b;
  ast::Node* mod = parse(src, "<deep>", ParseMode::Exec, b.arena, b.error);
  if (mod) {  // the parser may refuse it first
    auto t = build_symtable(mod, "<deep>", src, b.error);
    CHECK(t == nullptr);
    CHECK(b.error.type == "RecursionError");
  }
}
