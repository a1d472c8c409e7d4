// frontend/compile_unparse.cpp — expressions back to source text, for annotations under
// `from __future__ import annotations`: the text CPython 3.11's Python/ast_unparse.c
// produces (minimal parentheses by operator precedence, repr() of constants, `1e309`
// for an infinite float literal).
#include <string>

#include "frontend/compiler_impl.h"
#include "frontend/pyrepr.h"

namespace strata::compiler_detail {

using namespace ast;

namespace {

// Operator precedence levels (ast_unparse.c's PR_*), weakest first.
enum Prec : int {
  PR_TUPLE, PR_TEST, PR_OR, PR_AND, PR_NOT, PR_CMP, PR_EXPR, PR_BOR = PR_EXPR, PR_BXOR,
  PR_BAND, PR_SHIFT, PR_ARITH, PR_TERM, PR_FACTOR, PR_POWER, PR_AWAIT, PR_ATOM,
};

class Unparser {
 public:
  explicit Unparser(std::string& out) : out_(out) {}
  const Node* unsupported = nullptr;  // a node this unparser cannot write (none expected)

  void expr(Node* e, int level) {
    switch (e->kind) {
      case Kind::BoolOp: {
        auto* b = static_cast<BoolOp*>(e);
        int pr = b->op == BoolOpKind::And ? PR_AND : PR_OR;
        open(level > pr);
        for (uint32_t i = 0; i < b->values.size; i++) {
          if (i) out_ += b->op == BoolOpKind::And ? " and " : " or ";
          expr(b->values[i], pr + 1);
        }
        close(level > pr);
        return;
      }
      case Kind::BinOp: {
        auto* b = static_cast<BinOp*>(e);
        static const char* const kOps[] = {" + ", " - ", " * ", " @ ", " / ", " % ", " ** ",
                                           " << ", " >> ", " | ", " ^ ", " & ", " // "};
        static const int kPrec[] = {PR_ARITH, PR_ARITH, PR_TERM, PR_TERM, PR_TERM, PR_TERM,
                                    PR_POWER, PR_SHIFT, PR_SHIFT, PR_BOR, PR_BXOR, PR_BAND,
                                    PR_TERM};
        int k = static_cast<int>(b->op);
        int pr = kPrec[k];
        int rassoc = b->op == OperatorKind::Pow;
        open(level > pr);
        expr(b->left, pr + rassoc);
        out_ += kOps[k];
        expr(b->right, pr + !rassoc);
        close(level > pr);
        return;
      }
      case Kind::UnaryOp: {
        auto* u = static_cast<UnaryOp*>(e);
        static const char* const kOps[] = {"~", "not ", "+", "-"};
        int pr = u->op == UnaryOpKind::Not ? PR_NOT : PR_FACTOR;
        open(level > pr);
        out_ += kOps[static_cast<int>(u->op)];
        expr(u->operand, pr);
        close(level > pr);
        return;
      }
      case Kind::Lambda: {
        auto* l = static_cast<Lambda*>(e);
        auto* a = static_cast<arguments*>(l->args);
        open(level > PR_TEST);
        bool any = a->posonlyargs.size || a->args.size || a->vararg || a->kwonlyargs.size ||
                   a->kwarg;
        out_ += any ? "lambda " : "lambda";
        args(a);
        out_ += ": ";
        expr(l->body, PR_TEST);
        close(level > PR_TEST);
        return;
      }
      case Kind::IfExp: {
        auto* i = static_cast<IfExp*>(e);
        open(level > PR_TEST);
        expr(i->body, PR_TEST + 1);
        out_ += " if ";
        expr(i->test, PR_TEST + 1);
        out_ += " else ";
        expr(i->orelse, PR_TEST);
        close(level > PR_TEST);
        return;
      }
      case Kind::Dict: {
        auto* d = static_cast<Dict*>(e);
        out_ += '{';
        for (uint32_t i = 0; i < d->values.size; i++) {
          if (i) out_ += ", ";
          if (d->keys[i]) {
            expr(d->keys[i], PR_TEST);
            out_ += ": ";
            expr(d->values[i], PR_TEST);
          } else {
            out_ += "**";
            expr(d->values[i], PR_EXPR);
          }
        }
        out_ += '}';
        return;
      }
      case Kind::Set: {
        auto* s = static_cast<Set*>(e);
        if (s->elts.empty()) {
          out_ += "{*()}";
          return;
        }
        out_ += '{';
        seq(s->elts);
        out_ += '}';
        return;
      }
      case Kind::List:
        out_ += '[';
        seq(static_cast<List*>(e)->elts);
        out_ += ']';
        return;
      case Kind::Tuple: {
        auto* t = static_cast<Tuple*>(e);
        if (t->elts.empty()) {
          out_ += "()";
          return;
        }
        open(level > PR_TUPLE);
        seq(t->elts);
        if (t->elts.size == 1) out_ += ',';
        close(level > PR_TUPLE);
        return;
      }
      case Kind::ListComp: {
        auto* c = static_cast<ListComp*>(e);
        out_ += '[';
        expr(c->elt, PR_TEST);
        comprehensions(c->generators);
        out_ += ']';
        return;
      }
      case Kind::SetComp: {
        auto* c = static_cast<SetComp*>(e);
        out_ += '{';
        expr(c->elt, PR_TEST);
        comprehensions(c->generators);
        out_ += '}';
        return;
      }
      case Kind::DictComp: {
        auto* c = static_cast<DictComp*>(e);
        out_ += '{';
        expr(c->key, PR_TEST);
        out_ += ": ";
        expr(c->value, PR_TEST);
        comprehensions(c->generators);
        out_ += '}';
        return;
      }
      case Kind::GeneratorExp: {
        auto* c = static_cast<GeneratorExp*>(e);
        out_ += '(';
        expr(c->elt, PR_TEST);
        comprehensions(c->generators);
        out_ += ')';
        return;
      }
      case Kind::Await:
        open(level > PR_AWAIT);
        out_ += "await ";
        expr(static_cast<Await*>(e)->value, PR_ATOM);
        close(level > PR_AWAIT);
        return;
      case Kind::Yield: {
        auto* y = static_cast<Yield*>(e);
        if (!y->value) {
          out_ += "(yield)";
          return;
        }
        out_ += "(yield ";
        expr(y->value, PR_TEST);
        out_ += ')';
        return;
      }
      case Kind::YieldFrom:
        out_ += "(yield from ";
        expr(static_cast<YieldFrom*>(e)->value, PR_TEST);
        out_ += ')';
        return;
      case Kind::Compare: {
        auto* c = static_cast<Compare*>(e);
        static const char* const kOps[] = {" == ", " != ", " < ", " <= ", " > ", " >= ",
                                           " is ", " is not ", " in ", " not in "};
        open(level > PR_CMP);
        expr(c->left, PR_CMP + 1);
        for (uint32_t i = 0; i < c->ops.size; i++) {
          out_ += kOps[static_cast<int>(c->ops[i])];
          expr(c->comparators[i], PR_CMP + 1);
        }
        close(level > PR_CMP);
        return;
      }
      case Kind::Call: {
        auto* c = static_cast<Call*>(e);
        expr(c->func, PR_ATOM);
        if (c->args.size == 1 && c->keywords.empty() && c->args[0]->kind == Kind::GeneratorExp) {
          expr(c->args[0], PR_TEST);  // f(x for x in y): the genexp's own parentheses
          return;
        }
        out_ += '(';
        bool first = true;
        for (Node* a : c->args) {
          if (!first) out_ += ", ";
          first = false;
          expr(a, PR_TEST);
        }
        for (Node* k : c->keywords) {
          if (!first) out_ += ", ";
          first = false;
          auto* kw = static_cast<keyword*>(k);
          if (kw->arg.present()) {
            out_ += sv(kw->arg);
            out_ += '=';
          } else {
            out_ += "**";
          }
          expr(kw->value, PR_TEST);
        }
        out_ += ')';
        return;
      }
      case Kind::Constant: {
        auto* c = static_cast<Constant*>(e);
        constant(c->value, c->kind.present());
        return;
      }
      case Kind::Attribute: {
        auto* a = static_cast<Attribute*>(e);
        expr(a->value, PR_ATOM);
        // `1 .real`: an int literal needs a space before the dot.
        auto* c = as<Constant>(a->value);
        bool is_int = c && (c->value.kind == ConstKind::Int || c->value.kind == ConstKind::BigInt);
        out_ += is_int ? " ." : ".";
        out_ += sv(a->attr);
        return;
      }
      case Kind::Subscript: {
        auto* s = static_cast<Subscript*>(e);
        expr(s->value, PR_ATOM);
        out_ += '[';
        int lvl = PR_TUPLE;
        if (auto* t = as<Tuple>(s->slice)) {
          for (Node* elt : t->elts)
            if (elt->kind == Kind::Starred) {
              lvl++;
              break;
            }
        }
        expr(s->slice, lvl);
        out_ += ']';
        return;
      }
      case Kind::Starred:
        out_ += '*';
        expr(static_cast<Starred*>(e)->value, PR_EXPR);
        return;
      case Kind::Name:
        out_ += sv(static_cast<Name*>(e)->id);
        return;
      case Kind::Slice: {
        auto* s = static_cast<Slice*>(e);
        if (s->lower) expr(s->lower, PR_TEST);
        out_ += ':';
        if (s->upper) expr(s->upper, PR_TEST);
        if (s->step) {
          out_ += ':';
          expr(s->step, PR_TEST);
        }
        return;
      }
      case Kind::NamedExpr: {
        auto* n = static_cast<NamedExpr*>(e);
        open(level > PR_TUPLE);
        expr(n->target, PR_ATOM);
        out_ += " := ";
        expr(n->value, PR_ATOM);
        close(level > PR_TUPLE);
        return;
      }
      case Kind::JoinedStr: {
        // f'...': the body as written (braces doubled), then its repr after an f.
        std::string body;
        fstring_body(static_cast<JoinedStr*>(e)->values, body);
        out_ += 'f';
        append_repr_str(out_, body);
        return;
      }
      case Kind::FormattedValue: {
        std::string body;
        formatted_value(static_cast<FormattedValue*>(e), body);
        out_ += 'f';
        append_repr_str(out_, body);
        return;
      }
      default:
        if (!unsupported) unsupported = e;
        return;
    }
  }

