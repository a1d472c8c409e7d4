// frontend/diagnostic.cpp — STUB (replaced next).
#include "frontend/diagnostic.h"
namespace strata {
std::string format_syntax_error(const SyntaxErrorInfo& e) {
  return "  File \"" + e.filename + "\", line " + std::to_string(e.lineno) + "\n" + e.type + ": " + e.msg + "\n";
}
std::string_view source_line(std::string_view source, int lineno) {
  size_t pos = 0;
  for (int i = 1; i < lineno && pos < source.size(); ++i) {
    size_t nl = source.find('\n', pos);
    if (nl == std::string_view::npos) return {};
    pos = nl + 1;
  }
  size_t nl = source.find('\n', pos);
  return source.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos + 1);
}
}  // namespace strata
