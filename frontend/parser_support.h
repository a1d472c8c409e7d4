// frontend/parser_support.h — what the grammar's actions (frontend/parser.y) build with:
// the parser state and token feed, arena-backed lists, node constructors that position
// nodes from token spans, target/context validation and the syntax-error reporting.
//
// Positions: every grammar symbol's location is the inclusive range of token indices it
// covers (Loc). A node made for a rule starts where the rule's first token starts and
// ends where its last non-whitespace token ends — CPython's EXTRA.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "frontend/arena.h"
#include "frontend/ast.h"
#include "frontend/diagnostic.h"
#include "frontend/token.h"

namespace strata {

struct Loc {
  int first, last;  // token indices, inclusive; last < first for an empty rule
  Loc() = default;
  constexpr Loc(int f, int l) : first(f), last(l) {}
  // Bison's skeleton initializes locations with four numbers; they mean nothing here.
  constexpr Loc(int, int, int, int) : first(0), last(0) {}
};

// A growable array in the arena: growth copies into a new arena block (the old one is
// abandoned), so a list of n items costs at most 2n slots and no heap allocation.
template <class T>
struct ArenaList {
  T* items;
  uint32_t size;
  uint32_t cap;
  bool comma;  // the source list ended with a trailing comma
};

template <class T>
ArenaList<T>* list_new(Arena& arena, uint32_t cap = 4) {
  auto* l = arena.make<ArenaList<T>>();
  l->items = arena.array<T>(cap);
  l->size = 0;
  l->cap = cap;
  l->comma = false;
  return l;
}

template <class T>
void list_push(Arena& arena, ArenaList<T>* l, T x) {
  if (l->size == l->cap) {
    T* bigger = arena.array<T>(l->cap * 2);
    std::memcpy(static_cast<void*>(bigger), l->items, sizeof(T) * l->size);
    l->items = bigger;
    l->cap *= 2;
  }
  l->items[l->size++] = x;
}

template <class T>
ast::Seq<T> to_seq(const ArenaList<T>* l) {
  if (!l) return {};
  return ast::Seq<T>{l->items, l->size};
}

using NodeVec = ArenaList<ast::Node*>;
using IdentVec = ArenaList<ast::Str>;

struct CmpChain {
  ArenaList<ast::CmpOpKind>* ops;
  NodeVec* exprs;
};

// One function or lambda parameter as written, checked and sorted by build_arguments.
enum class ParamKind : uint8_t { Plain, Slash, Star, DoubleStar };
struct Param {
  ParamKind kind;
  ast::arg* arg;       // null for '/' and a bare '*'
  ast::Node* def;      // default value, or null
  int tok;             // the '/', '*', '**' token or the name
};
using ParamVec = ArenaList<Param>;

// One call argument as written; sorted into args/keywords by make_call.
enum class ArgKind : uint8_t { Positional, Star, Keyword, DoubleStar, BareGenexp };
struct CallArg {
  ArgKind kind;
  ast::Node* node;  // expression, Starred, keyword or GeneratorExp
  Loc loc;
};
using ArgVec = ArenaList<CallArg>;

struct AssignChain {
  NodeVec* targets;
  Loc first;  // location of the first target
};

struct Handler {
  ast::Node* node;  // ExceptHandler
  bool star;        // except*
  int tok;          // the 'except' token
};
using HandlerVec = ArenaList<Handler>;

struct DictItems {
  NodeVec* keys;
  NodeVec* values;
};

struct PatternArgs {  // class pattern arguments / mapping pattern items
  NodeVec* patterns;
  IdentVec* names;
  NodeVec* kw_patterns;
  NodeVec* keys;
  int first_kw = -1;   // index in `all` of the first keyword pattern
  bool bad_order = false;
  Loc bad_first, bad_last;  // positional patterns after keyword ones
};

enum class Targets : uint8_t { Star, Del, For };

class ParserState {
 public:
  ParserState(Arena& a, std::string_view src) : arena(a), source(src) {}

  Arena& arena;
  std::string_view source;
  const Token* toks = nullptr;
  int ntoks = 0;
  std::vector<int> codes;  // the Bison token kind of each token (after reclassifying)
  int start_code = 0;      // the start token selecting the start rule
  int pos = -1;            // -1: the start token is next
  bool fstring = false;    // parsing an f-string replacement field

