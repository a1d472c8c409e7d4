// frontend/symtable.h — symbol tables: the scopes of a module and what every name in
// each scope is (local, global, free, cell), by CPython 3.11's rules (Python/symtable.c),
// with the errors CPython's symbol table pass raises. The compiler (frontend/compiler.cpp)
// asks one question of it per name: "in this scope, which load/store opcode family?".
//
// Model (CPython 3.11):
//   - one Scope per module, class body, function, lambda and comprehension; list, set and
//     dict comprehensions and generator expressions are function scopes (not inlined, as
//     in 3.11) whose one parameter is the implicit ".0" (the first iterator, which is
//     evaluated in the enclosing scope);
//   - a pass over the AST records, per scope, each name's SymbolFlag bits (how the name
//     is used there), then an analysis pass resolves each name to a SymbolScope;
//   - names are stored mangled (`__x` in class C -> `_C__x`): look names up with
//     Scope::mangle(name) or strata::mangle(private_name, name).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontend/arena.h"
#include "frontend/ast.h"
#include "frontend/diagnostic.h"

namespace strata {

// How a name is used in one scope. The values are CPython 3.11's (its internal
// pycore_symtable.h), so that a dump compares bit for bit with `_symtable`.
enum SymbolFlag : uint32_t {
  DEF_GLOBAL = 1,         // `global x` in this scope (also set in the module for x)
  DEF_LOCAL = 2,          // assigned, deleted, a for/with/except/match target, def/class
  DEF_PARAM = 4,          // a parameter
  DEF_NONLOCAL = 8,       // `nonlocal x`
  DEF_USE = 16,           // loaded (CPython's USE)
  DEF_FREE = 32,          // (never set in 3.11; kept for the numbering)
  DEF_FREE_CLASS = 64,    // a class-scope name that is also free in a method
  DEF_IMPORT = 128,       // bound by import
  DEF_ANNOT = 256,        // a simple annotated target `x: T`
  DEF_COMP_ITER = 512,    // a comprehension's iteration variable
  DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT,
};

// Where a name lives, once analysed. Values are CPython's (flags >> 11 in `_symtable`).
enum class SymbolScope : uint8_t {
  None = 0,            // not a symbol of this scope (e.g. a name only the compiler makes)
  Local = 1,           // fast local in a function; a NAME in a module or class body
  GlobalExplicit = 2,  // declared `global` here (or by a walrus in a comprehension)
  GlobalImplicit = 3,  // not bound in any enclosing function: LOAD_GLOBAL (or NAME)
  Free = 4,            // bound in an enclosing function: a free variable (DEREF)
  Cell = 5,            // local here and used by a nested function: a cell (DEREF)
};
inline constexpr int kSymbolScopeShift = 11;  // CPython's SCOPE_OFFSET, for dumps

enum class BlockType : uint8_t {
  Function = 0,    // def, async def, lambda and comprehensions
  Class = 1,
  Module = 2,      // Module, Interactive and Expression roots
  Annotation = 3,  // only with `from __future__ import annotations`; never analysed and
                   // never among children (CPython drops them too)
};

enum class ComprehensionKind : uint8_t { None, List, Dict, Set, Generator };

struct Symbol {
  std::string_view name;  // mangled; owned by the SymbolTable
  uint32_t flags = 0;     // SymbolFlag bits
  SymbolScope scope = SymbolScope::None;
};

// CPython's _Py_Mangle: `name` as written inside a class whose name is `private_name`
// ("" outside any class). `__spam` in class `_Ham` -> `_Ham__spam`; names ending in
// "__", dotted names, and classes named only with underscores are left alone.
std::string mangle(std::string_view private_name, std::string_view name);

class Scope {
 public:
  BlockType type = BlockType::Module;
  ComprehensionKind comprehension = ComprehensionKind::None;
  std::string_view name;  // def/class name, "lambda", "listcomp", "setcomp", "dictcomp",
                          // "genexpr", "top" (the module), "_annotation"
  const ast::Node* node = nullptr;  // the node that opens the scope
  int lineno = 0, col_offset = 0, end_lineno = 0, end_col_offset = 0;
  Scope* parent = nullptr;
  std::vector<Scope*> children;  // nested scopes in CPython's visiting order

  // The innermost enclosing class name (this class's own name for a class body: its
  // body's names are mangled with it), "" when none. The compiler's u_private.
  std::string_view private_name;

