// frontend/ast_dump.h — the text of CPython 3.11's ast.dump() for our AST.
#pragma once
#include <string>

#include "frontend/ast.h"

namespace strata::ast {

// As ast.dump(tree, include_attributes=..., indent=...); indent < 0 means None (one line).
std::string dump(const Node* tree, bool include_attributes, int indent);

}  // namespace strata::ast
