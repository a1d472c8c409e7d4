// frontend/parser_support.cpp — the parser's side of the grammar: the token feed
// (soft keywords, the parenthesized with-item list), the node builders that the
// grammar's actions call, target validation with CPython's messages, the choice of a
// syntax error's message and location, and the entry points parse() and
// parse_fstring_expression().
//
// Syntax errors follow CPython 3.11's pegen: its second pass's invalid_* rules become
// checks on the tokens around the point where the LALR parse stops (probing sub-parses
// where a rule needs a whole construct to match), the tokenizer's later errors replace
// the parser's as _PyPegen_tokenize_full_source_to_check_for_errors lets them, and the
// shown text and columns are those CPython computes (bytes for an undeclared file, the
// BOM kept, NUL bytes cutting the shown line).
#include "frontend/parser_support.h"

#include <gmp.h>

#include <algorithm>
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
    kBisonStartFuncType, kBisonLparWith, kBisonErrorToken;
extern const int kBisonProbe[];
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

// Token scanning (defined with the syntax-error reporting below).
bool opens(Tok k);
bool closes(Tok k);
int matching_close(const ParserState& ps, int open);
int bitwise_or_end(const ParserState& ps, int first);
int token_at(const ParserState& ps, int lineno, int col);

}  // namespace

// -- Errors ---------------------------------------------------------------------------

// The parser has read the token where the tokenizer stopped: CPython's tokenizer raised
// its error right then, before any rule could raise another.
bool ParserState::tokenizer_first() {
  if (probe || !lex_error || toks[last_read()].kind != Tok::ERRORTOKEN) return false;
  adopt(*lex_error, true);
  return true;
}

void ParserState::raise(const char* type, int lineno, int col, int end_lineno, int end_col,
                        std::string msg) {
  if (failed || tokenizer_first()) return;
  failed = true;
  if (probe) return;
  SyntaxErrorInfo& e = *error;
  e.type = type;
  e.msg = fstring ? "f-string: " + msg : std::move(msg);
  e.lineno = lineno;
  e.col_offset = col;
  e.end_lineno = end_lineno;
  e.end_col_offset = end_col;
  e.text = error_text(lineno);
  e.byte_offsets = byte_offsets;
  show_as_decoded(e);
  if (fstring) {
    // The sub-parser's columns are shifted to the file's; CPython shifts them back
    // (tokens on later lines were never shifted: they end up left of the text).
    e.col_offset = col < 0 || col - first_col < 0 ? -1 : col - first_col;
    e.end_col_offset = end_col < 0 ? -1 : end_col - first_col;
    if (e.end_col_offset < 0 && end_col >= 0) e.end_col_offset = end_lineno > lineno ? 0 : -1;
  }
}

// A line of a source declared UTF-8 that is not: CPython shows it decoded with
// replacement characters and counts characters of that text up to the byte column.
void ParserState::show_as_decoded(SyntaxErrorInfo& e) const {
  if (byte_offsets || fstring || utf8_decode_error(e.text).empty()) return;
  e.text = utf8_replace(e.text);
  if (e.col_offset >= 0) e.col_offset = replaced_line_column(e.text, e.col_offset + 1L);
  if (e.end_col_offset >= 0 && e.end_lineno == e.lineno) {
    e.end_col_offset = replaced_line_column(e.text, e.end_col_offset + 1L);
  }
}

std::string ParserState::error_text(int lineno) const {
  if (fstring) {  // CPython takes the sub-parser's line without its newline
    std::string_view line = source_line(source, lineno - first_lineno + 1);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    return std::string(line);
  }
  std::string_view line = source_line(physical.empty() ? source : physical, lineno);
  // CPython rereads the line from the file, where a NUL byte ends it (and shows the
  // line even when nothing is left of it).
  size_t nul = physical.empty() ? std::string_view::npos : line.find('\0');
  if (nul != std::string_view::npos) line = nul ? line.substr(0, nul) : std::string_view("\n");
  std::string text;
  if (bom && lineno == 1) text = "\xEF\xBB\xBF";
  text.append(line);
  return text;
}

namespace {

// The tokenizer errors that CPython's parser raises from the tokenizer's state (its
// E_TABSPACE, E_TOODEEP, E_DEDENT, E_LINECONT and E_EOF codes), rather than the
// tokenizer itself: they show the file's line and count columns like parser errors,
// and a later tokenizer error does not replace a parser error for them.
bool reported_by_parser(const SyntaxErrorInfo& e) {
  if (e.type != "SyntaxError") return true;  // TabError, IndentationError
  return e.msg == "unexpected character after line continuation character" ||
         e.msg == "unexpected EOF while parsing" ||
         e.msg.find("was never closed") != std::string::npos;
}

}  // namespace