  // Symbols in order of first appearance (CPython's dict order; free variables that an
  // analysis adds for children come last, in no meaningful order).
  std::vector<Symbol> symbols;
  // Parameters, in CPython's order: positional-only, positional, keyword-only, *args,
  // **kwargs (".0" for a comprehension). The compiler appends the other fast locals as
  // it first emits them (CPython's compiler does the same: its order is the code
  // generation order, which is not always this pass's visiting order).
  std::vector<std::string_view> varnames;
  // co_cellvars and co_freevars as CPython 3.11's compiler makes them: the names whose
  // scope is Cell (plus "__class__" when needs_class_closure), sorted; the names whose
  // scope is Free or that carry DEF_FREE_CLASS, sorted.
  std::vector<std::string_view> cellvars;
  std::vector<std::string_view> freevars;

  bool nested = false;       // inside a function (at any depth): CO_NESTED
  bool generator = false;    // contains yield / yield from (always, for a genexpr)
  bool coroutine = false;    // async def, or contains await / an async comprehension
  bool has_varargs = false;  // *args
  bool has_varkeywords = false;  // **kwargs
  bool returns_value = false;    // a `return EXPR` in the body
  bool has_free = false;         // CPython's ste_free: has free variables, or implicit
                                 // globals while nested
  bool child_has_free = false;   // some child (at any depth) has_free
  bool needs_class_closure = false;  // a class whose methods use __class__ or super():
                                     // the class body makes the implicit __class__ cell

  // The symbol for an already-mangled name, or null.
  const Symbol* find(std::string_view mangled) const;
  // Its flags (0 when absent) and scope (None when absent). CPython's _PyST_GetSymbol
  // and _PyST_GetScope.
  uint32_t flags_of(std::string_view mangled) const;
  SymbolScope scope_of(std::string_view mangled) const;
  // `name` as written in this scope, mangled with private_name.
  std::string mangle(std::string_view name) const { return strata::mangle(private_name, name); }
  // CPython 3.11's compute_code_flags for this scope's code object, except CO_NOFREE
  // (the compiler knows its cells): OPTIMIZED|NEWLOCALS, NESTED, GENERATOR, COROUTINE,
  // ASYNC_GENERATOR, VARARGS, VARKEYWORDS for functions; 0 for module and class bodies.
  uint32_t code_flags() const;

 private:
  friend class SymtableBuilder;
  std::unordered_map<std::string_view, uint32_t> index_;  // name -> position in symbols
  // State of the visiting pass only (CPython's ste_comp_iter_expr / _target).
  struct VisitState {
    int comp_iter_expr = 0;         // > 0 inside a comprehension's iterable expression
    bool comp_iter_target = false;  // visiting a comprehension's `for` target
  } visit_;
};

class SymbolTable {
 public:
  Scope* top = nullptr;  // the module scope
  bool future_annotations = false;  // `from __future__ import annotations` was seen

  // The scope opened by `node` (FunctionDef, AsyncFunctionDef, ClassDef, Lambda,
  // ListComp, SetComp, DictComp, GeneratorExp, or the root), or null.
  Scope* scope_for(const ast::Node* node) const;

  // A text dump of every scope, one symbol a line, in CPython's `_symtable` terms
  // (for tests and the comparison with python3.11's symtable module).
  std::string dump() const;

 private:
  friend class SymtableBuilder;
  Arena arena_;  // the mangled names and other strings
  std::vector<std::unique_ptr<Scope>> scopes_;
  std::unordered_map<const ast::Node*, Scope*> by_node_;
};

struct SymtableOptions {
  // Annotations are then not evaluated (CPython gives them their own, dropped, scope).
  // When `detect_future` is set, it is also turned on by a `from __future__ import
  // annotations` among the module's leading future imports (as CPython's future.c).
  bool future_annotations = false;
  bool detect_future = true;
};

// Builds the symbol tables of a parsed root (Module, Interactive or Expression). On
// error returns null and fills `error` (message and the offending node's position as
// CPython 3.11 reports them; filename; text = the source line when `source` is given).
std::unique_ptr<SymbolTable> build_symtable(const ast::Node* root, std::string_view filename,
                                            std::string_view source, SyntaxErrorInfo& error,
                                            const SymtableOptions& options = {});

}  // namespace strata
