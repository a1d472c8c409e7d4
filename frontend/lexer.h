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

// Whether CPython's tokenizer knows the encoding of these bytes (a UTF-8 BOM or a coding
// declaration); without one, its parser reports columns in bytes (SyntaxErrorInfo).
bool source_encoding_known(std::string_view raw);

// What CPython says when it decodes `bytes` as one piece of UTF-8 (a string literal's
// body, an identifier) in a source whose declared UTF-8 is not: the UnicodeDecodeError's
// text ("'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"), or ""
// when they are valid.
std::string utf8_decode_error(std::string_view bytes);
// `line` decoded with errors="replace", as CPython shows such a line.
std::string utf8_replace(std::string_view line);
// For an error CPython places at 1-based byte offset `offset` of a line it shows as
// `shown` (utf8_replace): the column into `shown` at which format_syntax_error points
// where CPython does.
int replaced_line_column(std::string_view shown, long offset);

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
