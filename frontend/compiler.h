// frontend/compiler.h — AST to code objects: walks the tree of one parse (with the
// scopes of frontend/symtable.h) and emits CPython 3.12's instructions into the
// assembler's instruction sequences (frontend/assembler.h), one per function, class,
// lambda, comprehension and the module. Comprehensions keep 3.11's semantics: each is
// a nested function (<listcomp>, <genexpr>, ...) taking its first iterator as `.0`.
#pragma once
#include <memory>
#include <string_view>

#include "frontend/ast.h"
#include "frontend/code.h"
#include "frontend/diagnostic.h"
#include "frontend/parser.h"

namespace strata {

struct CompileOptions {
  // sys.flags.optimize: 1 drops asserts and makes __debug__ false; 2 also drops
  // docstrings.
  int optimize = 0;
  // The source the tree was parsed from; when given, a compile error's `text` is its
  // line (as SyntaxError.text). When empty, the caller fills `text` itself.
  std::string_view source;
};

// Compiles the tree that parse() returned for `mode` (Exec: Module, Eval: Expression,
// Single: Interactive). The result is the top-level code object; nested code objects
// are Const{tag = Code} entries of their parent's co_consts. On an error (symtable or
// compiler: "'return' outside function", ...) returns null and fills `error` with
// CPython 3.11's message, the offending node's position and `filename`.
std::shared_ptr<CodeObject> compile(ast::Node* module, std::string_view filename,
                                    ParseMode mode, SyntaxErrorInfo& error,
                                    const CompileOptions& options = {});

}  // namespace strata
