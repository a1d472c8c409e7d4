// frontend/parser.h — source to AST: the Bison grammar and what it builds.
#pragma once
#include <string_view>

#include "frontend/arena.h"
#include "frontend/ast.h"
#include "frontend/diagnostic.h"

namespace strata {

enum class ParseMode { Exec, Eval, Single, FuncType };

// compile()'s flags that change how Single input is read, with CPython's values (what
// codeop passes to decide whether interactive input is complete).
constexpr int kDontImplyDedent = 0x200;         // PyCF_DONT_IMPLY_DEDENT
constexpr int kAllowIncompleteInput = 0x4000;   // PyCF_ALLOW_INCOMPLETE_INPUT
// The message of the SyntaxError that kAllowIncompleteInput raises for input that ends
// before its statement does.
constexpr const char kIncompleteInput[] = "incomplete input";

// Parses `source` (raw bytes of a file or string: the coding declaration is honoured)
// into an AST allocated in `arena`. On a syntax error returns null and fills `error`
// (filename included). `flags`: the k* flags above (Single mode only).
ast::Node* parse(std::string_view source, std::string_view filename, ParseMode mode,
                 Arena& arena, SyntaxErrorInfo& error, int flags = 0);

}  // namespace strata

namespace strata {
struct LexOptions;

// Parses the expression of an f-string replacement field. `text` is what CPython's
// 3.11 parser hands its sub-parser for the field, and `options` positions its first
// character in the file. Used by frontend/strings.cpp.
ast::Node* parse_fstring_expression(std::string_view text, const LexOptions& options,
                                    Arena& arena, SyntaxErrorInfo& error);

}  // namespace strata
