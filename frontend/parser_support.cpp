// frontend/parser_support.cpp — the parser's side of the grammar: the token feed
// (soft keywords, the parenthesized with-item list), the node builders that the
// grammar's actions call, target validation with CPython's messages, the choice of a
// syntax error's message and location, and the entry points parse() and
// parse_fstring_expression().
#include "frontend/parser_support.h"

#include <gmp.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "frontend/lexer.h"
#include "frontend/parser.h"
#include "frontend/strings.h"

namespace strata {

// From the generated parser (parser.y's epilogue).
extern const int kTokToBison[];
extern const int kBisonStartFile, kBisonStartEval, kBisonStartSingle, kBisonStartFstring,
    kBisonStartFuncType, kBisonLparWith;
int run_bison(ParserState* ps);

using namespace ast;

namespace {

std::string format(const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return buf;
}

bool str_is(Str s, const char* word) {
  size_t n = std::strlen(word);
  return s.size == n && std::memcmp(s.data, word, n) == 0;
}

bool is_const(const Node* e, ConstKind k) {
  auto* c = e && e->kind == Kind::Constant ? static_cast<const Constant*>(e) : nullptr;
  return c && c->value.kind == k;
}

}  // namespace

// -- Errors ---------------------------------------------------------------------------

void ParserState::raise(const char* type, int lineno, int col, int end_lineno, int end_col,
                        std::string msg) {
  if (failed) return;
  failed = true;
  SyntaxErrorInfo& e = *error;
  e.type = type;
  e.msg = fstring ? "f-string: " + msg : std::move(msg);
  e.lineno = lineno;
  e.col_offset = col;
  e.end_lineno = end_lineno;
  e.end_col_offset = end_col;
  e.text = std::string(source_line(source, lineno));
}

void ParserState::raise_node(const Node* n, std::string msg) {
  raise("SyntaxError", n->lineno, n->col_offset, n->end_lineno, n->end_col_offset,
        std::move(msg));
}

void ParserState::raise_range(const Node* a, const Node* b, std::string msg) {
  raise("SyntaxError", a->lineno, a->col_offset, b->end_lineno, b->end_col_offset,
        std::move(msg));
}

void ParserState::raise_tok(int first, int last, std::string msg, const char* type) {
  const Token& a = toks[first];
  const Token& b = toks[last];
  raise(type, a.lineno, a.col_offset, b.end_lineno, b.end_col_offset, std::move(msg));
}

// -- Expressions --------------------------------------------------------------------

Node* make_name(ParserState* ps, int tok) {
  auto* n = mk<Name>(ps, Loc{tok, tok});
  n->id = ps->text(tok);
  return n;
}

Node* make_constant(ParserState* ps, Loc l, ConstKind kind) {
  auto* n = mk<Constant>(ps, l);
  n->value.kind = kind;
  return n;
}

// A NUMBER token's value: int (int64 or, beyond, decimal digits), float or imaginary.
Node* make_number(ParserState* ps, int tok) {
  auto* n = mk<Constant>(ps, Loc{tok, tok});
  const Token& t = ps->toks[tok];
  char small[128];
  std::string big;
  char* s = small;
  if (t.text_len + 1 > sizeof small) {
    big.resize(t.text_len + 1);
    s = big.data();
  }
  size_t len = 0;
  for (uint32_t i = 0; i < t.text_len; ++i) {
    if (t.text[i] != '_') s[len++] = t.text[i];
  }
  s[len] = 0;
  ConstValue& v = n->value;
  if (len && (s[len - 1] == 'j' || s[len - 1] == 'J')) {
    s[len - 1] = 0;
    v.kind = ConstKind::Complex;
    v.f = std::strtod(s, nullptr);
    return n;
  }
  int base = 10;
  const char* digits = s;
  if (len > 1 && s[0] == '0') {
    char p = s[1] | 0x20;
    if (p == 'x') base = 16;
    else if (p == 'o') base = 8;
    else if (p == 'b') base = 2;
    if (base != 10) digits = s + 2;
  }
  if (base == 10) {
    for (size_t i = 0; i < len; ++i) {
      char c = s[i] | 0x20;
      if (c == '.' || c == 'e') {
        v.kind = ConstKind::Float;
        v.f = std::strtod(s, nullptr);
        return n;
      }
    }
  }
  // An integer: int64 when it fits, else decimal digits computed with GMP.
  uint64_t acc = 0;
  bool fits = true;
  for (const char* p = digits; *p; ++p) {
    int d = *p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10;
    if (acc > (uint64_t(INT64_MAX) - uint64_t(d)) / uint64_t(base)) {
      fits = false;
      break;
    }
    acc = acc * base + d;
  }
  if (fits) {
    v.kind = ConstKind::Int;
    v.i = static_cast<int64_t>(acc);
    return n;
  }
  mpz_t z;
  mpz_init(z);
  mpz_set_str(z, digits, base);
  char* dec = mpz_get_str(nullptr, 10, z);
  size_t dlen = std::strlen(dec);
  v.kind = ConstKind::BigInt;
  v.text = Str{ps->arena.copy(dec, dlen), static_cast<uint32_t>(dlen)};
  void (*freefunc)(void*, size_t);
  mp_get_memory_functions(nullptr, nullptr, &freefunc);
  freefunc(dec, dlen + 1);
  mpz_clear(z);
  return n;
}

Node* make_strings(ParserState* ps, Loc l) {
  SyntaxErrorInfo err;
  Node* n = concatenate_strings(ps->toks + l.first, static_cast<size_t>(l.last - l.first + 1),
                                ps->arena, err);
  if (!n && !ps->failed) {
    ps->failed = true;
    *ps->error = err;
    if (ps->error->type.empty()) ps->error->type = "SyntaxError";
    if (ps->error->text.empty() && ps->error->lineno > 0) {
      ps->error->text = std::string(source_line(ps->source, ps->error->lineno));
    }
  }
  return n;
}

Node* make_binop(ParserState* ps, Loc l, Node* a, OperatorKind op, Node* b) {
  auto* n = mk<BinOp>(ps, l);
  n->left = a;
  n->op = op;
  n->right = b;
  return n;
}

Node* make_unary(ParserState* ps, Loc l, UnaryOpKind op, Node* a) {
  auto* n = mk<UnaryOp>(ps, l);
  n->op = op;
  n->operand = a;
  return n;
}

Node* make_boolop(ParserState* ps, Loc l, BoolOpKind op, NodeVec* values) {
  auto* n = mk<BoolOp>(ps, l);
  n->op = op;
  n->values = to_seq(values);
  return n;
}

Node* make_starred(ParserState* ps, Loc l, Node* value) {
  auto* n = mk<Starred>(ps, l);
  n->value = value;
  return n;
}

Node* make_tuple_or_item(ParserState* ps, Loc l, NodeVec* items) {
  if (items->size == 1 && !items->comma) return items->items[0];
  auto* t = mk<Tuple>(ps, l);
  t->elts = to_seq(items);
  return t;
}

Node* make_paren(ParserState* ps, Loc l, NodeVec* items) {
  if (items->size == 1 && !items->comma) {
    Node* e = items->items[0];
    if (e->kind == Kind::Starred) {
      ps->raise_node(e, "cannot use starred expression here");
      return nullptr;
    }
    return e;
  }
  auto* t = mk<Tuple>(ps, l);
  t->elts = to_seq(items);
  return t;
}

Node* make_named(ParserState* ps, Loc l, Node* target, Node* value) {
  if (target->kind != Kind::Name || ps->toks[l.first].kind != Tok::NAME) {
    ps->raise_node(target, format("cannot use assignment expressions with %s", expr_name(target)));
    return nullptr;
  }
  static_cast<Name*>(target)->ctx = ExprContext::Store;
  auto* n = mk<NamedExpr>(ps, l);
  n->target = target;
  n->value = value;
  return n;
}

CallArg make_keyword_arg(ParserState* ps, Loc l, Node* name, Loc nl, int eq, Node* value,
                         bool* ok) {
  *ok = false;
  if (nl.first == nl.last) {
    Tok k = ps->toks[nl.first].kind;
    if (k == Tok::NAME) {
      auto* kw = mk<keyword>(ps, l);
      kw->arg = ps->text(nl.first);
      kw->value = value;
      *ok = true;
      return CallArg{ArgKind::Keyword, kw, l};
    }
    if (k == Tok::KW_TRUE || k == Tok::KW_FALSE || k == Tok::KW_NONE) {
      const Token& t = ps->toks[nl.first];
      ps->raise_tok(nl.first, eq, format("cannot assign to %.*s", int(t.text_len), t.text));
      return CallArg{};
    }
  }
  const Token& e = ps->toks[eq];
  ps->raise("SyntaxError", name->lineno, name->col_offset, e.end_lineno, e.end_col_offset,
            "expression cannot contain assignment, perhaps you meant \"==\"?");
  return CallArg{};
}

// Sorts the arguments as written into a Call's args and keywords, with CPython's
// checks on their order. `func` is null for a class's bases.
Node* make_call(ParserState* ps, Loc l, Node* func, ArgVec* args, int rpar) {
  auto* call = mk<Call>(ps, l);
  call->func = func;
  if (!args) return call;
  uint32_t n = args->size;
  NodeVec* pos = list_new<Node*>(ps->arena, n);
  NodeVec* kws = nullptr;
  bool seen_kw = false, seen_dstar = false;
  for (uint32_t i = 0; i < n; ++i) {
    CallArg& a = args->items[i];
    switch (a.kind) {
      case ArgKind::BareGenexp:
        if (n > 1 || args->comma || !func) {
          if (n == 1 && !func) {
            ps->report_syntax_error(a.loc.last + 1);
            return nullptr;
          }
          if (n == 1) {
            // `f(x for x in y,)`: CPython rejects the trailing comma as invalid syntax.
            ps->report_syntax_error(a.loc.last + 1);
            return nullptr;
          }
          auto* g = static_cast<GeneratorExp*>(a.node);
          Node* last = g->generators[g->generators.size - 1];
          auto* comp = static_cast<comprehension*>(last);
          Node* end = comp->ifs.size ? comp->ifs[comp->ifs.size - 1] : comp->iter;
          ps->raise_range(g->elt, end, "Generator expression must be parenthesized");
          return nullptr;
        }
        // The sole argument: the generator expression spans the call's parentheses.
        ps->locate(a.node, Loc{a.loc.first - 1, rpar});
        [[fallthrough]];
      case ArgKind::Positional:
        if (seen_kw || seen_dstar) {
          ps->raise_tok(rpar, rpar, seen_dstar
                                        ? "positional argument follows keyword argument unpacking"
                                        : "positional argument follows keyword argument");
          return nullptr;
        }
        list_push(ps->arena, pos, a.node);
        break;
      case ArgKind::Star:
        if (seen_dstar) {
          ps->raise("SyntaxError", a.node->lineno, a.node->col_offset, a.node->lineno,
                    a.node->col_offset + 1,
                    "iterable argument unpacking follows keyword argument unpacking");
          return nullptr;
        }
        list_push(ps->arena, pos, a.node);
        break;
      case ArgKind::Keyword:
      case ArgKind::DoubleStar:
        if (a.kind == ArgKind::Keyword) seen_kw = true;
        else seen_dstar = true;
        if (!kws) kws = list_new<Node*>(ps->arena, n);
        list_push(ps->arena, kws, a.node);
        break;
    }
  }
  call->args = to_seq(pos);
  call->keywords = to_seq(kws);
  return call;
}

Node* make_subscript(ParserState* ps, Loc l, Node* value, NodeVec* slices, Loc sl) {
  auto* n = mk<Subscript>(ps, l);
  n->value = value;
  if (slices->size == 1 && !slices->comma && slices->items[0]->kind != Kind::Starred) {
    n->slice = slices->items[0];
  } else {
    auto* t = mk<Tuple>(ps, sl);
    t->elts = to_seq(slices);
    n->slice = t;
  }
  return n;
}

arg* make_arg(ParserState* ps, Loc l, int name, Node* annotation) {
  auto* a = mk<arg>(ps, l);
  a->arg = ps->text(name);
  a->annotation = annotation;
  return a;
}

// Sorts parameters as written into an `arguments`, raising CPython 3.11's messages for
// the orders its grammar rejects.
Node* make_arguments(ParserState* ps, ParamVec* params, bool lambda) {
  auto* out = mk0<arguments>(ps);
  if (!params) return out;
  uint32_t n = params->size;
  NodeVec* posonly = nullptr;
  NodeVec* args = list_new<Node*>(ps->arena, n);
  NodeVec* defaults = nullptr;
  NodeVec* kwonly = nullptr;
  NodeVec* kwdefaults = nullptr;
  enum { kPositional, kKeywordOnly, kAfterKwargs } state = kPositional;
  bool seen_default = false;
  int bare_star = -1;
  for (uint32_t i = 0; i < n; ++i) {
    Param& p = params->items[i];
    if (state == kAfterKwargs) {
      ps->raise_tok(p.tok, p.tok, "arguments cannot follow var-keyword argument");
      return nullptr;
    }
    switch (p.kind) {
      case ParamKind::Slash:
        if (state == kKeywordOnly) {
          ps->raise_tok(p.tok, p.tok, "/ must be ahead of *");
          return nullptr;
        }
        if (posonly) {
          ps->raise_tok(p.tok, p.tok, "/ may appear only once");
          return nullptr;
        }
        if (args->size == 0) {
          bool comma = p.tok + 1 < ps->ntoks && ps->toks[p.tok + 1].kind == Tok::COMMA;
          ps->raise_tok(p.tok, p.tok,
                        comma ? "at least one argument must precede /" : "invalid syntax");
          return nullptr;
        }
        posonly = args;
        args = list_new<Node*>(ps->arena, n);
        break;
      case ParamKind::Plain:
        if (state == kPositional) {
          if (p.def) {
            seen_default = true;
            if (!defaults) defaults = list_new<Node*>(ps->arena, n);
            list_push(ps->arena, defaults, p.def);
          } else if (seen_default) {
            ps->raise_node(p.arg, "non-default argument follows default argument");
            return nullptr;
          }
          list_push(ps->arena, args, static_cast<Node*>(p.arg));
        } else {
          if (!kwonly) {
            kwonly = list_new<Node*>(ps->arena, n);
            kwdefaults = list_new<Node*>(ps->arena, n);
          }
          list_push(ps->arena, kwonly, static_cast<Node*>(p.arg));
          list_push(ps->arena, kwdefaults, p.def);
        }
        break;
      case ParamKind::Star:
        if (state == kKeywordOnly) {
          ps->raise_tok(p.tok, p.tok, "* argument may appear only once");
          return nullptr;
        }
        state = kKeywordOnly;
        out->vararg = p.arg;
        if (!p.arg) bare_star = p.tok;
        break;
      case ParamKind::DoubleStar:
        if (bare_star >= 0 && !kwonly) {
          int at = lambda ? p.tok : bare_star;
          ps->raise_tok(at, at, "named arguments must follow bare *");
          return nullptr;
        }
        out->kwarg = p.arg;
        state = kAfterKwargs;
        break;
    }
  }
  if (bare_star >= 0 && !kwonly) {
    // A lambda's grammar has no location for this error: CPython points at the token
    // after `*` or after `*,`.
    int at = bare_star;
    if (lambda) at = ps->toks[bare_star + 1].kind == Tok::COMMA ? bare_star + 2 : bare_star + 1;
    ps->raise_tok(at, at, "named arguments must follow bare *");
    return nullptr;
  }
  out->posonlyargs = to_seq(posonly);
  out->args = to_seq(args);
  out->defaults = to_seq(defaults);
  out->kwonlyargs = to_seq(kwonly);
  out->kw_defaults = to_seq(kwdefaults);
  return out;
}

Node* make_comprehension(ParserState* ps, NodeVec* targets, Loc tl, Node* iter, NodeVec* ifs,
                         bool is_async) {
  Node* t = make_tuple_or_item(ps, tl, targets);
  if (!set_target(ps, t, ExprContext::Store, Targets::For)) return nullptr;
  auto* c = mk0<comprehension>(ps);
  c->target = t;
  c->iter = iter;
  c->ifs = to_seq(ifs);
  c->is_async = is_async;
  return c;
}

Node* make_dotted(ParserState* ps, Loc l) {
  auto* n = mk0<Name>(ps);
  if (l.first == l.last) {
    n->id = ps->text(l.first);
    return n;
  }
  size_t len = 0;
  for (int i = l.first; i <= l.last; ++i) len += ps->toks[i].text_len;
  char* buf = static_cast<char*>(ps->arena.allocate(len + 1, 1));
  size_t at = 0;
  for (int i = l.first; i <= l.last; ++i) {
    std::memcpy(buf + at, ps->toks[i].text, ps->toks[i].text_len);
    at += ps->toks[i].text_len;
  }
  buf[len] = 0;
  n->id = Str{buf, static_cast<uint32_t>(len)};
  return n;
}

// -- Targets --------------------------------------------------------------------------

const char* expr_name(const Node* e) {
  switch (e->kind) {
    case Kind::Attribute: return "attribute";
    case Kind::Subscript: return "subscript";
    case Kind::Starred: return "starred";
    case Kind::Name: return "name";
    case Kind::List: return "list";
    case Kind::Tuple: return "tuple";
    case Kind::Lambda: return "lambda";
    case Kind::Call: return "function call";
    case Kind::BoolOp:
    case Kind::BinOp:
    case Kind::UnaryOp: return "expression";
    case Kind::GeneratorExp: return "generator expression";
    case Kind::Yield:
    case Kind::YieldFrom: return "yield expression";
    case Kind::Await: return "await expression";
    case Kind::ListComp: return "list comprehension";
    case Kind::SetComp: return "set comprehension";
    case Kind::DictComp: return "dict comprehension";
    case Kind::Dict: return "dict literal";
    case Kind::Set: return "set display";
    case Kind::JoinedStr:
    case Kind::FormattedValue: return "f-string expression";
    case Kind::Constant: {
      auto k = static_cast<const Constant*>(e)->value.kind;
      if (k == ConstKind::None) return "None";
      if (k == ConstKind::False) return "False";
      if (k == ConstKind::True) return "True";
      if (k == ConstKind::Ellipsis) return "ellipsis";
      return "literal";
    }
    case Kind::Compare: return "comparison";
    case Kind::IfExp: return "conditional expression";
    case Kind::NamedExpr: return "named expression";
    default: return "expression";
  }
}

namespace {

// The first sub-expression of `e` that cannot be a target (CPython's
// _PyPegen_get_invalid_target). Recursion depth is bounded by bracket nesting, which
// the tokenizer limits.
const Node* invalid_target(const Node* e, Targets kind) {
  switch (e->kind) {
    case Kind::List:
      for (Node* x : static_cast<const List*>(e)->elts) {
        if (const Node* bad = invalid_target(x, kind)) return bad;
      }
      return nullptr;
    case Kind::Tuple:
      for (Node* x : static_cast<const Tuple*>(e)->elts) {
        if (const Node* bad = invalid_target(x, kind)) return bad;
      }
      return nullptr;
    case Kind::Starred:
      if (kind == Targets::Del) return e;
      return invalid_target(static_cast<const Starred*>(e)->value, kind);
    case Kind::Compare:
      if (kind == Targets::For) {
        auto* c = static_cast<const Compare*>(e);
        if (c->ops[0] == CmpOpKind::In) return invalid_target(c->left, kind);
        return nullptr;
      }
      return e;
    case Kind::Name:
    case Kind::Subscript:
    case Kind::Attribute: return nullptr;
    default: return e;
  }
}

void apply_context(Node* e, ExprContext ctx) {
  switch (e->kind) {
    case Kind::Name: static_cast<Name*>(e)->ctx = ctx; break;
    case Kind::Attribute: static_cast<Attribute*>(e)->ctx = ctx; break;
    case Kind::Subscript: static_cast<Subscript*>(e)->ctx = ctx; break;
    case Kind::Starred:
      static_cast<Starred*>(e)->ctx = ctx;
      apply_context(static_cast<Starred*>(e)->value, ctx);
      break;
    case Kind::List:
      static_cast<List*>(e)->ctx = ctx;
      for (Node* x : static_cast<List*>(e)->elts) apply_context(x, ctx);
      break;
    case Kind::Tuple:
      static_cast<Tuple*>(e)->ctx = ctx;
      for (Node* x : static_cast<Tuple*>(e)->elts) apply_context(x, ctx);
      break;
    default: break;
  }
}

// Whether `e`, parsed from the tokens starting at `first`, is what CPython's
// `bitwise_or` rule would match: an atom-level or arithmetic expression, or anything
// in parentheses.
bool is_bitwise_or(ParserState* ps, const Node* e, int first) {
  const Token& t = ps->toks[first];
  if (t.kind == Tok::LPAR && (e->lineno != t.lineno || e->col_offset != t.col_offset)) {
    return true;  // a parenthesized expression is an atom
  }
  switch (e->kind) {
    case Kind::BoolOp:
    case Kind::Compare:
    case Kind::IfExp:
    case Kind::Lambda:
    case Kind::NamedExpr:
    case Kind::Starred:
    case Kind::Yield:
    case Kind::YieldFrom: return false;
    case Kind::UnaryOp: return static_cast<const UnaryOp*>(e)->op != UnaryOpKind::Not;
    case Kind::Tuple: return t.kind == Tok::LPAR;
    default: return true;
  }
}

}  // namespace

bool set_target(ParserState* ps, Node* e, ExprContext ctx, Targets kind) {
  if (const Node* bad = invalid_target(e, kind)) {
    ps->raise_node(bad, format(kind == Targets::Del ? "cannot delete %s" : "cannot assign to %s",
                               expr_name(bad)));
    return false;
  }
  apply_context(e, ctx);
  return true;
}

// -- Statements ---------------------------------------------------------------------

Node* make_assign(ParserState* ps, Loc l, AssignChain* chain, Node* value, Loc vl) {
  NodeVec* targets = chain->targets;
  for (uint32_t i = 0; i < targets->size; ++i) {
    Node* t = targets->items[i];
    if (t->kind == Kind::Yield || t->kind == Kind::YieldFrom) {
      ps->raise_node(t, "assignment to yield expression not possible");
      return nullptr;
    }
    const Node* bad = invalid_target(t, Targets::Star);
    if (!bad) continue;
    // CPython's invalid_named_expression sees `x = y` where both sides are bitwise_or
    // expressions and x is no display: "... here. Maybe you meant '=='".
    if (i == 0 && targets->size == 1 && is_bitwise_or(ps, t, chain->first.first) &&
        is_bitwise_or(ps, value, vl.first) && t->kind != Kind::List &&
        !(t->kind == Kind::Tuple) && t->kind != Kind::GeneratorExp &&
        !is_const(t, ConstKind::True) && !is_const(t, ConstKind::False) &&
        !is_const(t, ConstKind::None)) {
      ps->raise_node(t, format("cannot assign to %s here. Maybe you meant '==' instead of '='?",
                               expr_name(t)));
      return nullptr;
    }
    ps->raise_node(bad, format("cannot assign to %s", expr_name(bad)));
    return nullptr;
  }
  for (uint32_t i = 0; i < targets->size; ++i) apply_context(targets->items[i], ExprContext::Store);
  auto* n = mk<Assign>(ps, l);
  n->targets = to_seq(targets);
  n->value = value;
  return n;
}

Node* make_annassign(ParserState* ps, Loc l, Node* target, Loc tl, Node* ann, Node* value) {
  const Token& t0 = ps->toks[tl.first];
  bool parenthesized = t0.kind == Tok::LPAR &&
                       (target->lineno != t0.lineno || target->col_offset != t0.col_offset);
  int simple = 0;
  switch (target->kind) {
    case Kind::Name:
      simple = parenthesized ? 0 : 1;
      [[fallthrough]];
    case Kind::Attribute:
    case Kind::Subscript:
      apply_context(target, ExprContext::Store);
      break;
    case Kind::Tuple:
      if (t0.kind != Tok::LPAR) {
        ps->raise_node(static_cast<Tuple*>(target)->elts[0],
                       "only single target (not tuple) can be annotated");
      } else {
        ps->raise_node(target, "only single target (not tuple) can be annotated");
      }
      return nullptr;
    case Kind::List:
      ps->raise_node(target, "only single target (not list) can be annotated");
      return nullptr;
    default:
      ps->raise_node(target, "illegal target for annotation");
      return nullptr;
  }
  auto* n = mk<AnnAssign>(ps, l);
  n->target = target;
  n->annotation = ann;
  n->value = value;
  n->simple = simple;
  return n;
}

Node* make_augassign(ParserState* ps, Loc l, Node* target, int op, Node* value) {
  switch (target->kind) {
    case Kind::Name:
    case Kind::Attribute:
    case Kind::Subscript:
      apply_context(target, ExprContext::Store);
      break;
    default:
      ps->raise_node(target, format("'%s' is an illegal expression for augmented assignment",
                                    expr_name(target)));
      return nullptr;
  }
  auto* n = mk<AugAssign>(ps, l);
  n->target = target;
  n->op = static_cast<OperatorKind>(op);
  n->value = value;
  return n;
}

Node* make_delete(ParserState* ps, Loc l, NodeVec* targets) {
  for (uint32_t i = 0; i < targets->size; ++i) {
    if (!set_target(ps, targets->items[i], ExprContext::Del, Targets::Del)) return nullptr;
  }
  auto* n = mk<Delete>(ps, l);
  n->targets = to_seq(targets);
  return n;
}

Node* make_try(ParserState* ps, Loc l, NodeVec* body, HandlerVec* handlers, NodeVec* orelse,
               NodeVec* finalbody) {
  bool star = handlers && handlers->size && handlers->items[0].star;
  NodeVec* hs = nullptr;
  if (handlers) {
    hs = list_new<Node*>(ps->arena, handlers->size);
    for (uint32_t i = 0; i < handlers->size; ++i) {
      const Handler& h = handlers->items[i];
      if (h.star != star) {
        if (h.star) {
          ps->raise_tok(h.tok, h.tok + 1,
                        "cannot have both 'except' and 'except*' on the same 'try'");
        } else {
          ps->raise_tok(h.tok, h.tok, "cannot have both 'except' and 'except*' on the same 'try'");
        }
        return nullptr;
      }
      list_push(ps->arena, hs, h.node);
    }
  }
  if (star) {
    auto* n = mk<TryStar>(ps, l);
    n->body = to_seq(body);
    n->handlers = to_seq(hs);
    n->orelse = to_seq(orelse);
    n->finalbody = to_seq(finalbody);
    return n;
  }
  auto* n = mk<Try>(ps, l);
  n->body = to_seq(body);
  n->handlers = to_seq(hs);
  n->orelse = to_seq(orelse);
  n->finalbody = to_seq(finalbody);
  return n;
}

// -- Patterns -----------------------------------------------------------------------

Node* make_capture_or_value(ParserState* ps, Loc l, Node* noa) {
  if (noa->kind == Kind::Name) {
    auto* n = mk<MatchAs>(ps, l);
    Str id = static_cast<Name*>(noa)->id;
    if (!str_is(id, "_")) n->name = id;
    return n;
  }
  auto* n = mk<MatchValue>(ps, l);
  n->value = noa;
  return n;
}

Node* make_literal_pattern(ParserState* ps, Loc l, Node* value) {
  if (is_const(value, ConstKind::None) || is_const(value, ConstKind::True) ||
      is_const(value, ConstKind::False)) {
    auto* n = mk<MatchSingleton>(ps, l);
    n->value = static_cast<Constant*>(value)->value;
    return n;
  }
  if (auto* b = as<BinOp>(value)) {
    // A complex literal: real part +/- imaginary part.
    Node* real = b->left;
    if (auto* u = as<UnaryOp>(real)) real = u->operand;
    if (is_const(real, ConstKind::Complex)) {
      ps->raise_node(real, "real number required in complex literal");
      return nullptr;
    }
    if (!is_const(b->right, ConstKind::Complex)) {
      ps->raise_node(b->right, "imaginary number required in complex literal");
      return nullptr;
    }
  }
  auto* n = mk<MatchValue>(ps, l);
  n->value = value;
  return n;
}

Node* make_pattern_seq(ParserState* ps, Loc l, NodeVec* items, bool, bool) {
  auto* n = mk<MatchSequence>(ps, l);
  n->patterns = to_seq(items);
  return n;
}

Node* make_as_pattern(ParserState* ps, Loc l, Node* pattern, int name) {
  if (ps->is_name(name, "_")) {
    ps->raise_tok(name, name, "cannot use '_' as a target");
    return nullptr;
  }
  auto* n = mk<MatchAs>(ps, l);
  n->pattern = pattern;
  n->name = ps->text(name);
  return n;
}

Node* make_star_pattern(ParserState* ps, Loc l, int name) {
  auto* n = mk<MatchStar>(ps, l);
  if (!ps->is_name(name, "_")) n->name = ps->text(name);
  return n;
}

Node* make_class_pattern(ParserState* ps, Loc l, Node* cls, PatternArgs* args) {
  if (args && args->bad_order) {
    const Token& a = ps->toks[args->bad_first.first];
    const Token& b = ps->toks[ps->end_tok(args->bad_last.last)];
    ps->raise("SyntaxError", a.lineno, a.col_offset, b.end_lineno, b.end_col_offset,
              "positional patterns follow keyword patterns");
    return nullptr;
  }
  auto* n = mk<MatchClass>(ps, l);
  n->cls = cls;
  if (args) {
    n->patterns = to_seq(args->patterns);
    n->kwd_attrs = to_seq(args->names);
    n->kwd_patterns = to_seq(args->kw_patterns);
  }
  return n;
}

Node* make_mapping_pattern(ParserState* ps, Loc l, PatternArgs* items, int rest) {
  auto* n = mk<MatchMapping>(ps, l);
  if (items) {
    n->keys = to_seq(items->keys);
    n->patterns = to_seq(items->patterns);
  }
  if (rest >= 0) n->rest = ps->text(rest);
  return n;
}

bool check_mapping_key(ParserState* ps, Node* key) {
  if (key->kind == Kind::Name) {
    // A mapping key must be a literal or a dotted name: `{x: ...}` fails at the ':'.
    int tok = -1;
    for (int i = 0; i < ps->ntoks; ++i) {
      if (ps->toks[i].lineno == key->end_lineno && ps->toks[i].col_offset == key->end_col_offset &&
          ps->toks[i].kind == Tok::COLON) {
        tok = i;
        break;
      }
    }
    ps->report_syntax_error(tok >= 0 ? tok : 0);
    return false;
  }
  return true;
}

// -- The token feed ------------------------------------------------------------------

namespace {

bool opens(Tok k) { return k == Tok::LPAR || k == Tok::LSQB || k == Tok::LBRACE; }
bool closes(Tok k) { return k == Tok::RPAR || k == Tok::RSQB || k == Tok::RBRACE; }

// Whether the `match` NAME at statement start `i` begins a match statement: its
// logical line ends with ':' (at bracket depth 0) and the next line is an indented
// block starting with `case`.
bool starts_match(const ParserState& ps, int i) {
  const Token* t = ps.toks;
  int n = ps.ntoks;
  int depth = 0;
  int j = i + 1;
  if (j < n && (t[j].kind == Tok::COLON || t[j].kind == Tok::EQUAL || t[j].kind == Tok::DOT ||
                t[j].kind == Tok::NEWLINE)) {
    return false;
  }
  for (; j < n; ++j) {
    Tok k = t[j].kind;
    if (opens(k)) ++depth;
    else if (closes(k)) --depth;
    else if (k == Tok::NEWLINE || k == Tok::ENDMARKER || k == Tok::ERRORTOKEN) break;
    else if (k == Tok::SEMI && depth == 0) return false;
  }
  if (j >= n || t[j].kind != Tok::NEWLINE || t[j - 1].kind != Tok::COLON) return false;
  return j + 2 < n && t[j + 1].kind == Tok::INDENT && ps.is_name(j + 2, "case");
}

// Whether the '(' at `i` (just after `with`) opens CPython's parenthesized list of
// with-items: the group is followed by ':' and holds only plain items (no yield, no
// walrus, no starred item, no comprehension, not empty).
bool starts_with_items(const ParserState& ps, int i) {
  const Token* t = ps.toks;
  int n = ps.ntoks;
  int depth = 0;
  bool item_start = true;
  int j = i;
  for (; j < n; ++j) {
    Tok k = t[j].kind;
    if (opens(k)) {
      ++depth;
      if (depth == 1) continue;
    } else if (closes(k)) {
      if (--depth == 0) break;
    } else if (k == Tok::NEWLINE || k == Tok::ENDMARKER || k == Tok::ERRORTOKEN) {
      return false;
    }
    if (depth == 1) {
      if (k == Tok::KW_YIELD || k == Tok::COLONEQUAL || k == Tok::KW_FOR) return false;
      if (item_start && (k == Tok::STAR || k == Tok::DOUBLESTAR)) return false;
      item_start = k == Tok::COMMA;
    }
  }
  if (j >= n || j == i + 1) return false;
  return j + 1 < n && t[j + 1].kind == Tok::COLON;
}

void build_codes(ParserState& ps) {
  int n = ps.ntoks;
  ps.codes.resize(n);
  const Token* t = ps.toks;
  int level = 0;
  std::vector<int> match_levels;  // block level of the case lines of each open match
  for (int i = 0; i < n; ++i) {
    Tok k = t[i].kind;
    int code = kTokToBison[static_cast<int>(k)];
    switch (k) {
      case Tok::INDENT: ++level; break;
      case Tok::DEDENT:
        --level;
        while (!match_levels.empty() && level < match_levels.back()) match_levels.pop_back();
        break;
      case Tok::NAME: {
        bool stmt_start = i == 0 || t[i - 1].kind == Tok::NEWLINE ||
                          t[i - 1].kind == Tok::INDENT || t[i - 1].kind == Tok::DEDENT;
        if (!stmt_start || (t[i].text_len != 4 && t[i].text_len != 5)) break;
        if (ps.is_name(i, "match") && starts_match(ps, i)) {
          code = kTokToBison[static_cast<int>(Tok::KW_MATCH)];
          match_levels.push_back(level + 1);
        } else if (ps.is_name(i, "case") && !match_levels.empty() &&
                   match_levels.back() == level) {
          code = kTokToBison[static_cast<int>(Tok::KW_CASE)];
        }
        break;
      }
      case Tok::LPAR:
        if (i > 0 && t[i - 1].kind == Tok::KW_WITH && starts_with_items(ps, i)) {
          code = kBisonLparWith;
        }
        break;
      default: break;
    }
    ps.codes[i] = code;
  }
}

}  // namespace

// -- Syntax errors --------------------------------------------------------------------

namespace {

bool starts_expression(Tok k) {
  switch (k) {
    case Tok::NAME: case Tok::NUMBER: case Tok::STRING: case Tok::LPAR: case Tok::LSQB:
    case Tok::LBRACE: case Tok::MINUS: case Tok::PLUS: case Tok::TILDE: case Tok::KW_NONE:
    case Tok::KW_TRUE: case Tok::KW_FALSE: case Tok::ELLIPSIS: case Tok::KW_NOT:
    case Tok::KW_LAMBDA: case Tok::KW_AWAIT:
      return true;
    default: return false;
  }
}

bool ends_expression(Tok k) {
  switch (k) {
    case Tok::NAME: case Tok::NUMBER: case Tok::STRING: case Tok::RPAR: case Tok::RSQB:
    case Tok::RBRACE: case Tok::KW_NONE: case Tok::KW_TRUE: case Tok::KW_FALSE:
    case Tok::ELLIPSIS:
      return true;
    default: return false;
  }
}

// Tokens that end an element of a bracketed list when scanning for the extent of the
// expressions around a missing comma.
bool element_boundary(Tok k) {
  switch (k) {
    case Tok::COMMA: case Tok::COLON: case Tok::EQUAL: case Tok::COLONEQUAL: case Tok::KW_FOR:
    case Tok::KW_IF: case Tok::KW_ELSE: case Tok::KW_IN: case Tok::KW_LAMBDA: case Tok::KW_YIELD:
    case Tok::KW_ASYNC: case Tok::STAR: case Tok::DOUBLESTAR: case Tok::NEWLINE:
    case Tok::INDENT: case Tok::DEDENT: case Tok::ENDMARKER: case Tok::SEMI:
    case Tok::KW_AS: case Tok::KW_RETURN: case Tok::KW_FROM:
      return true;
    default: return false;
  }
}

// The first token of the logical line holding token `i`.
int line_start(const Token* t, int i) {
  while (i > 0) {
    Tok k = t[i - 1].kind;
    if (k == Tok::NEWLINE || k == Tok::INDENT || k == Tok::DEDENT) break;
    --i;
  }
  return i;
}

const char* block_statement_name(const ParserState& ps, int s, bool* quoted) {
  const Token* t = ps.toks;
  *quoted = true;
  Tok k = t[s].kind;
  if (k == Tok::KW_ASYNC && s + 1 < ps.ntoks) k = t[++s].kind;
  switch (k) {
    case Tok::KW_IF: return "if";
    case Tok::KW_ELIF: return "elif";
    case Tok::KW_ELSE: return "else";
    case Tok::KW_WHILE: return "while";
    case Tok::KW_FOR: return "for";
    case Tok::KW_WITH: return "with";
    case Tok::KW_TRY: return "try";
    case Tok::KW_EXCEPT: return s + 1 < ps.ntoks && t[s + 1].kind == Tok::STAR ? "except*" : "except";
    case Tok::KW_FINALLY: return "finally";
    case Tok::KW_DEF: *quoted = false; return "function definition";
    case Tok::KW_CLASS: *quoted = false; return "class definition";
    default: break;
  }
  if (ps.codes[s] == kTokToBison[static_cast<int>(Tok::KW_MATCH)]) return "match";
  if (ps.codes[s] == kTokToBison[static_cast<int>(Tok::KW_CASE)]) return "case";
  if (ps.is_name(s, "match")) return "match";
  if (ps.is_name(s, "case")) return "case";
  return nullptr;
}

}  // namespace

// Chooses CPython's message for a parse that cannot continue at token `i`. Add new
// specialized messages here, most specific first; the generic "invalid syntax" (or a
// pending tokenizer error) comes last.
void ParserState::report_syntax_error(int i) {
  if (failed) return;
  if (i < 0) i = 0;
  if (i >= ntoks) i = ntoks - 1;
  const Token* t = toks;
  Tok k = t[i].kind;

  // The tokenizer stopped here.
  if (k == Tok::ERRORTOKEN && lex_error) {
    failed = true;
    *error = *lex_error;
    if (error->text.empty() && error->lineno > 0) {
      error->text = std::string(source_line(source, error->lineno));
    }
    return;
  }

  // A block's header followed by a line that is not indented.
  if (k != Tok::INDENT && i >= 2 && t[i - 1].kind == Tok::NEWLINE && t[i - 2].kind == Tok::COLON) {
    int s = line_start(t, i - 2);
    bool quoted;
    if (const char* what = block_statement_name(*this, s, &quoted)) {
      int line = t[s].lineno;
      // At the end of the file CPython points at the header's NEWLINE.
      // At the end of the file CPython points at the end of the file's last line.
      int line_no = t[i].lineno, col = t[i].col_offset;
      if (k == Tok::ENDMARKER || k == Tok::DEDENT) {
        int last = t[ntoks - 1].lineno;
        std::string_view text = source_line(source, last);
        if (text.empty() && last > 1) text = source_line(source, --last);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
        line_no = last;
        col = static_cast<int>(text.size());
      }
      raise("IndentationError", line_no, col, line_no, -1,
            quoted ? format("expected an indented block after '%s' statement on line %d", what, line)
                   : format("expected an indented block after %s on line %d", what, line));
      return;
    }
  }

  if (k == Tok::INDENT) {
    raise("IndentationError", t[i].lineno, t[i].col_offset, t[i].end_lineno, -1,
          "unexpected indent");
    return;
  }

  // A block's header without its ':'.
  {
    int s = line_start(t, i);
    bool quoted;
    const char* what = s < i ? block_statement_name(*this, s, &quoted) : nullptr;
    if (what) {
      bool no_colon = true;
      int depth = 0;
      for (int j = s; j < i; ++j) {
        if (opens(t[j].kind)) ++depth;
        else if (closes(t[j].kind)) --depth;
        else if (t[j].kind == Tok::COLON && depth == 0) no_colon = false;
      }
      Tok head = t[s].kind == Tok::KW_ASYNC ? t[s + 1].kind : t[s].kind;
      bool forced = head == Tok::KW_ELSE || head == Tok::KW_TRY || head == Tok::KW_FINALLY;
      if (no_colon && forced && i == s + 1) {
        raise_tok(i, i, "expected ':'");
        return;
      }
      if (no_colon && head == Tok::KW_DEF && t[i - 1].kind == Tok::RPAR) {
        raise_tok(i, i, "expected ':'");
        return;
      }
      if (no_colon && k == Tok::NEWLINE && head != Tok::KW_DEF) {
        raise("SyntaxError", t[i].lineno, t[i].col_offset, t[i].end_lineno, -1, "expected ':'");
        return;
      }
    }
  }

  // A try block with neither except nor finally after it.
  if (k != Tok::KW_EXCEPT && k != Tok::KW_FINALLY && i >= 1) {
    int h = -1;  // the header's first token of the block that just ended
    if (t[i - 1].kind == Tok::DEDENT) {
      int depth = 0;
      for (int j = i - 1; j >= 0; --j) {
        if (t[j].kind == Tok::DEDENT) ++depth;
        else if (t[j].kind == Tok::INDENT && --depth == 0) {
          if (j >= 2 && t[j - 2].kind == Tok::COLON) h = line_start(t, j - 2);
          break;
        }
      }
    } else if (t[i - 1].kind == Tok::NEWLINE) {
      h = line_start(t, i - 1);
    }
    if (h >= 0 && t[h].kind == Tok::KW_TRY && h + 1 < ntoks && t[h + 1].kind == Tok::COLON) {
      raise("SyntaxError", t[i].lineno, t[i].col_offset, t[i].end_lineno,
            t[i].col_offset < 0 ? -1 : t[i].end_col_offset, "expected 'except' or 'finally' block");
      return;
    }
  }

  // `from m import a,` — a trailing comma needs parentheses.
  if (k == Tok::NEWLINE && i >= 1 && t[i - 1].kind == Tok::COMMA) {
    int s = line_start(t, i);
    bool paren = false, import = false;
    for (int j = s; j < i; ++j) {
      if (t[j].kind == Tok::LPAR) paren = true;
      if (t[j].kind == Tok::KW_IMPORT) import = true;
    }
    if (t[s].kind == Tok::KW_FROM && import && !paren) {
      raise("SyntaxError", t[i].lineno, t[i].col_offset, t[i].end_lineno, -1,
            "trailing comma not allowed without surrounding parentheses");
      return;
    }
  }

  // `target := value` with a target that is no name.
  if (k == Tok::COLONEQUAL && i >= 2) {
    const char* what = nullptr;
    if (t[i - 1].kind == Tok::NAME && t[i - 2].kind == Tok::DOT) what = "attribute";
    else if (t[i - 1].kind == Tok::RSQB) what = "subscript";
    else if (t[i - 1].kind == Tok::NUMBER || t[i - 1].kind == Tok::STRING) what = "literal";
    if (what) {
      int a = i - 1, depth = 0;
      for (int j = i - 1; j >= 0; --j) {
        Tok p = t[j].kind;
        if (closes(p)) ++depth;
        else if (opens(p)) { if (depth == 0) break; --depth; }
        else if (depth == 0 && (element_boundary(p) || p == Tok::KW_NOT || p == Tok::KW_AND ||
                                p == Tok::KW_OR || p == Tok::KW_IS || p == Tok::PLUS ||
                                p == Tok::MINUS)) break;
        a = j;
      }
      raise_tok(a, i - 1, format("cannot use assignment expressions with %s", what));
      return;
    }
  }

  // `x if y` without its else: CPython's range is from x to y.
  if (k != Tok::KW_ELSE && k != Tok::COLON && i >= 3) {
    int depth = 0, if_tok = -1;
    int s = line_start(t, i);
    for (int j = i - 1; j > s; --j) {
      Tok p = t[j].kind;
      if (closes(p)) ++depth;
      else if (opens(p)) { if (depth == 0) break; --depth; }
      else if (depth == 0 && (p == Tok::COMMA || p == Tok::KW_FOR || p == Tok::KW_ELSE ||
                              p == Tok::KW_LAMBDA || p == Tok::COLON)) break;
      else if (depth == 0 && p == Tok::KW_IF) { if_tok = j; break; }
    }
    if (if_tok > s && ends_expression(t[if_tok - 1].kind) && ends_expression(t[i - 1].kind)) {
      int a = if_tok - 1;
      depth = 0;
      for (int j = if_tok - 1; j >= s; --j) {
        Tok p = t[j].kind;
        if (closes(p)) ++depth;
        else if (opens(p)) { if (depth == 0) break; --depth; }
        else if (depth == 0 && element_boundary(p)) break;
        a = j;
      }
      raise_tok(a, i - 1, "expected 'else' after 'if' expression");
      return;
    }
  }

  // `{k: v, x}`: a dict item without its ':'.
  if ((k == Tok::RBRACE || k == Tok::COMMA) && i >= 2 && ends_expression(t[i - 1].kind)) {
    int depth = 0, open = -1;
    bool colon_here = false, seen_comma = false;
    for (int j = i - 1; j >= 0; --j) {
      Tok p = t[j].kind;
      if (p == Tok::NEWLINE || p == Tok::INDENT || p == Tok::DEDENT) break;
      if (closes(p)) ++depth;
      else if (opens(p)) { if (depth == 0) { open = j; break; } --depth; }
      else if (depth == 0 && p == Tok::COMMA) seen_comma = true;
      else if (depth == 0 && p == Tok::COLON && !seen_comma) colon_here = true;
    }
    if (open >= 0 && t[open].kind == Tok::LBRACE && seen_comma && !colon_here) {
      bool dict = false;
      depth = 0;
      for (int j = open + 1; j < i; ++j) {
        Tok p = t[j].kind;
        if (opens(p)) ++depth;
        else if (closes(p)) --depth;
        else if (depth == 0 && p == Tok::COMMA) break;
        else if (depth == 0 && (p == Tok::COLON || p == Tok::DOUBLESTAR)) { dict = true; break; }
      }
      if (dict) {
        const Token& e = t[i - 1];
        raise("SyntaxError", e.lineno, e.end_col_offset - 1, e.end_lineno, -1,
              "':' expected after dictionary key");
        return;
      }
    }
  }

  // `if x = 1:` — '=' where a named expression is parsed, after a plain name.
  if (k == Tok::EQUAL && i >= 2 && t[i - 1].kind == Tok::NAME &&
      (t[i - 2].kind == Tok::KW_IF || t[i - 2].kind == Tok::KW_ELIF ||
       t[i - 2].kind == Tok::KW_WHILE)) {
    int b = i, depth = 0;
    for (int j = i + 1; j < ntoks; ++j) {
      Tok p = t[j].kind;
      if (opens(p)) ++depth;
      else if (closes(p)) { if (depth == 0) break; --depth; }
      else if (depth == 0 && (element_boundary(p) || p == Tok::KW_AND || p == Tok::KW_OR ||
                              p == Tok::KW_NOT || p == Tok::KW_IS || p == Tok::LESS ||
                              p == Tok::GREATER || p == Tok::EQEQUAL || p == Tok::NOTEQUAL ||
                              p == Tok::LESSEQUAL || p == Tok::GREATEREQUAL)) break;
      b = j;
    }
    if (b > i) {
      raise_tok(i - 1, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      return;
    }
  }

  // Python 2's print statement.
  if (i >= 1 && (is_name(i - 1, "print") || is_name(i - 1, "exec")) && k != Tok::LPAR &&
      (starts_expression(k) || k == Tok::STAR)) {
    int j = i;
    int depth = 0;
    for (; j + 1 < ntoks; ++j) {
      Tok n = t[j + 1].kind;
      if (opens(n)) ++depth;
      else if (closes(n)) { if (--depth < 0) break; }
      else if (depth == 0 && (n == Tok::NEWLINE || n == Tok::SEMI || n == Tok::EQUAL ||
                              n == Tok::ENDMARKER || n == Tok::ERRORTOKEN)) break;
    }
    const Token& name = t[i - 1];
    raise_tok(i - 1, j, format("Missing parentheses in call to '%.*s'. Did you mean %.*s(...)?",
                               int(name.text_len), name.text, int(name.text_len), name.text));
    return;
  }

  // Two expressions side by side inside brackets: a missing comma.
  if (i >= 1 && starts_expression(k) && ends_expression(t[i - 1].kind) &&
      !(t[i - 1].kind == Tok::NAME && k == Tok::STRING)) {
    // Inside brackets? Walk back to an unclosed opener on this logical line.
    int depth = 0;
    int a = i - 1;
    bool inside = false;
    for (int j = i - 1; j >= 0; --j) {
      Tok p = t[j].kind;
      if (p == Tok::NEWLINE || p == Tok::INDENT || p == Tok::DEDENT) break;
      if (closes(p)) ++depth;
      else if (opens(p)) {
        if (depth == 0) { inside = true; break; }
        --depth;
      }
    }
    // Not where CPython parses an expression: parameter lists, import lists, patterns.
    int open = -1;
    if (inside) {
      depth = 0;
      for (int j = i - 1; j >= 0; --j) {
        Tok p = t[j].kind;
        if (closes(p)) ++depth;
        else if (opens(p)) { if (depth == 0) { open = j; break; } --depth; }
      }
      int s = line_start(t, i);
      if (open >= 2 && t[open].kind == Tok::LPAR && t[open - 2].kind == Tok::KW_DEF) inside = false;
      if (open >= 1 && t[open - 1].kind == Tok::KW_IMPORT) inside = false;
      if (codes[s] == kTokToBison[static_cast<int>(Tok::KW_CASE)]) inside = false;
    }
    if (inside) {
      depth = 0;
      for (int j = i - 1; j >= 0; --j) {
        Tok p = t[j].kind;
        if (closes(p)) ++depth;
        else if (opens(p)) {
          if (depth == 0) break;
          --depth;
        } else if (depth == 0 && element_boundary(p)) break;
        a = j;
      }
      int b = i;
      depth = 0;
      for (int j = i; j < ntoks; ++j) {
        Tok p = t[j].kind;
        if (opens(p)) ++depth;
        else if (closes(p)) {
          if (depth == 0) break;
          --depth;
        } else if (depth == 0 && (element_boundary(p) || (j > i && starts_expression(p) &&
                                                          ends_expression(t[j - 1].kind)))) {
          break;
        }
        b = j;
      }
      bool soft = is_name(a, "match") || is_name(a, "case") || is_name(a, "_") ||
                  (a >= 1 && (t[a - 1].kind == Tok::KW_IN || t[a - 1].kind == Tok::KW_FOR));
      if (!(t[a].kind == Tok::NAME && a + 1 < ntoks && t[a + 1].kind == Tok::STRING) && !soft) {
        raise_tok(a, b, "invalid syntax. Perhaps you forgot a comma?");
        return;
      }
    }
  }

  // The generic error; a tokenizer error further on takes precedence, as in CPython
  // (which tokenizes the rest of the file before reporting "invalid syntax") — except
  // an unclosed bracket, which CPython reports only when the parser reaches the end.
  if (lex_error && lex_error->msg.find("was never closed") == std::string::npos) {
    failed = true;
    *error = *lex_error;
    if (error->text.empty() && error->lineno > 0) {
      error->text = std::string(source_line(source, error->lineno));
    }
    return;
  }
  if (k == Tok::ENDMARKER && i > 0) {
    raise("SyntaxError", t[i].lineno, t[i].col_offset, t[i].end_lineno, t[i].end_col_offset,
          "invalid syntax");
    return;
  }
  raise_tok(i, i, "invalid syntax");
}

// -- Entry points ------------------------------------------------------------------------

namespace {

ast::Node* run(ParserState& ps, LexResult& lex, int start_code, SyntaxErrorInfo& error) {
  ps.toks = lex.tokens.data();
  ps.ntoks = static_cast<int>(lex.tokens.size());
  ps.error = &error;
  if (ps.ntoks == 0) {
    ps.raise("SyntaxError", 1, 0, 1, -1, "invalid syntax");
    return nullptr;
  }
  if (lex.tokens.back().kind == Tok::ERRORTOKEN) ps.lex_error = &lex.error;
  build_codes(ps);
  ps.start_code = start_code;
  int rc = run_bison(&ps);
  if (rc != 0 || !ps.result) {
    if (!ps.failed) ps.report_syntax_error(ps.ntoks - 1);
    return nullptr;
  }
  return ps.result;
}

}  // namespace

ast::Node* parse(std::string_view source, std::string_view filename, ParseMode mode,
                 Arena& arena, SyntaxErrorInfo& error) {
  std::string utf8;
  if (!decode_source(source, utf8, error)) {
    error.filename = std::string(filename);
    return nullptr;
  }
  // Identifiers point into the source text, so it lives in the arena with the tree.
  const char* text = arena.copy(utf8.data(), utf8.size());
  std::string_view src(text, utf8.size());
  LexResult lex = tokenize(src, arena);
  ParserState ps(arena, src);
  int start = kBisonStartFile;
  switch (mode) {
    case ParseMode::Exec: start = kBisonStartFile; break;
    case ParseMode::Eval: start = kBisonStartEval; break;
    case ParseMode::Single: start = kBisonStartSingle; break;
    case ParseMode::FuncType: start = kBisonStartFuncType; break;
  }
  ast::Node* tree = run(ps, lex, start, error);
  if (!tree) error.filename = std::string(filename);
  return tree;
}

ast::Node* parse_fstring_expression(std::string_view text, const LexOptions& options,
                                    Arena& arena, SyntaxErrorInfo& error) {
  const char* copy = arena.copy(text.data(), text.size());
  std::string_view src(copy, text.size());
  LexResult lex = tokenize(src, arena, options);
  ParserState ps(arena, src);
  ps.fstring = true;
  return run(ps, lex, kBisonStartFstring, error);
}

}  // namespace strata