  ast::Node* result = nullptr;
  SyntaxErrorInfo* error = nullptr;
  bool failed = false;         // an error was raised (by an action or the reporter)
  bool overflow = false;       // Bison's stack limit was reached
  const SyntaxErrorInfo* lex_error = nullptr;  // the tokenizer's error, if it stopped
  bool from_tokenizer = false;  // the error raised is the tokenizer's (lex_error)
  bool final = false;           // no later tokenizer error replaces the error raised
  int error_tok = -1;           // where the parse stopped, for the reporter's rules
  int furthest = -1;            // the furthest token a rule had CPython's parser read

  // How CPython shows its parser's errors (not the tokenizer's): whether columns count
  // bytes (SyntaxErrorInfo::byte_offsets), and which text it shows for a line.
  bool byte_offsets = false;
  bool bom = false;             // the file began with a UTF-8 BOM: line 1's text keeps it
  std::string_view physical;    // when NUL bytes joined lines: the file's own lines
  int first_lineno = 1, first_col = 0;  // f-string sub-parser: where its text starts

  // A probe parses a token range as one construct to learn whether it is one (the
  // PEG grammar's lookaheads and alternatives that LALR cannot express); it reports
  // nothing.
  bool probe = false;
  bool probe_ok = false;
  int fail_tok = -1;           // probe: the token at which it failed

  // -- positions ------------------------------------------------------------------
  int end_tok(int i) const {
    while (i > 0 && is_layout(toks[i].kind)) --i;
    return i;
  }
  static bool is_layout(Tok k) {
    return k == Tok::NEWLINE || k == Tok::INDENT || k == Tok::DEDENT || k == Tok::ENDMARKER;
  }
  void locate(ast::Node* n, Loc l) const {
    const Token& a = toks[l.first];
    const Token& b = toks[end_tok(l.last)];
    n->lineno = a.lineno;
    n->col_offset = a.col_offset;
    n->end_lineno = b.end_lineno;
    n->end_col_offset = b.end_col_offset;
  }
  ast::Str text(int tok) const { return ast::Str{toks[tok].text, toks[tok].text_len}; }
  bool is_name(int tok, const char* word) const {
    size_t n = std::strlen(word);
    return toks[tok].kind == Tok::NAME && toks[tok].text_len == n &&
           std::memcmp(toks[tok].text, word, n) == 0;
  }

