// frontend/strings.h — string literals: decoding escapes, implicit concatenation, and
// f-strings (their replacement fields are parsed by parse_fstring_expression).
#pragma once
#include <cstddef>

#include "frontend/arena.h"
#include "frontend/ast.h"
#include "frontend/diagnostic.h"
#include "frontend/token.h"

namespace strata {

// The atom for the adjacent STRING tokens [tokens, tokens + count): a Constant (str or
// bytes) or a JoinedStr, positioned as CPython positions it. Null on error, with
// `error` filled (message, line, columns; the caller sets filename and text).
// tokens[count] must be readable: like CPython's, errors found here point at the token
// after the run (the lexer's array always has one: the run is never last).
ast::Node* concatenate_strings(const Token* tokens, size_t count, Arena& arena,
                               SyntaxErrorInfo& error);

}  // namespace strata
