// frontend/source.cpp — STUB (lexer helper replaces): BOM, coding declarations, UTF-8.
#include "frontend/lexer.h"
namespace strata {
bool decode_source(std::string_view raw, std::string& utf8, SyntaxErrorInfo&) {
  utf8.assign(raw);
  return true;
}
}  // namespace strata
