// frontend/ast_dump.cpp — STUB (dump helper replaces).
#include "frontend/ast_dump.h"
namespace strata::ast {
std::string dump(const Node* tree, bool, int) { return std::string(kind_name(tree->kind)) + "()"; }
}  // namespace strata::ast
