// frontend/ast.h — the abstract syntax tree. Node kinds and fields are generated from
// frontend/ast.def and mirror CPython 3.11's `ast` module. Every node lives in the
// Arena of its parse; nodes are plain data with no destructors.
#pragma once
#include <cstdint>

#include "frontend/arena.h"

namespace strata::ast {

// A sequence in the arena (CPython's asdl_seq).
template <class T>
struct Seq {
  T* items = nullptr;
  uint32_t size = 0;
  T* begin() const { return items; }
  T* end() const { return items + size; }
  T& operator[](uint32_t i) const { return items[i]; }
  bool empty() const { return size == 0; }
};

// A string in the arena, UTF-8. An empty Str (data == nullptr) is "no string" (None).
// Lone surrogates from escapes such as "\ud800" are stored as their 3-byte encodings.
struct Str {
  const char* data = nullptr;
  uint32_t size = 0;
  bool present() const { return data != nullptr; }
};
using Ident = Str;
using IdentList = Seq<Str>;

#define STRATA_EXPR_CONTEXTS(X) X(Load) X(Store) X(Del)
#define STRATA_BOOLOPS(X) X(And) X(Or)
#define STRATA_OPERATORS(X) X(Add) X(Sub) X(Mult) X(MatMult) X(Div) X(Mod) X(Pow) \
  X(LShift) X(RShift) X(BitOr) X(BitXor) X(BitAnd) X(FloorDiv)
#define STRATA_UNARYOPS(X) X(Invert) X(Not) X(UAdd) X(USub)
#define STRATA_CMPOPS(X) X(Eq) X(NotEq) X(Lt) X(LtE) X(Gt) X(GtE) X(Is) X(IsNot) X(In) X(NotIn)

#define STRATA_ENUMERATOR(name) name,
enum class ExprContext : uint8_t { STRATA_EXPR_CONTEXTS(STRATA_ENUMERATOR) };
enum class BoolOpKind : uint8_t { STRATA_BOOLOPS(STRATA_ENUMERATOR) };
enum class OperatorKind : uint8_t { STRATA_OPERATORS(STRATA_ENUMERATOR) };
enum class UnaryOpKind : uint8_t { STRATA_UNARYOPS(STRATA_ENUMERATOR) };
enum class CmpOpKind : uint8_t { STRATA_CMPOPS(STRATA_ENUMERATOR) };
#undef STRATA_ENUMERATOR
using CmpOpList = Seq<CmpOpKind>;

// A literal value (the `value` of a Constant or MatchSingleton node).
enum class ConstKind : uint8_t {
  None, True, False, Ellipsis,
  Int,      // i
  BigInt,   // text: decimal digits of a value that does not fit int64_t
  Float,    // f
  Complex,  // f: the imaginary part (a literal is always purely imaginary)
  Str,      // text: UTF-8
  Bytes,    // text: raw bytes
};
struct ConstValue {
  ConstKind kind = ConstKind::None;
  int64_t i = 0;
  double f = 0;
  Str text;
};

enum class Kind : uint8_t {
#define NODE(name, located, fields) name,
#include "frontend/ast.def"
#undef NODE
};
inline constexpr int kKindCount = 0
#define NODE(name, located, fields) +1
#include "frontend/ast.def"
#undef NODE
    ;

// Whether nodes of a kind carry a location (CPython's _attributes).
bool is_located(Kind kind);
const char* kind_name(Kind kind);

// The common header. Positions: lines are 1-based, columns are 0-based UTF-8 byte
// offsets into the line, as CPython's.
struct Node {
  Kind kind;
  int32_t lineno = 0, col_offset = 0, end_lineno = 0, end_col_offset = 0;
};
using NodeList = Seq<Node*>;

#define FIELD(type, name) type name{};
#define OPT(type, name) type name{};
#define NODE(Name, located, fields)            \
  struct Name : Node {                         \
    static constexpr Kind kKind = Kind::Name;  \
    fields                                     \
  };
#include "frontend/ast.def"
#undef NODE
#undef OPT
#undef FIELD

// A new node of type T in the arena, all fields empty.
template <class T>
T* make(Arena& arena, int32_t lineno, int32_t col_offset, int32_t end_lineno,
        int32_t end_col_offset) {
  T* n = new (arena.allocate(sizeof(T), alignof(T))) T();
  static_cast<Node*>(n)->kind = T::kKind;  // Constant has a field named kind
  n->lineno = lineno;
  n->col_offset = col_offset;
  n->end_lineno = end_lineno;
  n->end_col_offset = end_col_offset;
  return n;
}

// The node as T, when it is of T's kind; else null.
template <class T>
T* as(Node* n) { return n && n->kind == T::kKind ? static_cast<T*>(n) : nullptr; }

}  // namespace strata::ast
