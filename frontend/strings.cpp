// frontend/strings.cpp — STUB (strings helper replaces).
#include "frontend/strings.h"
namespace strata {
ast::Node* concatenate_strings(const Token*, size_t, Arena&, SyntaxErrorInfo& error) {
  error.msg = "string literals are not supported yet";
  return nullptr;
}
}  // namespace strata
