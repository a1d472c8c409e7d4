// frontend/ast.cpp — per-kind facts generated from frontend/ast.def.
#include "frontend/ast.h"

namespace strata::ast {

namespace {
constexpr const char* kNames[] = {
#define NODE(name, located, fields) #name,
#include "frontend/ast.def"
#undef NODE
};
constexpr bool kLocated[] = {
#define NODE(name, located, fields) located,
#include "frontend/ast.def"
#undef NODE
};
}  // namespace

const char* kind_name(Kind kind) { return kNames[static_cast<int>(kind)]; }
bool is_located(Kind kind) { return kLocated[static_cast<int>(kind)]; }

}  // namespace strata::ast
