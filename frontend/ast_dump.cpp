// frontend/ast_dump.cpp — the text of CPython 3.11's ast.dump(node, include_attributes,
// indent) for our AST, driven by frontend/ast.def.
//
// ast.dump's layout rule: a node prints on one line when it has at most three printed
// arguments and every argument is "simple" (a scalar, an empty list, or a node that
// itself printed no arguments, such as Load()); otherwise each argument goes on its own
// line at the next indentation level. Lists print one element per line whenever they
// are not empty. Optional (`?`) fields that are empty are left out; required fields
// that are empty print as None.
//
// Because simplicity of a child depends only on its own field count (not on how deep
// it is), the layout of a node is decided before its children are written: a cheap
// counting pass over the node's fields, then one writing pass straight into `out`.
#include "frontend/ast_dump.h"

#include <charconv>

#include "frontend/pyrepr.h"

namespace strata::ast {

namespace {

constexpr const char* kExprContextNames[] = {
#define X(name) #name "()",
    STRATA_EXPR_CONTEXTS(X)
#undef X
};
constexpr const char* kBoolOpNames[] = {
#define X(name) #name "()",
    STRATA_BOOLOPS(X)
#undef X
};
constexpr const char* kOperatorNames[] = {
#define X(name) #name "()",
    STRATA_OPERATORS(X)
#undef X
};
constexpr const char* kUnaryOpNames[] = {
#define X(name) #name "()",
    STRATA_UNARYOPS(X)
#undef X
};
constexpr const char* kCmpOpNames[] = {
#define X(name) #name "()",
    STRATA_CMPOPS(X)
#undef X
};

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_const(std::string& out, const ConstValue& v) {
  switch (v.kind) {
    case ConstKind::None: out += "None"; break;
    case ConstKind::True: out += "True"; break;
    case ConstKind::False: out += "False"; break;
    case ConstKind::Ellipsis: out += "Ellipsis"; break;
    case ConstKind::Int: append_int(out, v.i); break;
    case ConstKind::BigInt:
      append_repr_int_text(out, std::string_view(v.text.data ? v.text.data : "", v.text.size));
      break;
    case ConstKind::Float: append_repr_float(out, v.f); break;
    case ConstKind::Complex: append_repr_complex(out, v.f); break;
    case ConstKind::Str:
      append_repr_str(out, std::string_view(v.text.data ? v.text.data : "", v.text.size));
      break;
    case ConstKind::Bytes:
      append_repr_bytes(out, std::string_view(v.text.data ? v.text.data : "", v.text.size));
      break;
  }
}

void append_str(std::string& out, const Str& s) {
  if (!s.present()) {
    out += "None";
    return;
  }
  append_repr_str(out, std::string_view(s.data, s.size));
}

// Calls v.field(name, value, optional) for each field of `n` in ast.def's order.
template <class V>
void visit_fields(const Node* n, V& v) {
  switch (n->kind) {
#define FIELD(type, name) v.field(#name, node->name, false);
#define OPT(type, name) v.field(#name, node->name, true);
#define NODE(Name, located, fields)                   \
  case Kind::Name: {                                  \
    [[maybe_unused]] auto* node = static_cast<const Name*>(n); \
    fields                                            \
    break;                                            \
  }
#include "frontend/ast.def"
#undef NODE
#undef OPT
#undef FIELD
  }
}

bool omitted(const Node* v, bool optional) { return optional && v == nullptr; }
bool omitted(const Str& v, bool optional) { return optional && !v.present(); }

// Counting pass: how many arguments a node prints, and whether all are simple.
struct Measure {
  bool include_attributes;
  int count = 0;
  bool all_simple = true;

  void field(const char*, Node* v, bool optional) {
    if (optional && !v) return;
    ++count;
    if (v && !prints_nothing(v)) all_simple = false;
  }
  void field(const char*, const NodeList& v, bool) { ++count; if (!v.empty()) all_simple = false; }
  void field(const char*, const IdentList& v, bool) { ++count; if (!v.empty()) all_simple = false; }
  void field(const char*, const CmpOpList& v, bool) { ++count; if (!v.empty()) all_simple = false; }
  void field(const char*, const Str& v, bool optional) { if (!omitted(v, optional)) ++count; }
  template <class T>
  void field(const char*, const T&, bool) { ++count; }

