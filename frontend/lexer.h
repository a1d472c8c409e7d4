// frontend/lexer.h — the tokenizer (re2c): source bytes to a complete token array,
// with CPython's INDENT/DEDENT/NEWLINE rules and its tokenizer errors.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "frontend/arena.h"
#include "frontend/diagnostic.h"
#include "frontend/token.h"

namespace strata {

// The source as the lexer reads it: UTF-8, after the BOM and coding declaration were
// dealt with. Returns false (and fills `error`) for an unknown encoding or bytes that
// are not valid in it.
bool decode_source(std::string_view raw, std::string& utf8, SyntaxErrorInfo& error);

struct LexOptions {
  int first_lineno = 1;   // line number of the first line (f-string expressions)
  int first_col = 0;      // column added to positions on the first line
  bool interactive = false;
};

struct LexResult {
  std::vector<Token> tokens;  // ends with ENDMARKER, or with ERRORTOKEN on error
  SyntaxErrorInfo error;      // when tokens.back().kind == Tok::ERRORTOKEN
};

// `source` is UTF-8 (see decode_source) and must outlive the tokens; identifiers that
// need normalizing are copied into `arena`.
LexResult tokenize(std::string_view source, Arena& arena, const LexOptions& options = {});

}  // namespace strata