  // The text between an f-string's quotes (ast_unparse.c's build_fstring_body).
  void fstring_body(const NodeList& values, std::string& body) {
    for (Node* v : values) fstring_element(v, body);
  }
  void fstring_element(Node* v, std::string& body) {
    switch (v->kind) {
      case Kind::Constant: {
        std::string_view text = sv(static_cast<Constant*>(v)->value.text);
        for (char ch : text) {
          body += ch;
          if (ch == '{' || ch == '}') body += ch;
        }
        return;
      }
      case Kind::JoinedStr:  // a format spec
        fstring_body(static_cast<JoinedStr*>(v)->values, body);
        return;
      case Kind::FormattedValue:
        formatted_value(static_cast<FormattedValue*>(v), body);
        return;
      default:
        if (!unsupported) unsupported = v;
        return;
    }
  }
  void formatted_value(FormattedValue* f, std::string& body) {
    std::string inner;
    Unparser sub(inner);
    sub.expr(f->value, PR_TEST + 1);
    if (sub.unsupported && !unsupported) unsupported = sub.unsupported;
    // `{ {1: 2}}`: a space keeps the expression's brace from doubling the outer one.
    body += !inner.empty() && inner[0] == '{' ? "{ " : "{";
    body += inner;
    if (f->conversion == 'a') body += "!a";
    else if (f->conversion == 'r') body += "!r";
    else if (f->conversion == 's') body += "!s";
    if (f->format_spec) {
      body += ':';
      fstring_element(f->format_spec, body);
    }
    body += '}';
  }