  // -- errors -----------------------------------------------------------------------
  // Raise a SyntaxError (or IndentationError) spanning the given positions.
  void raise(const char* type, int lineno, int col, int end_lineno, int end_col, std::string msg);
  void raise_node(const ast::Node* n, std::string msg);
  void raise_range(const ast::Node* a, const ast::Node* b, std::string msg);
  void raise_tok(int first, int last, std::string msg, const char* type = "SyntaxError");
  // Called by Bison when token `tok` cannot be shifted: picks CPython's message.
  void report_syntax_error(int tok);
  bool specific_error(int tok);
  bool tokenizer_first();
  bool bracketed_assignment_error(int tok);
  bool function_header_error(int tok);
  bool parameter_error(int tok);
  bool except_error(int tok);
  bool match_error(int tok);
  bool call_error(int tok);
  bool comprehension_error(int tok);
  bool dict_display_error(int tok);
  // Takes over an error found outside the grammar: the tokenizer's (`tokenizer` true)
  // or the string decoder's, completing its text as CPython would.
  void adopt(const SyntaxErrorInfo& e, bool tokenizer);
  // The text CPython shows for line `lineno` in a parser error.
  std::string error_text(int lineno) const;
  void show_as_decoded(SyntaxErrorInfo& e) const;
  // The last token the parser has read (CPython's p->tokens[p->fill - 1]).
  int last_read() const { return pos < 1 ? 0 : (pos - 1 < ntoks ? pos - 1 : ntoks - 1); }
};

enum class Probe { Expr, Exprs, Subject, CompFor, Named, ForHead };
// Whether tokens [first, end) of `ps` parse completely as the construct.
// `fail`, when given, receives where the parse stopped (`end`: it was cut short).
// `node` receives what an Exprs probe parsed.
bool probe(const ParserState* ps, Probe what, int first, int end, int* fail = nullptr,
           ast::Node** node = nullptr);

template <class T>
T* mk(ParserState* ps, Loc l) {
  T* n = new (ps->arena.allocate(sizeof(T), alignof(T))) T();
  static_cast<ast::Node*>(n)->kind = T::kKind;
  ps->locate(n, l);
  return n;
}

// An unlocated node (the kinds without attributes).
template <class T>
T* mk0(ParserState* ps) {
  return ast::make<T>(ps->arena, 0, 0, 0, 0);
}

// -- builders used by the grammar's actions -------------------------------------------
ast::Node* make_name(ParserState* ps, int tok);
ast::Node* make_number(ParserState* ps, int tok);
ast::Node* make_strings(ParserState* ps, Loc l);
ast::Node* make_constant(ParserState* ps, Loc l, ast::ConstKind kind);
ast::Node* make_binop(ParserState* ps, Loc l, ast::Node* a, ast::OperatorKind op, ast::Node* b);
ast::Node* make_unary(ParserState* ps, Loc l, ast::UnaryOpKind op, ast::Node* a);
ast::Node* make_boolop(ParserState* ps, Loc l, ast::BoolOpKind op, NodeVec* values);
ast::Node* make_starred(ParserState* ps, Loc l, ast::Node* value);
// A comma list: its only item when it has one item and no trailing comma (and
// `single_ok`), else a Tuple located at `l`.
ast::Node* make_tuple_or_item(ParserState* ps, Loc l, NodeVec* items);
// '(' ... ')' holding a comma list: a group (the inner node) or a Tuple.
ast::Node* make_paren(ParserState* ps, Loc l, NodeVec* items);
ast::Node* make_named(ParserState* ps, Loc l, ast::Node* target, ast::Node* value);
ast::Node* make_call(ParserState* ps, Loc l, ast::Node* func, ArgVec* args, int rpar);
CallArg make_keyword_arg(ParserState* ps, Loc l, ast::Node* name, Loc name_loc, int eq,
                         ast::Node* value, bool* ok);
ast::Node* make_subscript(ParserState* ps, Loc l, ast::Node* value, NodeVec* slices, Loc sl);
ast::Node* make_arguments(ParserState* ps, ParamVec* params, bool lambda);
ast::arg* make_arg(ParserState* ps, Loc l, int name, ast::Node* annotation);
ast::Node* make_comprehension(ParserState* ps, NodeVec* target, Loc tl, ast::Node* iter,
                              NodeVec* ifs, bool is_async);
ast::Node* make_dotted(ParserState* ps, Loc l);  // an identifier "a.b.c" as a Name

// Statements.
ast::Node* make_assign(ParserState* ps, Loc l, AssignChain* chain, ast::Node* value, Loc vl);
ast::Node* make_annassign(ParserState* ps, Loc l, ast::Node* target, Loc tl, ast::Node* ann,
                          ast::Node* value);
ast::Node* make_augassign(ParserState* ps, Loc l, ast::Node* target, int op, ast::Node* value);
ast::Node* make_delete(ParserState* ps, Loc l, NodeVec* targets);
ast::Node* make_try(ParserState* ps, Loc l, NodeVec* body, HandlerVec* handlers,
                    NodeVec* orelse, NodeVec* finalbody);

// Targets: sets `ctx` on a valid target (recursively), or raises CPython's error.
bool set_target(ParserState* ps, ast::Node* e, ast::ExprContext ctx, Targets kind);
const char* expr_name(const ast::Node* e);

// Patterns.
ast::Node* make_capture_or_value(ParserState* ps, Loc l, ast::Node* name_or_attr);
ast::Node* make_literal_pattern(ParserState* ps, Loc l, ast::Node* value);
ast::Node* make_pattern_seq(ParserState* ps, Loc l, NodeVec* items, bool parens, bool brackets);
ast::Node* make_as_pattern(ParserState* ps, Loc l, ast::Node* pattern, int name);
ast::Node* make_star_pattern(ParserState* ps, Loc l, int name);
ast::Node* make_class_pattern(ParserState* ps, Loc l, ast::Node* cls, PatternArgs* args);
ast::Node* make_mapping_pattern(ParserState* ps, Loc l, PatternArgs* items, int rest);
bool check_mapping_key(ParserState* ps, ast::Node* key);

}  // namespace strata
