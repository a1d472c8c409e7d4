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
// it is), the layout of a node is decided before its children are written: its
// arguments are collected (scalars rendered, children counted one level down), then
// written straight into `out`, children through an explicit stack.
#include "frontend/ast_dump.h"

#include <charconv>
#include <vector>

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

// Counts the arguments a node prints, without looking below it.
struct Counter {
  int count = 0;
  void field(const char*, Node* v, bool optional) { count += !(optional && !v); }
  void field(const char*, const Str& v, bool optional) { count += !(optional && !v.present()); }
  template <class T>
  void field(const char*, const T&, bool) { ++count; }
};

// One printed argument of a node: its name and either text already rendered (scalars,
// lists of identifiers or comparison operators), one child node, or a list of nodes.
struct Item {
  enum Kind : uint8_t { Text, Child, List };
  Item() = default;
  Item(const char* n, Kind k) : name(n), kind(k) {}
  const char* name = nullptr;
  Kind kind = Text;
  uint32_t text_begin = 0, text_end = 0;  // in Dumper::texts_
  const Node* child = nullptr;
  NodeList list;
};

// A node being written: its items are items_[items_begin, items_end), `next` the one
// to write, and `in_list` set while the elements of a List item are being written.
struct Frame {
  int level;
  bool multiline;
  bool in_list = false;
  uint32_t items_begin, items_end, next;
  uint32_t list_index = 0;
  uint32_t texts_mark;
};

// Writes the dump with an explicit stack of frames rather than recursion, so that the
// depth of a tree (a chain of 100000 additions is a valid program) never meets the
// depth of the C++ stack.
class Dumper {
 public:
  Dumper(std::string& out, bool include_attributes, int indent)
      : out_(out), include_attributes_(include_attributes), indent_(indent) {}

  void run(const Node* root) {
    if (!root) {
      out_ += "None";
      return;
    }
    enter(root, 0);
    while (!frames_.empty()) {
      Frame& f = frames_.back();
      if (f.in_list) {
        const Item& it = items_[f.next];
        if (f.list_index < it.list.size) {
          separator(f.level + 1, indent_ >= 0, f.list_index == 0);
          const Node* e = it.list[f.list_index++];
          if (e) enter(e, f.level + 1);  // invalidates f
          else out_ += "None";
          continue;
        }
        out_ += ']';
        f.in_list = false;
        ++f.next;
        continue;
      }
      if (f.next < f.items_end) {
        const Item& it = items_[f.next];
        separator(f.level, f.multiline, f.next == f.items_begin);
        out_ += it.name;
        out_ += '=';
        switch (it.kind) {
          case Item::Text:
            out_.append(texts_, it.text_begin, it.text_end - it.text_begin);
            ++f.next;
            break;
          case Item::Child:
            ++f.next;
            if (it.child) enter(it.child, f.level);  // invalidates f
            else out_ += "None";
            break;
          case Item::List:
            if (it.list.empty()) {
              out_ += "[]";
              ++f.next;
            } else {
              out_ += '[';
              f.in_list = true;
              f.list_index = 0;
            }
            break;
        }
        continue;
      }
      out_ += ')';
      items_.resize(f.items_begin);
      texts_.resize(f.texts_mark);
      frames_.pop_back();
    }
  }