void ParserState::adopt(const SyntaxErrorInfo& e, bool tokenizer) {
  if (failed || (!tokenizer && tokenizer_first())) return;
  failed = true;
  if (probe) return;
  *error = e;
  from_tokenizer = tokenizer;
  if (error->type.empty()) error->type = "SyntaxError";
  if (tokenizer && !reported_by_parser(e)) {
    if (error->text.empty() && error->lineno > 0) {
      error->text = std::string(source_line(source, error->lineno));
    }
    return;
  }
  if (error->lineno > 0) error->text = error_text(error->lineno);
  error->byte_offsets = byte_offsets;
  show_as_decoded(*error);
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

namespace {

// The first piece of a STRING token's text that CPython decodes as UTF-8 on its own and
// that is not valid UTF-8 (only a source declared UTF-8 can hold one): its decoder
// error, or "". Pieces: a raw or backslash-free string's whole body; otherwise each run
// of non-ASCII bytes; in a raw f-string, each literal part between fields.
std::string string_piece_error(const Token& t) {
  const char* s = t.text;
  const char* end = t.text + t.text_len;
  bool raw = false, bytes = false, fmt = false;
  for (; s < end && *s != '\'' && *s != '"'; ++s) {
    char c = static_cast<char>(*s | 0x20);
    raw |= c == 'r';
    bytes |= c == 'b';
    fmt |= c == 'f';
  }
  if (bytes || s == end) return {};
  size_t q = (end - s >= 6 && s[1] == s[0] && s[2] == s[0]) ? 3 : 1;
  const char* body = s + q;
  const char* body_end = end - q;
  if (body > body_end) return {};
  std::string_view whole(body, static_cast<size_t>(body_end - body));
  bool ascii = true;
  for (char c : whole) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return {};
  bool per_run = !raw && (fmt || whole.find('\\') != std::string_view::npos);
  if (!fmt && !per_run) return utf8_decode_error(whole);
  const char* piece = body;  // the current literal piece (raw f-strings)
  for (const char* p = body; p < body_end;) {
    if (fmt && (*p == '{' || *p == '}')) {
      if (p + 1 < body_end && p[1] == *p) {
        if (raw) {
          std::string e = utf8_decode_error(std::string_view(piece, static_cast<size_t>(p + 1 - piece)));
          if (!e.empty()) return e;
        }
        p += 2;
        piece = p;
        continue;
      }
      if (raw) {
        std::string e = utf8_decode_error(std::string_view(piece, static_cast<size_t>(p - piece)));
        if (!e.empty()) return e;
      }
      if (*p == '{') {  // skip the field: its expression is parsed on its own
        int depth = 0;
        char quote = 0;
        for (; p < body_end; ++p) {
          if (quote) {
            if (*p == quote) quote = 0;
          } else if (*p == '\'' || *p == '"') {
            quote = *p;
          } else if (*p == '{' || *p == '[' || *p == '(') {
            ++depth;
          } else if (*p == '}' || *p == ']' || *p == ')') {
            if (--depth == 0 && *p == '}') break;
          }
        }
      }
      ++p;
      piece = p;
      continue;
    }
    if (!raw && static_cast<unsigned char>(*p) >= 0x80) {
      const char* q2 = p;
      while (q2 < body_end && static_cast<unsigned char>(*q2) >= 0x80) ++q2;
      std::string e = utf8_decode_error(std::string_view(p, static_cast<size_t>(q2 - p)));
      if (!e.empty()) return e;
      p = q2;
      continue;
    }
    ++p;
  }
  if (raw && fmt) return utf8_decode_error(std::string_view(piece, static_cast<size_t>(body_end - piece)));
  return {};
}

// A string literal whose bytes are not the UTF-8 its source declared: CPython's string
// parser raises the decoder's error as "(unicode error) ...", at the token after the
// strings, on the line as it shows it (decoded with replacement characters).
bool check_string_encoding(ParserState* ps, Loc l) {
  if (ps->byte_offsets) return true;  // undeclared sources were checked whole
  for (int i = l.first; i <= l.last; ++i) {
    std::string e = string_piece_error(ps->toks[i]);
    if (e.empty()) continue;
    int at = l.last + 1 < ps->ntoks ? l.last + 1 : l.last;
    ps->raise_tok(at, at, "(unicode error) " + e);
    return false;
  }
  return true;
}

}  // namespace

Node* make_strings(ParserState* ps, Loc l) {
  if (!check_string_encoding(ps, l)) return nullptr;
  SyntaxErrorInfo err;
  Node* n = concatenate_strings(ps->toks + l.first, static_cast<size_t>(l.last - l.first + 1),
                                ps->arena, err);
  if (!n && !ps->failed) {
    if (err.text.empty()) {
      ps->adopt(err, false);  // the string decoder's own error: a parser error
    } else {
      ps->failed = true;  // an f-string field's error, complete from its sub-parser
      if (!ps->probe) *ps->error = err;
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
          if (n == 1 && !args->comma) {
            // A class's bases are no call: the generator expression fails at its `for`.
            int j = a.loc.first;
            for (int depth = 0; j < a.loc.last; ++j) {
              Tok k = ps->toks[j].kind;
              if (opens(k)) ++depth;
              else if (closes(k)) --depth;
              else if (depth == 0 && (k == Tok::KW_FOR || k == Tok::KW_ASYNC)) break;
            }
            ps->report_syntax_error(j);
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
          // CPython points at all the arguments before this one (`args ',' '*'`).
          ps->raise_tok(args->items[0].loc.first, ps->end_tok(args->items[i - 1].loc.last),
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

namespace {

// CPython's invalid_named_expression, as its invalid_assignment rule meets it on the
// last element of the first target list (`e = b`, where b is the bitwise_or the first
// '=' is followed by): raises its error and returns true when it applies.
bool named_expression_error(ParserState* ps, AssignChain* chain) {
  const Token* t = ps->toks;
  int first = chain->first.first, last = chain->first.last;
  int eq = last + 1;
  if (t[last].kind == Tok::COMMA || eq + 1 >= ps->ntoks) return false;
  int b_end = bitwise_or_end(*ps, eq + 1);
  if (b_end < 0 || t[b_end].kind == Tok::EQUAL || t[b_end].kind == Tok::COLONEQUAL) return false;
  // The element before '=': the whole target, or the last of a bare comma list.
  Node* e = chain->targets->items[0];
  int e_first = first;
  bool atom = t[first].kind == Tok::LPAR && matching_close(*ps, first) == last;
  if (e->kind == Kind::Tuple && !atom) {
    auto* tuple = static_cast<Tuple*>(e);
    e = tuple->elts[tuple->elts.size - 1];
    int depth = 0;
    for (int j = last; j > first; --j) {
      Tok k = t[j].kind;
      if (closes(k)) ++depth;
      else if (opens(k)) --depth;
      else if (depth == 0 && k == Tok::COMMA) break;
      e_first = j;
    }
  }
  if (e->kind == Kind::Starred) return false;
  if (e_first == last && t[e_first].kind == Tok::NAME) {
    ps->raise_tok(e_first, ps->end_tok(b_end - 1),
                  "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    return true;
  }
  // Not when the element starts with a list, tuple or generator expression display, or
  // one of the keyword constants.
  Tok k0 = t[e_first].kind;
  if (k0 == Tok::KW_TRUE || k0 == Tok::KW_FALSE || k0 == Tok::KW_NONE) return false;
  if (k0 == Tok::LSQB || k0 == Tok::LPAR) {
    int close = matching_close(*ps, e_first);
    bool display = k0 == Tok::LSQB || close == e_first + 1;
    int depth = 0;
    for (int j = e_first + 1; j < close; ++j) {
      Tok k = t[j].kind;
      if (opens(k)) ++depth;
      else if (closes(k)) --depth;
      else if (depth == 0 && k == Tok::KW_FOR) display = k0 == Tok::LPAR;  // genexp, listcomp
      else if (depth == 0 && k == Tok::COMMA && k0 == Tok::LPAR) display = true;
    }
    if (display) return false;
  }
  if (!is_bitwise_or(ps, e, e_first)) return false;
  ps->raise_node(e, format("cannot assign to %s here. Maybe you meant '==' instead of '='?",
                           expr_name(e)));
  return true;
}

}  // namespace

Node* make_assign(ParserState* ps, Loc l, AssignChain* chain, Node* value, Loc) {
  NodeVec* targets = chain->targets;
  bool valid = true;
  for (uint32_t i = 0; i < targets->size && valid; ++i) {
    valid = !invalid_target(targets->items[i], Targets::Star);
  }
  if (!valid) {
    if (named_expression_error(ps, chain)) return nullptr;
    // The first target that is no star_targets: a bare yield has its own message.
    for (uint32_t i = 0; i < targets->size; ++i) {
      Node* t = targets->items[i];
      const Node* bad = invalid_target(t, Targets::Star);
      if (!bad) continue;
      int at = token_at(*ps, t->lineno, t->col_offset);
      bool bare_yield = (t->kind == Kind::Yield || t->kind == Kind::YieldFrom) &&
                        !(at > 0 && ps->toks[at - 1].kind == Tok::LPAR);
      if (bare_yield) {
        ps->raise_node(t, "assignment to yield expression not possible");
      } else {
        ps->raise_node(bad, format("cannot assign to %s", expr_name(bad)));
      }
      return nullptr;
    }
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

// Whether the `match` NAME at statement start `i` begins a match statement: its logical
// line ends with ':' at bracket depth 0. No other statement can end so (an annotation
// needs its expression), so a line that is no valid match statement is an error either
// way, and CPython's errors for it are those of a match statement.
bool starts_match(const ParserState& ps, int i) {
  const Token* t = ps.toks;
  int n = ps.ntoks;
  int j = i + 1;
  if (j < n && (t[j].kind == Tok::COLON || t[j].kind == Tok::EQUAL || t[j].kind == Tok::DOT ||
                t[j].kind == Tok::NEWLINE)) {
    return false;
  }
  int depth = 0;
  for (; j < n; ++j) {
    Tok k = t[j].kind;
    if (opens(k)) ++depth;
    else if (closes(k)) --depth;
    else if (k == Tok::NEWLINE || k == Tok::ENDMARKER || k == Tok::ERRORTOKEN) break;
    else if (k == Tok::SEMI && depth == 0) return false;
  }
  return j < n && t[j].kind == Tok::NEWLINE && t[j - 1].kind == Tok::COLON;
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
    } else if (k == Tok::ERRORTOKEN) {
      // Never closed (or cut by another tokenizer error): CPython's first alternative,
      // the parenthesized items, reads on to the tokenizer's error.
      return j > i + 1;
    } else if (k == Tok::NEWLINE || k == Tok::ENDMARKER) {
      return false;
    }
    if (depth == 1) {
      if (k == Tok::KW_YIELD || k == Tok::COLONEQUAL || k == Tok::KW_FOR) return false;
      if (item_start && (k == Tok::STAR || k == Tok::DOUBLESTAR)) return false;
      item_start = k == Tok::COMMA;
    }
  }
  if (j >= n || j == i + 1) return false;
  // A NEWLINE after the ')' makes no valid statement either way; CPython's error is
  // then the parenthesized form's missing ':'.
  return j + 1 < n && (t[j + 1].kind == Tok::COLON || t[j + 1].kind == Tok::NEWLINE);
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
      case Tok::NOTEQUAL:
        // `<>` is Barry's spelling: without his future import no rule accepts it.
        if (t[i].text_len == 2 && t[i].text[0] == '<') code = kBisonErrorToken;
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

// Whether token `j` ends an expression (not a name that a statement's syntax takes,
// as a class's, a function's or a module's).
bool ends_operand(const ParserState& ps, int j) {
  if (!ends_expression(ps.toks[j].kind)) return false;
  if (ps.toks[j].kind != Tok::NAME || j < 1) return true;
  switch (ps.toks[j - 1].kind) {
    case Tok::KW_CLASS: case Tok::KW_DEF: case Tok::KW_IMPORT: case Tok::KW_FROM:
    case Tok::KW_AS: case Tok::KW_GLOBAL: case Tok::KW_NONLOCAL:
      return false;
    default:
      return true;
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

int matching_close(const ParserState& ps, int open) {
  int depth = 0;
  for (int j = open; j < ps.ntoks; ++j) {
    Tok k = ps.toks[j].kind;
    if (opens(k)) {
      ++depth;
    } else if (closes(k)) {
      if (--depth == 0) return j;
    } else if (k == Tok::NEWLINE || k == Tok::ENDMARKER || k == Tok::ERRORTOKEN) {
      return -1;
    }
  }
  return -1;
}

// The bracket left open before token `i` on its logical line, or -1.
int enclosing_open(const ParserState& ps, int i) {
  int depth = 0;
  for (int j = i - 1; j >= 0; --j) {
    Tok k = ps.toks[j].kind;
    if (k == Tok::NEWLINE || k == Tok::INDENT || k == Tok::DEDENT) return -1;
    if (closes(k)) {
      ++depth;
    } else if (opens(k)) {
      if (depth == 0) return j;
      --depth;
    }
  }
  return -1;
}

// The first token of the comma-separated item of bracket `open` that ends before `i`.
int element_start(const ParserState& ps, int open, int i) {
  int depth = 0, first = i;
  for (int j = i - 1; j > open; --j) {
    Tok k = ps.toks[j].kind;
    if (closes(k)) ++depth;
    else if (opens(k)) --depth;
    else if (depth == 0 && k == Tok::COMMA) break;
    first = j;
  }
  return first;
}

int token_at(const ParserState& ps, int lineno, int col) {
  for (int j = 0; j < ps.ntoks; ++j) {
    if (ps.toks[j].lineno == lineno && ps.toks[j].col_offset == col) return j;
  }
  return -1;
}

// The end (exclusive) of the bitwise_or that PEG's ordered choice reads from token
// `first` — operands, trailers and the arithmetic, shift and bitwise operators, as far
// as they form an expression — or -1 when none starts there.
int bitwise_or_end(const ParserState& ps, int first) {
  const Token* t = ps.toks;
  int e = first, complete = -1;
  bool operand = true;  // an operand is needed next
  while (e < ps.ntoks) {
    Tok k = t[e].kind;
    if (operand) {
      if (k == Tok::PLUS || k == Tok::MINUS || k == Tok::TILDE || k == Tok::KW_AWAIT) {
        ++e;
        continue;
      }
      if (k == Tok::NAME || k == Tok::NUMBER || k == Tok::KW_NONE || k == Tok::KW_TRUE ||
          k == Tok::KW_FALSE || k == Tok::ELLIPSIS) {
        ++e;
      } else if (k == Tok::STRING) {
        while (e < ps.ntoks && t[e].kind == Tok::STRING) ++e;
      } else if (opens(k)) {
        int c = matching_close(ps, e);
        if (c < 0) return complete;
        e = c + 1;
      } else {
        return complete;
      }
      operand = false;
      complete = e;
      continue;
    }
    if (k == Tok::DOT && e + 1 < ps.ntoks && t[e + 1].kind == Tok::NAME) {
      e += 2;
    } else if (k == Tok::LPAR || k == Tok::LSQB) {
      int c = matching_close(ps, e);
      if (c < 0) return complete;
      e = c + 1;
    } else if (k == Tok::PLUS || k == Tok::MINUS || k == Tok::STAR || k == Tok::SLASH ||
               k == Tok::DOUBLESLASH || k == Tok::PERCENT || k == Tok::AT ||
               k == Tok::DOUBLESTAR || k == Tok::LEFTSHIFT || k == Tok::RIGHTSHIFT ||
               k == Tok::AMPER || k == Tok::VBAR || k == Tok::CIRCUMFLEX) {
      ++e;
      operand = true;
      continue;
    } else {
      return complete;
    }
    complete = e;
  }
  return complete;
}

// The end (exclusive) of the longest run of tokens from `first` (before `limit`) that
// is an expression, as PEG's backtracking finds it; -1 when none is.
int expression_prefix_end(const ParserState& ps, int first, int limit) {
  int end = limit;
  for (int tries = 0; end > first && tries < 64; ++tries) {
    if (probe(&ps, Probe::Expr, first, end)) return end;
    --end;
  }
  return -1;
}

// Whether tokens [s, e) are what CPython's annotated assignment takes as its target:
// a name, an attribute or subscript of a primary, or one of those in parentheses.
bool single_target(const ParserState& ps, int s, int e) {
  const Token* t = ps.toks;
  if (e - s == 1) return t[s].kind == Tok::NAME;
  if (t[s].kind == Tok::LPAR && matching_close(ps, s) == e - 1) return single_target(ps, s + 1, e - 1);
  // An atom, then trailers, the last one an attribute or a subscript.
  int j = s;
  if (opens(t[j].kind)) {
    j = matching_close(ps, j);
    if (j < 0) return false;
    ++j;
  } else if (t[j].kind == Tok::STRING) {
    while (j < e && t[j].kind == Tok::STRING) ++j;
  } else if (ends_expression(t[j].kind)) {
    ++j;
  } else {
    return false;
  }
  Tok last = Tok::ENDMARKER;
  while (j < e) {
    if (t[j].kind == Tok::DOT && j + 1 < e && t[j + 1].kind == Tok::NAME) {
      last = Tok::DOT;
      j += 2;
    } else if (t[j].kind == Tok::LPAR || t[j].kind == Tok::LSQB) {
      last = t[j].kind;
      int c = matching_close(ps, j);
      if (c < 0 || c >= e) return false;
      j = c + 1;
    } else {
      return false;
    }
  }
  return last == Tok::DOT || last == Tok::LSQB;
}

// Whether token `i` is in the patterns of a `case` line (before its guard).
bool in_case_pattern(const ParserState& ps, int i) {
  int s = line_start(ps.toks, i);
  if (ps.codes[s] != kTokToBison[static_cast<int>(Tok::KW_CASE)]) return false;
  int depth = 0;
  for (int j = s + 1; j < i; ++j) {
    Tok k = ps.toks[j].kind;
    if (opens(k)) ++depth;
    else if (closes(k)) --depth;
    else if (depth == 0 && k == Tok::KW_IF) return false;
  }
  return true;
}

// Whether token `i` is among the parameters of a lambda (before its ':').
bool in_lambda_params(const ParserState& ps, int i) {
  int depth = 0;
  for (int j = i - 1; j >= 0; --j) {
    Tok k = ps.toks[j].kind;
    if (k == Tok::NEWLINE || k == Tok::INDENT || k == Tok::DEDENT) return false;
    if (closes(k)) {
      ++depth;
    } else if (opens(k)) {
      if (depth-- == 0) return false;
    } else if (depth == 0 && k == Tok::COLON) {
      return false;
    } else if (depth == 0 && k == Tok::KW_LAMBDA) {
      return true;
    }
  }
  return false;
}

// The '(' of the function definition whose parameters hold token `i`, or -1.
int def_params_open(const ParserState& ps, int i) {
  int o = enclosing_open(ps, i);
  if (o >= 2 && ps.toks[o].kind == Tok::LPAR && ps.toks[o - 1].kind == Tok::NAME &&
      ps.toks[o - 2].kind == Tok::KW_DEF) {
    return o;
  }
  return -1;
}

// Whether tokens [a, b) are parameters without defaults, each followed by ',' (CPython's
// param_no_default*): NAME, with an annotation when `annotated`.
bool plain_params(const ParserState& ps, int a, int b, bool annotated, bool last_bare = false) {
  const Token* t = ps.toks;
  int j = a;
  while (j < b) {
    if (t[j].kind != Tok::NAME) return false;
    ++j;
    if (annotated && j < b && t[j].kind == Tok::COLON) {
      int depth = 0, k = j + 1;
      for (; k < b; ++k) {
        Tok kk = t[k].kind;
        if (opens(kk)) ++depth;
        else if (closes(kk)) --depth;
        else if (depth == 0 && (kk == Tok::COMMA || kk == Tok::EQUAL)) break;
      }
      if (k == j + 1) return false;
      j = k;
    }
    if (j == b && last_bare) return true;
    if (j >= b || t[j].kind != Tok::COMMA) return false;
    ++j;
  }
  return true;
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

// -- The grammar's invalid_* rules, as they apply where the LALR parse stops ---------
// Each returns true when it raised its error. They run on token `i`, where the parse
// cannot continue, and recognize the construct around it by the tokens (and, where a
// PEG alternative must match a whole construct, by probing a sub-parse).

// `(x = 1)`, `[a.b = 1]`: '=' in a bracketed named expression (invalid_named_expression).
bool ParserState::bracketed_assignment_error(int i) {
  const Token* t = toks;
  if (t[i].kind != Tok::EQUAL || i < 2 || !ends_expression(t[i - 1].kind)) return false;
  int open = enclosing_open(*this, i);
  if (open < 0) return false;
  // Not a call's arguments (the grammar takes `x=...` there), nor a comprehension.
  if (t[open].kind == Tok::LPAR && open >= 1 && ends_expression(t[open - 1].kind)) return false;
  int depth = 0;
  for (int j = open + 1; j < i; ++j) {
    Tok k = t[j].kind;
    if (opens(k)) ++depth;
    else if (closes(k)) --depth;
    else if (depth == 0 && k == Tok::KW_FOR) return false;
  }
  int e = element_start(*this, open, i);
  int b_end = bitwise_or_end(*this, i + 1);
  if (b_end < 0 || t[b_end].kind == Tok::EQUAL || t[b_end].kind == Tok::COLONEQUAL) return false;
  furthest = b_end;  // the rule read the token after the bitwise_or
  if (e == i - 1 && t[e].kind == Tok::NAME) {
    raise_tok(e, end_tok(b_end - 1), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    return true;
  }
  Tok k0 = t[e].kind;
  if (k0 == Tok::KW_TRUE || k0 == Tok::KW_FALSE || k0 == Tok::KW_NONE) return false;
  if (k0 == Tok::LSQB || k0 == Tok::LPAR) {  // a list, tuple or generator display
    int close = matching_close(*this, e);
    bool display = k0 == Tok::LSQB || close == e + 1;
    depth = 0;
    for (int j = e + 1; j < close; ++j) {
      Tok k = t[j].kind;
      if (opens(k)) ++depth;
      else if (closes(k)) --depth;
      else if (depth == 0 && k == Tok::KW_FOR) display = k0 == Tok::LPAR;
      else if (depth == 0 && k == Tok::COMMA && k0 == Tok::LPAR) display = true;
    }
    if (display) return false;
  }
  Node* a = nullptr;
  if (!strata::probe(this, Probe::Expr, e, i, nullptr, &a) || !a || !is_bitwise_or(this, a, e)) {
    return false;
  }
  raise_node(a, format("cannot assign to %s here. Maybe you meant '==' instead of '='?",
                       expr_name(a)));
  return true;
}

// `def` headers: the forced '(' after the name and ':' after the parameters (and the
// optional return annotation, which PEG drops when no expression follows '->').
bool ParserState::function_header_error(int i) {
  const Token* t = toks;
  if (i >= 2 && t[i - 1].kind == Tok::NAME && t[i - 2].kind == Tok::KW_DEF &&
      t[i].kind != Tok::LPAR) {
    raise_tok(i, i, "expected '('");
    return true;
  }
  int s = line_start(t, i);
  int d = t[s].kind == Tok::KW_ASYNC ? s + 1 : s;
  if (t[d].kind != Tok::KW_DEF || d + 2 >= i || t[d + 2].kind != Tok::LPAR) return false;
  int close = matching_close(*this, d + 2);
  if (close < 0 || close >= i) return false;
  for (int j = close + 1; j < i; ++j) {
    if (t[j].kind == Tok::COLON) return false;  // the header is complete
  }
  int at = close + 1;
  if (t[at].kind == Tok::RARROW) {
    int end = expression_prefix_end(*this, at + 1, i);
    if (end >= 0) at = end;
  }
  if (at > i || t[at].kind == Tok::COLON) return false;
  raise_tok(at, at, "expected ':'");
  return true;
}

// Parameter lists: a default missing after '=', parenthesized parameters.
bool ParserState::parameter_error(int i) {
  const Token* t = toks;
  Tok k = t[i].kind;
  int open = def_params_open(*this, i);
  bool lambda = open < 0 && in_lambda_params(*this, i);
  if (open < 0 && !lambda) return false;
  if ((k == Tok::RPAR || k == Tok::COMMA) && i >= 1 && t[i - 1].kind == Tok::EQUAL) {
    raise_tok(i - 1, i - 1, "expected default value expression");
    return true;
  }
  if (t[i - 1].kind == Tok::SLASH && (t[i - 2].kind == Tok::KW_LAMBDA || i - 2 == open)) {
    raise_tok(i - 1, i - 1, "invalid syntax");  // no parameter before '/': PEG stops there
    return true;
  }
  if (k == Tok::STAR && t[i - 1].kind == Tok::SLASH) {
    raise_tok(i, i, "expected comma between / and *");
    return true;
  }
  if (k != Tok::LPAR) return false;
  int first = open;  // the token before the first parameter
  if (lambda) {
    for (first = i - 1; t[first].kind != Tok::KW_LAMBDA; --first) {
    }
  }
  int close = matching_close(*this, i);
  if (close < 0 || close == i + 1 || !plain_params(*this, first + 1, i, !lambda) ||
      !plain_params(*this, i + 1, close, !lambda, true)) {
    return false;
  }
  raise_tok(i, close, lambda ? "Lambda expression parameters cannot be parenthesized"
                             : "Function parameters cannot be parenthesized");
  return true;
}

// except / except*: no type after '*', several types without parentheses.
bool ParserState::except_error(int i) {
  const Token* t = toks;
  Tok k = t[i].kind;
  int s = line_start(t, i);
  if (t[s].kind != Tok::KW_EXCEPT) return false;
  int e = t[s + 1].kind == Tok::STAR ? s + 2 : s + 1;
  if ((k == Tok::COLON || k == Tok::NEWLINE) && i == s + 2 && e == i) {
    raise_tok(i, i, "expected one or more exception types");
    return true;
  }
  if (k != Tok::COMMA || i <= e || enclosing_open(*this, i) >= 0) return false;
  for (int j = e; j < i; ++j) {
    if (t[j].kind == Tok::KW_AS) return false;  // `except A as b, c`: no expression before ','
  }
  // 'except' '*'? expression ',' expressions ['as' NAME] ':'
  int j = i + 1, depth = 0;
  for (; j < ntoks; ++j) {
    Tok kj = t[j].kind;
    if (opens(kj)) ++depth;
    else if (closes(kj)) --depth;
    else if (depth == 0 && (kj == Tok::KW_AS || kj == Tok::COLON || kj == Tok::NEWLINE)) break;
  }
  if (j >= ntoks || !strata::probe(this, Probe::Exprs, i + 1, j)) return false;
  if (t[j].kind == Tok::KW_AS) j = t[j + 1].kind == Tok::NAME ? j + 2 : -1;
  if (j < 0 || t[j].kind != Tok::COLON) return false;
  // From the first type to where the tokenizer stands: just past the ':'.
  raise("SyntaxError", t[e].lineno, t[e].col_offset, t[j].end_lineno, t[j].end_col_offset - 1,
        "multiple exception types must be parenthesized");
  return true;
}

// A line that begins with `match` but no ':' ends: CPython tries it as a match
// statement, whose subject may run further than the expression statement did. And a
// capture pattern's target that is no name.
bool ParserState::match_error(int i) {
  const Token* t = toks;
  int s = line_start(t, i);
  if (i >= 1 && t[i - 1].kind == Tok::KW_AS && t[i].kind != Tok::NAME &&
      in_case_pattern(*this, i)) {
    int e = i;
    while (e < ntoks && t[e].kind != Tok::NEWLINE && t[e].kind != Tok::ENDMARKER) ++e;
    int end = expression_prefix_end(*this, i, e);
    if (end < 0) return false;
    raise_tok(i, end - 1, "invalid pattern target");
    return true;
  }
  if (!is_name(s, "match") || codes[s] != kTokToBison[static_cast<int>(Tok::NAME)] ||
      i != s + 1 || !(starts_expression(t[i].kind) || t[i].kind == Tok::STAR)) {
    return false;
  }
  int e = i;
  while (e < ntoks && t[e].kind != Tok::NEWLINE && t[e].kind != Tok::ENDMARKER &&
         t[e].kind != Tok::ERRORTOKEN) {
    ++e;
  }
  if (e >= ntoks || t[e].kind != Tok::NEWLINE) return false;
  int fail;
  if (!strata::probe(this, Probe::Subject, i, e, &fail)) {
    if (fail <= i) return false;
    report_syntax_error(fail);  // where the match statement's parse got furthest
    return true;
  }
  raise_tok(e, e, "expected ':'");
  return true;
}

// Calls and groups: `args ',' '*'` with nothing the star applies to, '**' in a group.
bool ParserState::call_error(int i) {
  const Token* t = toks;
  if (i >= 1 && t[i].kind == Tok::DOUBLESTAR && t[i - 1].kind == Tok::LPAR &&
      !(i >= 2 && ends_expression(t[i - 2].kind))) {
    int close = matching_close(*this, i - 1);
    if (close > i + 1 && expression_prefix_end(*this, i + 1, close) == close) {
      raise_tok(i, i, "cannot use double starred expression here");
      return true;
    }
    return false;
  }
  if (i < 4 || t[i - 1].kind != Tok::STAR || t[i - 2].kind != Tok::COMMA) return false;
  int open = enclosing_open(*this, i - 1);
  if (open < 1 || open + 1 > i - 3 || t[open].kind != Tok::LPAR ||
      !ends_expression(t[open - 1].kind) || (open >= 2 && t[open - 2].kind == Tok::KW_DEF)) {
    return false;
  }
  int depth = 0;
  for (int j = open + 1; j < i - 2; ++j) {
    Tok k = t[j].kind;
    if (opens(k)) ++depth;
    else if (closes(k)) --depth;
    else if (depth == 0 && (k == Tok::KW_FOR || k == Tok::KW_ASYNC)) return false;
  }
  raise_tok(open + 1, end_tok(i - 3),
            "iterable argument unpacking follows keyword argument unpacking");
  return true;
}

// Comprehensions: a starred element, an unparenthesized tuple as the element, '**' in
// a dict comprehension, and `f(x=1 for x in y)`.
bool ParserState::comprehension_error(int i) {
  const Token* t = toks;
  Tok k = t[i].kind;
  if (!(k == Tok::KW_FOR || (k == Tok::KW_ASYNC && t[i + 1].kind == Tok::KW_FOR)) ||
      in_case_pattern(*this, i)) {
    return false;
  }
  int open = enclosing_open(*this, i);
  if (open < 0) return false;
  int close = matching_close(*this, open);
  if (close < 0 || !strata::probe(this, Probe::CompFor, i, close)) return false;
  Tok ok = t[open].kind;
  int item = element_start(*this, open, i);
  bool call = ok == Tok::LPAR && open >= 1 && ends_expression(t[open - 1].kind) &&
              !(open >= 2 && t[open - 2].kind == Tok::KW_DEF);
  if (call && t[item].kind == Tok::NAME && t[item + 1].kind == Tok::EQUAL && item + 2 < i) {
    raise_tok(item, item + 1, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    return true;
  }
  if (t[open + 1].kind == Tok::STAR && item == open + 1) {
    raise_tok(open + 1, end_tok(i - 1), "iterable unpacking cannot be used in comprehension");
    return true;
  }
  if (ok == Tok::LBRACE && t[open + 1].kind == Tok::DOUBLESTAR && item == open + 1 &&
      close == matching_close(*this, open)) {
    raise_tok(open + 1, open + 1, "dict unpacking cannot be used in dict comprehension");
    return true;
  }
  if (ok != Tok::LSQB && ok != Tok::LBRACE) return false;
  // The items before `for` must all be star_named_expressions, more than one.
  int commas = 0, depth = 0;
  bool start = true;
  for (int j = open + 1; j < i; ++j) {
    Tok kj = t[j].kind;
    if (start && kj == Tok::DOUBLESTAR) return false;
    start = false;
    if (opens(kj)) {
      ++depth;
    } else if (closes(kj)) {
      --depth;
    } else if (depth == 0 && kj == Tok::COMMA) {
      ++commas;
      start = true;
    } else if (depth == 0 && (kj == Tok::COLON || kj == Tok::KW_LAMBDA)) {
      return false;
    }
  }
  if (commas == 0) return false;
  int last = i - 1;
  if (t[last].kind == Tok::COMMA && commas > 1) --last;  // `b` in `[a, b, for ...]`
  raise_tok(open + 1, last, "did you forget parentheses around the comprehension target?");
  return true;
}

// Dict displays: a starred value, a missing value.
bool ParserState::dict_display_error(int i) {
  const Token* t = toks;
  Tok k = t[i].kind;
  if (i < 2 || t[i - 1].kind != Tok::COLON || in_case_pattern(*this, i)) return false;
  int open = enclosing_open(*this, i);
  if (open < 0 || t[open].kind != Tok::LBRACE) return false;
  int key = element_start(*this, open, i - 1);
  if (key >= i - 1 || t[key].kind == Tok::DOUBLESTAR) return false;
  int depth = 0;
  for (int j = key; j < i - 1; ++j) {
    Tok kj = t[j].kind;
    if (opens(kj)) ++depth;
    else if (closes(kj)) --depth;
    else if (depth == 0 && (kj == Tok::COLON || kj == Tok::KW_LAMBDA)) return false;
  }
  if (k == Tok::STAR) {
    int end = bitwise_or_end(*this, i + 1);
    if (end < 0 || end >= ntoks) return false;
    // From the '*' to where the tokenizer stands: past the token after the value.
    raise("SyntaxError", t[i].lineno, t[i].col_offset, t[end].end_lineno,
          t[end].end_col_offset - 1, "cannot use a starred expression in a dictionary value");
    return true;
  }
  if (k == Tok::RBRACE || k == Tok::COMMA) {
    raise_tok(i - 1, i - 1, "expression expected after dictionary key and ':'");
    return true;
  }
  return false;
}

// Chooses CPython's message for a parse that cannot continue at token `i`. Add new
// specialized messages here, most specific first; the generic "invalid syntax" (or a
// pending tokenizer error) comes last.
// The rules for specialized messages, most specific first; true when one raised.
bool ParserState::specific_error(int i) {
  const Token* t = toks;
  Tok k = t[i].kind;

  // A block's header followed by a line that is not indented.
  if (k != Tok::INDENT && i >= 2 && t[i - 1].kind == Tok::NEWLINE && t[i - 2].kind == Tok::COLON) {
    int s = line_start(t, i - 2);
    bool quoted;
    if (const char* what = block_statement_name(*this, s, &quoted)) {
      int line = t[s].lineno;
      // CPython points at the token after the NEWLINE; a DEDENT or ENDMARKER has no
      // column and its fallback (the tokenizer's cursor, after the indentation) ends up
      // left of the shown text: no caret.
      int line_no = t[i].lineno, col = t[i].col_offset;
      raise("IndentationError", line_no, col, line_no, -1,
            quoted ? format("expected an indented block after '%s' statement on line %d", what, line)
                   : format("expected an indented block after %s on line %d", what, line));
      return true;
    }
  }

  if (k == Tok::INDENT) {
    // Raised after the parse, not by a rule: no later tokenizer error replaces it.
    raise("IndentationError", t[i].lineno, t[i].col_offset, t[i].end_lineno, -1,
          "unexpected indent");
    final = true;
    return true;
  }

  if (bracketed_assignment_error(i)) return true;
  if (function_header_error(i)) return true;
  if (parameter_error(i)) return true;
  if (except_error(i)) return true;
  if (match_error(i)) return true;
  if (call_error(i)) return true;
  if (comprehension_error(i)) return true;
  if (dict_display_error(i)) return true;

  // `x == y:` with nothing after the ':': CPython's annotated assignment wants a single
  // target before the ':', so its first pass stopped at the ':'.
  if (i >= 2 && t[i - 1].kind == Tok::COLON && !starts_expression(k)) {
    int s = line_start(t, i);
    bool lambda = false;
    for (int j = s; j < i - 1; ++j) lambda |= t[j].kind == Tok::KW_LAMBDA;
    if (s < i - 1 && starts_expression(t[s].kind) && !lambda && t[s].kind != Tok::KW_NOT &&
        codes[s] == kTokToBison[static_cast<int>(t[s].kind)] &&
        enclosing_open(*this, i - 1) < 0 && !single_target(*this, s, i - 1)) {
      raise_tok(i - 1, i - 1, "invalid syntax");
      return true;
    }
  }

  // A block's header without its ':'.
  {
    int s = line_start(t, i);
    bool quoted;
    const char* what = s < i ? block_statement_name(*this, s, &quoted) : nullptr;
    // A soft keyword the token feed left a name is no statement's head here (a match
    // header that lacks only its ':' is match_error's).
    if (what && t[s].kind == Tok::NAME && codes[s] == kTokToBison[static_cast<int>(Tok::NAME)]) {
      what = nullptr;
    }
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
        return true;
      }
      // The rules want the header complete up to the NEWLINE (`if x +` is no `if x`).
      int h = t[s].kind == Tok::KW_ASYNC ? s + 2 : s + 1;
      bool complete = true;
      if (head == Tok::KW_IF || head == Tok::KW_ELIF || head == Tok::KW_WHILE) {
        complete = strata::probe(this, Probe::Named, h, i);
      } else if (head == Tok::KW_FOR) {
        complete = strata::probe(this, Probe::ForHead, h, i);
        Node* e = nullptr;
        // CPython's invalid_for_target: the header read as expressions, its target bad.
        if (!complete && k == Tok::NEWLINE && strata::probe(this, Probe::Exprs, h, i, nullptr, &e)) {
          if (const Node* bad = e ? invalid_target(e, Targets::For) : nullptr) {
            raise_node(bad, format("cannot assign to %s", expr_name(bad)));
            return true;
          }
        }
      }
      if (no_colon && k == Tok::NEWLINE && head != Tok::KW_DEF && complete) {
        raise("SyntaxError", t[i].lineno, t[i].col_offset, t[i].end_lineno, -1, "expected ':'");
        return true;
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
      return true;
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
      return true;
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
      return true;
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
      // Not a comprehension's condition (`for x in y if z`).
      bool condition = false;
      depth = 0;
      for (int j = a - 1; j >= s; --j) {
        Tok p = t[j].kind;
        if (closes(p)) ++depth;
        else if (opens(p)) { if (depth == 0) break; --depth; }
        else if (depth == 0 && (p == Tok::COMMA || p == Tok::COLON)) break;
        else if (depth == 0 && p == Tok::KW_FOR) { condition = true; break; }
      }
      if (!condition) {
        raise_tok(a, i - 1, "expected 'else' after 'if' expression");
        return true;
      }
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
        return true;
      }
    }
  }

  // `if x = 1:` — '=' where a named expression is parsed, after a plain name.
  if (k == Tok::EQUAL && i >= 2 && t[i - 1].kind == Tok::NAME &&
      (t[i - 2].kind == Tok::KW_IF || t[i - 2].kind == Tok::KW_ELIF ||
       t[i - 2].kind == Tok::KW_WHILE) &&
      line_start(t, i) == i - 2) {  // a statement's condition (a comprehension's is no
                                    // named expression)
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
      return true;
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
    return true;
  }

  // Two expressions side by side inside brackets: a missing comma. (After `x not`
  // with no `in`, the second expression is the `not ...`.)
  const int stop = i;
  if (i >= 2 && t[i - 1].kind == Tok::KW_NOT && k != Tok::KW_IN &&
      ends_expression(t[i - 2].kind) && starts_expression(k)) {
    --i;
    k = t[i].kind;
  }
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
        } else if (p == Tok::ERRORTOKEN ||
                   (depth == 0 && (element_boundary(p) ||
                                   (j > i && starts_expression(p) &&
                                    ends_expression(t[j - 1].kind) &&
                                    !(p == Tok::STRING && t[j - 1].kind == Tok::STRING))))) {
          break;
        }
        b = j;
      }
      bool soft = is_name(a, "match") || is_name(a, "case") || is_name(a, "_") ||
                  (a >= 1 && (t[a - 1].kind == Tok::KW_IN || t[a - 1].kind == Tok::KW_FOR));
      if (a >= 1 && t[a - 1].kind == Tok::KW_IF) {
        // A comprehension's condition is a disjunction: no invalid_expression there.
        int d = 0;
        for (int j = a - 2; j >= 0; --j) {
          Tok p = t[j].kind;
          if (closes(p)) ++d;
          else if (opens(p)) { if (d == 0) break; --d; }
          else if (d == 0 && (p == Tok::COMMA || p == Tok::COLON)) break;
          else if (d == 0 && p == Tok::KW_FOR) { soft = true; break; }
        }
      }
      if (!(t[a].kind == Tok::NAME && a + 1 < ntoks && t[a + 1].kind == Tok::STRING) && !soft) {
        if (b + 1 < ntoks && t[b + 1].kind == Tok::ERRORTOKEN && lex_error) {
          // Parsing the second expression reads the token after it: the tokenizer's
          // error is raised right there.
          adopt(*lex_error, true);
          return true;
        }
        // A parenthesized expression's node starts inside its parentheses.
        for (int ae = i - 1; t[a].kind == Tok::LPAR && matching_close(*this, a) == ae; --ae) {
          bool group = ae > a + 1;
          int d = 0;
          for (int j = a + 1; j < ae && group; ++j) {
            Tok p = t[j].kind;
            if (opens(p)) ++d;
            else if (closes(p)) --d;
            else if (d == 0 && (p == Tok::COMMA || p == Tok::KW_FOR)) group = false;
          }
          if (!group) break;
          ++a;
        }
        furthest = b + 1;  // parsing b read the token after it
        raise_tok(a, b, "invalid syntax. Perhaps you forgot a comma?");
        return true;
      }
    }
  }

  i = stop;
  k = t[i].kind;

  // In a call's arguments, CPython takes a comprehension only as the sole positional
  // argument: when one after another argument (or a class's bases) does not parse, its
  // first pass stopped at the `for`.
  {
    int open = enclosing_open(*this, i);
    if (open >= 1 && t[open].kind == Tok::LPAR && ends_expression(t[open - 1].kind) &&
        !(open >= 2 && t[open - 2].kind == Tok::KW_DEF)) {
      bool bases = open >= 2 && t[open - 2].kind == Tok::KW_CLASS;
      int comp = -1, depth = 0;  // the first `for` of the argument the parse stopped in
      for (int j = i - 1; j > open; --j) {
        Tok p = t[j].kind;
        if (closes(p)) ++depth;
        else if (opens(p)) --depth;
        else if (depth == 0 && p == Tok::KW_FOR) comp = t[j - 1].kind == Tok::KW_ASYNC ? j - 1 : j;
      }
      if (comp > open) {
        int item = element_start(*this, open, comp);
        bool keyword = t[item].kind == Tok::NAME && t[item + 1].kind == Tok::EQUAL;
        if (item > open + 1 && !bases && !keyword) {
          // invalid_arguments' `args for_if_clauses`: for_if_clauses takes as many
          // clauses as parse.
          for (int end = i, tries = 0; end > comp + 3 && tries < 64; --end, ++tries) {
            if (strata::probe(this, Probe::CompFor, comp, end)) {
              raise_tok(item, end_tok(end - 1), "Generator expression must be parenthesized");
              return true;
            }
          }
        }
        if (item > open + 1 || bases || keyword) {
          raise_tok(comp, comp, "invalid syntax");
          return true;
        }
      }
    }
  }

  return false;
}

void ParserState::report_syntax_error(int i) {
  if (failed) return;
  if (probe) {  // i == ntoks: the construct was cut short
    failed = true;
    fail_tok = i;
    return;
  }
  if (i < 0) i = 0;
  if (i >= ntoks) i = ntoks - 1;
  const Token* t = toks;
  Tok k = t[i].kind;

  // The tokenizer stopped here.
  if (k == Tok::ERRORTOKEN && lex_error) {
    adopt(*lex_error, true);
    return;
  }
  error_tok = i;
  if (specific_error(i)) return;
  // CPython's invalid_expression (`a b`) parses an expression from here in its second
  // pass, and the rules met inside its brackets may raise their error.
  if (i >= 1 && starts_expression(k) && ends_operand(*this, i - 1)) {
    int fail;
    if (!strata::probe(this, Probe::Expr, i, ntoks - 1, &fail) && fail > i && fail < ntoks &&
        t[fail].kind != Tok::ERRORTOKEN && enclosing_open(*this, fail) >= i &&
        specific_error(fail)) {
      return;
    }
  }
  // A dedent where the parse needs more: raised after the parse, as "unexpected
  // indent" is, and final too.
  if (k == Tok::DEDENT) {
    raise("IndentationError", t[i].lineno, -1, t[i].lineno, -1, "unexpected unindent");
    final = true;
    return;
  }

  // The generic error (run() then lets a tokenizer error further on replace it).
  if (k == Tok::ENDMARKER && i > 0) {
    raise("SyntaxError", t[i].lineno, t[i].col_offset, t[i].end_lineno, t[i].end_col_offset,
          "invalid syntax");
    return;
  }
  raise_tok(i, i, "invalid syntax");
}

// -- Entry points ------------------------------------------------------------------------

namespace {

// CPython's last word on a parser error (_PyPegen_tokenize_full_source_to_check_for_errors):
// it tokenizes the rest of the source, and an error its tokenizer raises there replaces
// the parser's; so does a bracket left open at the end, when opened on a line before the
// last token the parser read. The tokenizer's conditions that its parser reports
// (indentation, a bad continuation) leave the parser's error standing.
void prefer_tokenizer_error(ParserState& ps) {
  if (!ps.lex_error || ps.from_tokenizer || ps.final) return;
  const SyntaxErrorInfo& le = *ps.lex_error;
  bool unclosed = le.msg.find("was never closed") != std::string::npos;
  if (unclosed) {
    int read = ps.last_read();
    if (ps.furthest > read && ps.furthest < ps.ntoks) read = ps.furthest;
    // CPython's invalid_expression rule reads an expression at the error (`a b`): as
    // far as it parses, inside a bracket left open possibly to the end.
    int i = ps.error_tok;
    if (i >= 1 && starts_expression(ps.toks[i].kind) && ends_operand(ps, i - 1)) {
      int fail;
      if (probe(&ps, Probe::Expr, i, ps.ntoks - 1, &fail)) fail = ps.ntoks - 1;
      if (fail > read) read = fail < ps.ntoks ? fail : ps.ntoks - 1;
    }
    if (ps.toks[read].lineno <= le.lineno) return;
  } else if (reported_by_parser(le)) {
    return;
  }
  ps.failed = false;
  ps.adopt(le, true);
}

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
    prefer_tokenizer_error(ps);
    return nullptr;
  }
  return ps.result;
}

// -- Single input ---------------------------------------------------------------------------
//
// CPython reads single-mode source (compile(..., 'single'), codeop) without appending a
// newline, and pegen turns the first ENDMARKER into a NEWLINE, followed by the dedents it
// implies (none with kDontImplyDedent); its `interactive` rule parses one statement and
// ignores the tokens after it, and any text but blank lines and comments after a simple
// statement is "multiple statements". Our lexer tokenizes as for exec mode (a newline
// appended), so parse_single adjusts the end of the token array to what pegen sees and
// hands the grammar only the first statement.

// Tokenizer errors CPython's tokenizer raises only once it has read to the end of the
// input (its E_EOF, E_EOFS, E_EOLS): with kAllowIncompleteInput, "more input to come".
bool lex_error_at_end(const SyntaxErrorInfo& e, std::string_view src) {
  auto has = [&](const char* m) { return e.msg.find(m) != std::string::npos; };
  if (has("was never closed") || has("unexpected EOF while parsing") ||
      has("unterminated triple-quoted string literal")) {
    return true;
  }
  // A one-quote string reaches the end of input only on a last line without newline.
  int last_line = 1 + static_cast<int>(std::count(src.begin(), src.end(), '\n'));
  return has("unterminated string literal") && !src.empty() && src.back() != '\n' &&
         e.lineno == last_line;
}

bool starts_compound_stmt(const ParserState& ps) {
  switch (ps.toks[0].kind) {
    case Tok::KW_IF: case Tok::KW_WHILE: case Tok::KW_FOR: case Tok::KW_TRY:
    case Tok::KW_WITH: case Tok::KW_DEF: case Tok::KW_CLASS: case Tok::KW_ASYNC:
    case Tok::AT:
      return true;
    default:
      return ps.is_name(0, "match") && starts_match(ps, 0);
  }
}

bool blank_or_comments(std::string_view rest) {
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (c == '#') {
      while (i < rest.size() && rest[i] != '\n') ++i;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      return false;
    }
  }
  return true;
}

ast::Node* parse_single(const ParserState& proto, LexResult& lex, int flags,
                        SyntaxErrorInfo& error) {
  std::string_view src = proto.source;
  std::vector<Token>& t = lex.tokens;
  bool lex_failed = t.back().kind == Tok::ERRORTOKEN;
  // The first token CPython's tokenizer produces only after reaching the end of input.
  int end_index = lex_failed ? static_cast<int>(t.size()) : static_cast<int>(t.size()) - 1;
  if (!lex_failed && t.size() > 1) {
    size_t e = t.size() - 1;  // ENDMARKER
    size_t d = e;             // the first of the dedents at the end
    while (d > 0 && t[d - 1].kind == Tok::DEDENT) --d;
    if (d > 0 && t[d - 1].kind == Tok::NEWLINE) {
      Token converted = t[e];
      converted.kind = Tok::NEWLINE;
      int last_line = 1 + static_cast<int>(std::count(src.begin(), src.end(), '\n'));
      bool newline_at_end = src.empty() || src.back() == '\n';
      // pegen converts every ENDMARKER that does not follow a converted one; the dedents
      // it implies come between two conversions.
      bool implied = !(flags & kDontImplyDedent) && e > d;
      if (newline_at_end) {
        end_index = static_cast<int>(d);  // the tokenizer's own dedents at end of input
        t.insert(t.begin() + e, converted);
      } else if (t[d - 1].lineno == last_line) {
        // The last line has tokens: the lexer's NEWLINE for the newline it appended is
        // pegen's converted ENDMARKER.
        end_index = static_cast<int>(d) - 1;
        if (implied) t.insert(t.begin() + e, converted);
        else t.erase(t.begin() + d, t.begin() + e);
      } else {
        // A last line of only a comment: no dedent was measured on it.
        end_index = static_cast<int>(d);
        if (implied) t.insert(t.begin() + e, converted);
        else t.erase(t.begin() + d, t.begin() + e);
        t.insert(t.begin() + d, converted);
      }
    }
  }
  // One parse of `toks`: the tree, or null with `err` filled and `reached` the furthest
  // token read.
  auto attempt = [&](std::vector<Token> toks, SyntaxErrorInfo& err, int& reached) {
    LexResult sub;
    sub.tokens = std::move(toks);
    sub.error = lex.error;
    ParserState ps(proto.arena, proto.source);
    ps.byte_offsets = proto.byte_offsets;
    ps.bom = proto.bom;
    ps.physical = proto.physical;
    ast::Node* tree = run(ps, sub, kBisonStartSingle, err);
    reached = std::max({ps.last_read(), ps.error_tok, ps.furthest});
    return tree;
  };
  auto incomplete = [&](SyntaxErrorInfo& err) {
    err.type = "SyntaxError";
    err.msg = kIncompleteInput;
  };
  bool allow_incomplete = flags & kAllowIncompleteInput;
  ParserState first(proto.arena, src);
  first.toks = t.data();
  first.ntoks = static_cast<int>(t.size());
  int nl = -1;  // the NEWLINE ending the first logical line
  for (int i = 0; i < first.ntoks && t[i].kind != Tok::ERRORTOKEN; ++i) {
    if (t[i].kind == Tok::NEWLINE) {
      nl = i;
      break;
    }
  }
  int reached = 0;
  if (nl >= 0 && !starts_compound_stmt(first)) {
    std::vector<Token> line(t.begin(), t.begin() + nl + 1);
    Token end = t[nl + 1 < first.ntoks ? nl + 1 : nl];
    end.kind = Tok::ENDMARKER;
    line.push_back(end);
    ast::Node* tree = attempt(std::move(line), error, reached);
    if (!tree) {
      if (allow_incomplete && reached >= end_index) incomplete(error);
      return nullptr;
    }
    size_t rest = std::min<size_t>(t[nl].end + 1, src.size());
    if (!blank_or_comments(src.substr(rest))) {
      ParserState ps(proto.arena, src);
      ps.toks = t.data();
      ps.ntoks = first.ntoks;
      ps.error = &error;
      ps.byte_offsets = proto.byte_offsets;
      ps.raise("SyntaxError", t[nl].lineno, t[nl].col_offset, t[nl].lineno, t[nl].col_offset,
               "multiple statements found while compiling a single statement");
      return nullptr;
    }
    return tree;
  }
  ast::Node* tree = attempt(t, error, reached);
  if (!tree && allow_incomplete) {
    bool at_end = lex_failed ? reached >= end_index - 1 && lex_error_at_end(lex.error, src)
                             : reached >= end_index;
    if (at_end) incomplete(error);
  }
  return tree;
}

}  // namespace

bool probe(const ParserState* parent, Probe what, int first, int end, int* fail,
           ast::Node** node) {
  if (fail) *fail = first;
  if (first < 0 || end > parent->ntoks || first >= end) return false;
  SyntaxErrorInfo scratch;
  ParserState ps(parent->arena, parent->source);
  ps.toks = parent->toks + first;
  ps.ntoks = end - first;
  ps.codes.assign(parent->codes.begin() + first, parent->codes.begin() + end);
  ps.error = &scratch;
  ps.fstring = parent->fstring;
  ps.probe = true;
  ps.start_code = kBisonProbe[static_cast<int>(what)];
  int rc = run_bison(&ps);
  if (fail) *fail = first + (ps.fail_tok < 0 ? ps.last_read() : ps.fail_tok);
  if (node) *node = ps.result;
  return rc == 0 && ps.probe_ok && !ps.failed;
}

ast::Node* parse(std::string_view source, std::string_view filename, ParseMode mode,
                 Arena& arena, SyntaxErrorInfo& error, int flags) {
  std::string utf8;
  error.filename = std::string(filename);  // decode_source names the file in a message
  if (!decode_source(source, utf8, error)) {
    error.filename = std::string(filename);
    return nullptr;
  }
  // Identifiers point into the source text, so it lives in the arena with the tree.
  const char* text = arena.copy(utf8.data(), utf8.size());
  std::string_view src(text, utf8.size());
  LexResult lex = tokenize(src, arena);
  ParserState ps(arena, src);
  ps.byte_offsets = !source_encoding_known(source);
  ps.bom = source.size() >= 3 && source.substr(0, 3) == "\xEF\xBB\xBF";
  if (std::memchr(source.data(), 0, source.size())) {
    ps.physical = ps.bom ? source.substr(3) : source;
  }
  int start = kBisonStartFile;
  switch (mode) {
    case ParseMode::Exec: start = kBisonStartFile; break;
    case ParseMode::Eval: start = kBisonStartEval; break;
    case ParseMode::Single: start = kBisonStartSingle; break;
    case ParseMode::FuncType: start = kBisonStartFuncType; break;
  }
  ast::Node* tree = mode == ParseMode::Single ? parse_single(ps, lex, flags, error)
                                              : run(ps, lex, start, error);
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
  ps.byte_offsets = true;  // CPython's sub-parser reads a string with no encoding
  ps.first_lineno = options.first_lineno;
  ps.first_col = options.first_col;
  return run(ps, lex, kBisonStartFstring, error);
}

}  // namespace strata