 private:
  void open(bool b) {
    if (b) out_ += '(';
  }
  void close(bool b) {
    if (b) out_ += ')';
  }
  void seq(const NodeList& elts) {
    for (uint32_t i = 0; i < elts.size; i++) {
      if (i) out_ += ", ";
      expr(elts[i], PR_TEST);
    }
  }
  void comprehensions(const NodeList& gens) {
    for (Node* g : gens) {
      auto* c = static_cast<comprehension*>(g);
      out_ += c->is_async ? " async for " : " for ";
      expr(c->target, PR_TUPLE);
      out_ += " in ";
      expr(c->iter, PR_TEST + 1);
      for (Node* cond : c->ifs) {
        out_ += " if ";
        expr(cond, PR_TEST + 1);
      }
    }
  }
  void arg1(Node* a) {
    auto* p = static_cast<arg*>(a);
    out_ += sv(p->arg);
    if (p->annotation) {
      out_ += ": ";
      expr(p->annotation, PR_TEST);
    }
  }
  void args(arguments* a) {
    bool first = true;
    auto sep = [&] {
      if (!first) out_ += ", ";
      first = false;
    };
    uint32_t npos = a->posonlyargs.size, nargs = a->args.size, ndef = a->defaults.size;
    for (uint32_t i = 0; i < npos + nargs; i++) {
      sep();
      arg1(i < npos ? a->posonlyargs[i] : a->args[i - npos]);
      int64_t di = static_cast<int64_t>(i) - npos - nargs + ndef;
      if (di >= 0) {
        out_ += '=';
        expr(a->defaults[static_cast<uint32_t>(di)], PR_TEST);
      }
      if (npos && i + 1 == npos) out_ += ", /";
    }
    if (a->vararg || a->kwonlyargs.size) {
      sep();
      out_ += '*';
      if (a->vararg) arg1(a->vararg);
    }
    for (uint32_t i = 0; i < a->kwonlyargs.size; i++) {
      sep();
      arg1(a->kwonlyargs[i]);
      Node* d = i < a->kw_defaults.size ? a->kw_defaults[i] : nullptr;
      if (d) {
        out_ += '=';
        expr(d, PR_TEST);
      }
    }
    if (a->kwarg) {
      sep();
      out_ += "**";
      arg1(a->kwarg);
    }
  }
  void float_text(double v) {
    std::string s;
    append_repr_float(s, v);
    if (s == "inf") s = "1e309";  // an overflowing literal; repr's "inf" is a name
    out_ += s;
  }
  void constant(const ConstValue& v, bool u_prefix) {
    switch (v.kind) {
      case ConstKind::None: out_ += "None"; return;
      case ConstKind::True: out_ += "True"; return;
      case ConstKind::False: out_ += "False"; return;
      case ConstKind::Ellipsis: out_ += "..."; return;
      case ConstKind::Int: out_ += std::to_string(v.i); return;
      case ConstKind::BigInt: append_repr_int_text(out_, sv(v.text)); return;
      case ConstKind::Float: float_text(v.f); return;
      case ConstKind::Complex: {
        std::string s;
        append_repr_complex(s, v.f);
        if (s == "infj") s = "1e309j";
        out_ += s;
        return;
      }
      case ConstKind::Str:
        if (u_prefix) out_ += 'u';
        append_repr_str(out_, sv(v.text));
        return;
      case ConstKind::Bytes: append_repr_bytes(out_, sv(v.text)); return;
    }
  }

  std::string& out_;
};

}  // namespace

bool Compiler::unparse(Node* e, std::string& out) {
  Unparser u(out);
  u.expr(e, PR_TEST);
  if (u.unsupported)
    return fail(loc_of(u.unsupported), "internal compiler error: cannot unparse annotation");
  return true;
}

}  // namespace strata::compiler_detail
