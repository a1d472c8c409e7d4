// frontend/token.h — what the lexer hands the parser: kinds from frontend/tokens.def
// and one Token per lexeme with its exact source span.
#pragma once
#include <cstdint>

namespace strata {

enum class Tok : uint8_t {
#define TOKEN(name) name,
#define OP(name, text) name,
#define KEYWORD(name, word) name,
#define SOFT_KEYWORD(name, word) name,
#include "frontend/tokens.def"
#undef TOKEN
#undef OP
#undef KEYWORD
#undef SOFT_KEYWORD
};

const char* token_name(Tok kind);  // "NAME", "LPAR", "KW_IF", ...

// One token. Lines are 1-based; columns are 0-based UTF-8 byte offsets within the
// line, as CPython's. [start, end) is the token's byte range in the source buffer.
// For NEWLINE/INDENT/DEDENT/ENDMARKER the positions are CPython's tokenizer's.
struct Token {
  Tok kind;
  uint32_t start, end;
  int32_t lineno, col_offset, end_lineno, end_col_offset;
  // NAME: the identifier, NFKC-normalized when it is not ASCII (else points into the
  // source). Other tokens: the token's source text. Not NUL-terminated.
  const char* text;
  uint32_t text_len;
};

}  // namespace strata