  bool prints_nothing(const Node* n) const;
};

bool Measure::prints_nothing(const Node* n) const {
  if (include_attributes && is_located(n->kind)) return false;
  Measure m{include_attributes};
  visit_fields(n, m);
  return m.count == 0;
}

class Dumper {
 public:
  Dumper(std::string& out, bool include_attributes, int indent)
      : out_(out), include_attributes_(include_attributes), indent_(indent) {}

  // ast.dump's _format for a node, `level` being the caller's level.
  void node(const Node* n, int level) {
    if (!n) {
      out_ += "None";
      return;
    }
    Measure m{include_attributes_};
    visit_fields(n, m);
    bool located = include_attributes_ && is_located(n->kind);
    if (located) {
      m.count += 4;
    }
    out_ += kind_name(n->kind);
    out_ += '(';
    ++level;
    Fields f{*this, level, !(m.all_simple && m.count <= 3), true};
    visit_fields(n, f);
    if (located) {
      f.attribute("lineno", n->lineno);
      f.attribute("col_offset", n->col_offset);
      f.attribute("end_lineno", n->end_lineno);
      f.attribute("end_col_offset", n->end_col_offset);
    }
    out_ += ')';
  }

 private:
  // The writing pass over one node's fields.
  struct Fields {
    Dumper& d;
    int level;
    bool multiline;
    bool first;

    void begin(const char* name) {
      d.separator(level, multiline, first);
      first = false;
      d.out_ += name;
      d.out_ += '=';
    }
    void attribute(const char* name, int64_t v) {
      begin(name);
      append_int(d.out_, v);
    }
    void field(const char* name, const Node* v, bool optional) {
      if (omitted(v, optional)) return;
      begin(name);
      d.node(v, level);
    }
    void field(const char* name, const NodeList& v, bool) {
      begin(name);
      d.list(v.size, level, [&](uint32_t i) { d.node(v[i], level + 1); });
    }
    void field(const char* name, const IdentList& v, bool) {
      begin(name);
      d.list(v.size, level, [&](uint32_t i) { append_str(d.out_, v[i]); });
    }
    void field(const char* name, const CmpOpList& v, bool) {
      begin(name);
      d.list(v.size, level,
             [&](uint32_t i) { d.out_ += kCmpOpNames[static_cast<int>(v[i])]; });
    }
    void field(const char* name, const Str& v, bool optional) {
      if (omitted(v, optional)) return;
      begin(name);
      append_str(d.out_, v);
    }
    void field(const char* name, const ConstValue& v, bool) {
      begin(name);
      append_const(d.out_, v);
    }
    void field(const char* name, int v, bool) {
      begin(name);
      append_int(d.out_, v);
    }
    void field(const char* name, ExprContext v, bool) {
      begin(name);
      d.out_ += kExprContextNames[static_cast<int>(v)];
    }
    void field(const char* name, BoolOpKind v, bool) {
      begin(name);
      d.out_ += kBoolOpNames[static_cast<int>(v)];
    }
    void field(const char* name, OperatorKind v, bool) {
      begin(name);
      d.out_ += kOperatorNames[static_cast<int>(v)];
    }
    void field(const char* name, UnaryOpKind v, bool) {
      begin(name);
      d.out_ += kUnaryOpNames[static_cast<int>(v)];
    }
  };

  // A list's elements are formatted at the list's own level + 1 (ast.dump increments
  // the level when it formats the list, and hands that level to each element).
  template <class F>
  void list(uint32_t size, int level, F&& element) {
    if (size == 0) {
      out_ += "[]";
      return;
    }
    out_ += '[';
    bool multiline = indent_ >= 0;
    for (uint32_t i = 0; i < size; ++i) {
      separator(level + 1, multiline, i == 0);
      element(i);
    }
    out_ += ']';
  }

  // ast.dump's prefix (before the first argument) and sep (between arguments).
  void separator(int level, bool multiline, bool first) {
    if (indent_ >= 0 && multiline) {
      if (!first) out_ += ',';
      out_ += '\n';
      out_.append(static_cast<size_t>(indent_) * level, ' ');
    } else if (!first) {
      out_ += ", ";
    }
  }

  std::string& out_;
  bool include_attributes_;
  int indent_;
};

}  // namespace

std::string dump(const Node* tree, bool include_attributes, int indent) {
  std::string out;
  Dumper(out, include_attributes, indent).node(tree, 0);
  return out;
}

}  // namespace strata::ast