  // Collecting a node's items (the visitor of visit_fields).
  void field(const char* name, Node* v, bool optional) {
    if (optional && !v) return;
    Item it{name, Item::Child};
    it.child = v;
    if (v && !prints_nothing(v)) all_simple_ = false;
    items_.push_back(it);
  }
  void field(const char* name, const NodeList& v, bool) {
    Item it{name, Item::List};
    it.list = v;
    if (!v.empty()) all_simple_ = false;
    items_.push_back(it);
  }
  void field(const char* name, const IdentList& v, bool) {
    size_t begin = texts_.size();
    scalar_list(v.size, [&](uint32_t i) { append_str(texts_, v[i]); });
    text_item(name, begin);
    if (!v.empty()) all_simple_ = false;
  }
  void field(const char* name, const CmpOpList& v, bool) {
    size_t begin = texts_.size();
    scalar_list(v.size, [&](uint32_t i) { texts_ += kCmpOpNames[static_cast<int>(v[i])]; });
    text_item(name, begin);
    if (!v.empty()) all_simple_ = false;
  }
  void field(const char* name, const Str& v, bool optional) {
    if (optional && !v.present()) return;
    size_t begin = texts_.size();
    append_str(texts_, v);
    text_item(name, begin);
  }
  void field(const char* name, const ConstValue& v, bool) {
    size_t begin = texts_.size();
    append_const(texts_, v);
    text_item(name, begin);
  }
  void field(const char* name, int v, bool) { int_item(name, v); }
  void field(const char* name, ExprContext v, bool) {
    name_item(name, kExprContextNames[static_cast<int>(v)]);
  }
  void field(const char* name, BoolOpKind v, bool) {
    name_item(name, kBoolOpNames[static_cast<int>(v)]);
  }
  void field(const char* name, OperatorKind v, bool) {
    name_item(name, kOperatorNames[static_cast<int>(v)]);
  }
  void field(const char* name, UnaryOpKind v, bool) {
    name_item(name, kUnaryOpNames[static_cast<int>(v)]);
  }

 private:
  // ast.dump's _format entered for node `n` by a caller at `caller_level`: writes the
  // head, collects the items, decides the layout, pushes the frame.
  void enter(const Node* n, int caller_level) {
    out_ += kind_name(n->kind);
    out_ += '(';
    Frame f;
    f.level = caller_level + 1;
    f.items_begin = static_cast<uint32_t>(items_.size());
    f.texts_mark = static_cast<uint32_t>(texts_.size());
    level_ = f.level;
    all_simple_ = true;
    visit_fields(n, *this);
    if (include_attributes_ && is_located(n->kind)) {
      int_item("lineno", n->lineno);
      int_item("col_offset", n->col_offset);
      int_item("end_lineno", n->end_lineno);
      int_item("end_col_offset", n->end_col_offset);
    }
    f.items_end = static_cast<uint32_t>(items_.size());
    f.next = f.items_begin;
    f.multiline = !(all_simple_ && f.items_end - f.items_begin <= 3);
    frames_.push_back(f);
  }

  // Whether a child prints as `Name()`: what makes it "simple" to its parent.
  bool prints_nothing(const Node* n) const {
    if (include_attributes_ && is_located(n->kind)) return false;
    Counter c;
    visit_fields(n, c);
    return c.count == 0;
  }

  void text_item(const char* name, size_t begin) {
    Item it{name, Item::Text};
    it.text_begin = static_cast<uint32_t>(begin);
    it.text_end = static_cast<uint32_t>(texts_.size());
    items_.push_back(it);
  }
  void int_item(const char* name, int64_t v) {
    size_t begin = texts_.size();
    append_int(texts_, v);
    text_item(name, begin);
  }
  void name_item(const char* name, const char* text) {
    size_t begin = texts_.size();
    texts_ += text;
    text_item(name, begin);
  }

  // A list of scalars at the current node's level (its elements one level deeper).
  template <class F>
  void scalar_list(uint32_t size, F&& element) {
    if (size == 0) {
      texts_ += "[]";
      return;
    }
    texts_ += '[';
    for (uint32_t i = 0; i < size; ++i) {
      separator_into(texts_, level_ + 1, indent_ >= 0, i == 0);
      element(i);
    }
    texts_ += ']';
  }

  // ast.dump's prefix (before the first argument) and sep (between arguments).
  void separator_into(std::string& out, int level, bool multiline, bool first) const {
    if (indent_ >= 0 && multiline) {
      if (!first) out += ',';
      out += '\n';
      out.append(static_cast<size_t>(indent_) * level, ' ');
    } else if (!first) {
      out += ", ";
    }
  }
  void separator(int level, bool multiline, bool first) {
    separator_into(out_, level, multiline, first);
  }

  std::string& out_;
  bool include_attributes_;
  int indent_;
  std::vector<Frame> frames_;
  std::vector<Item> items_;
  std::string texts_;
  int level_ = 0;          // the level of the node whose items are being collected
  bool all_simple_ = true;  // so far, for that node
};

}  // namespace

std::string dump(const Node* tree, bool include_attributes, int indent) {
  std::string out;
  Dumper(out, include_attributes, indent).run(tree);
  return out;
}

}  // namespace strata::ast
