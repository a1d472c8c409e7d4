// frontend/lexer.re — STUB (lexer helper replaces).
#include "frontend/lexer.h"
namespace strata {
const char* token_name(Tok kind) {
  static const char* const names[] = {
#define TOKEN(name) #name,
#define OP(name, text) #name,
#define KEYWORD(name, word) #name,
#define SOFT_KEYWORD(name, word) #name,
#include "frontend/tokens.def"
#undef TOKEN
#undef OP
#undef KEYWORD
#undef SOFT_KEYWORD
  };
  return names[static_cast<int>(kind)];
}
LexResult tokenize(std::string_view source, Arena&, const LexOptions&) {
  LexResult r;
  uint32_t n = static_cast<uint32_t>(source.size());
  r.tokens.push_back(Token{Tok::ENDMARKER, n, n, 1, 0, 1, 0, source.data() + n, 0});
  return r;
}
}  // namespace strata
