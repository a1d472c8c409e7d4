/* frontend/parser.y — the grammar of Python 3.11 as an LALR(1) Bison grammar, building
 * the AST of frontend/ast.h with CPython's positions.
 *
 * CPython's grammar is PEG; this one is its LALR(1) equivalent:
 *  - assignment, del, for, with-as and comprehension targets are parsed as expressions
 *    and then checked and given Store/Del context (set_target), which is also where
 *    CPython's "cannot assign to ..." messages come from;
 *  - keyword arguments are `expression '=' expression`, checked in the action;
 *  - soft keywords (match/case) and the parenthesized with-item list are decided by
 *    the token feed (parser_support.cpp), which looks ahead in the token array;
 *  - one grammar serves every start rule: the feed's first token selects it.
 * Locations are token-index ranges (strata::Loc); nodes get positions from them. */
%code requires {
#include "frontend/parser_support.h"
#define YYLTYPE_IS_TRIVIAL 1
#define YYLLOC_DEFAULT(Cur, Rhs, N)                        \
  do {                                                     \
    if (N) {                                               \
      (Cur).first = YYRHSLOC(Rhs, 1).first;                \
      (Cur).last = YYRHSLOC(Rhs, N).last;                  \
    } else {                                               \
      (Cur).first = YYRHSLOC(Rhs, 0).last + 1;             \
      (Cur).last = YYRHSLOC(Rhs, 0).last;                  \
    }                                                      \
  } while (0)
}

%code {
namespace {
using namespace strata;
using namespace strata::ast;
}
int yylex(YYSTYPE* lval, YYLTYPE* lloc, strata::ParserState* ps);
void yyerror(YYLTYPE* lloc, strata::ParserState* ps, const char* msg);
#define MK(T, L) strata::mk<strata::ast::T>(ps, L)
#define CK(x) do { if (!(x)) YYABORT; } while (0)
#define NEWLIST() strata::list_new<strata::ast::Node*>(ps->arena)
#define PUSH(l, x) strata::list_push(ps->arena, l, (strata::ast::Node*)(x))
#define SEQ(l) strata::to_seq(l)
#define YYMAXDEPTH 20000  // bounds the tree's depth for the recursive passes after parsing
}

%define api.pure full
%define api.location.type {strata::Loc}
%define api.token.prefix {T_}
%locations
%param {strata::ParserState* ps}
%expect 0

%union {
  int tok;
  strata::ast::Node* node;
  strata::NodeVec* nodes;
  strata::IdentVec* idents;
  strata::CmpChain* cmp;
  strata::ParamVec* params;
  strata::ArgVec* args;
  strata::AssignChain* assign;
  strata::HandlerVec* handlers;
  strata::DictItems* dict;
  strata::PatternArgs* pargs;
  strata::Param param;
  strata::CallArg arg;
}

/* The tokens of frontend/tokens.def, in its order (the feed maps Tok to these). */
%token <tok> ENDMARKER NAME NUMBER STRING NEWLINE INDENT DEDENT ERRORTOKEN
%token <tok> LPAR "(" RPAR ")" LSQB "[" RSQB "]" COLON ":" COMMA "," SEMI ";"
%token <tok> PLUS "+" MINUS "-" STAR "*" SLASH "/" VBAR "|" AMPER "&" LESS "<"
%token <tok> GREATER ">" EQUAL "=" DOT "." PERCENT "%" LBRACE "{" RBRACE "}"
%token <tok> EQEQUAL "==" NOTEQUAL "!=" LESSEQUAL "<=" GREATEREQUAL ">=" TILDE "~"
%token <tok> CIRCUMFLEX "^" LEFTSHIFT "<<" RIGHTSHIFT ">>" DOUBLESTAR "**"
%token <tok> PLUSEQUAL "+=" MINEQUAL "-=" STAREQUAL "*=" SLASHEQUAL "/=" PERCENTEQUAL "%="
%token <tok> AMPEREQUAL "&=" VBAREQUAL "|=" CIRCUMFLEXEQUAL "^=" LEFTSHIFTEQUAL "<<="
%token <tok> RIGHTSHIFTEQUAL ">>=" DOUBLESTAREQUAL "**=" DOUBLESLASH "//"
%token <tok> DOUBLESLASHEQUAL "//=" AT "@" ATEQUAL "@=" RARROW "->" ELLIPSIS "..."
%token <tok> COLONEQUAL ":=" EXCLAMATION "!"
%token <tok> KW_FALSE "False" KW_NONE "None" KW_TRUE "True" KW_AND "and" KW_AS "as"
%token <tok> KW_ASSERT "assert" KW_ASYNC "async" KW_AWAIT "await" KW_BREAK "break"
%token <tok> KW_CLASS "class" KW_CONTINUE "continue" KW_DEF "def" KW_DEL "del"
%token <tok> KW_ELIF "elif" KW_ELSE "else" KW_EXCEPT "except" KW_FINALLY "finally"
%token <tok> KW_FOR "for" KW_FROM "from" KW_GLOBAL "global" KW_IF "if" KW_IMPORT "import"
%token <tok> KW_IN "in" KW_IS "is" KW_LAMBDA "lambda" KW_NONLOCAL "nonlocal" KW_NOT "not"
%token <tok> KW_OR "or" KW_PASS "pass" KW_RAISE "raise" KW_RETURN "return" KW_TRY "try"
%token <tok> KW_WHILE "while" KW_WITH "with" KW_YIELD "yield"
%token <tok> KW_MATCH "match" KW_CASE "case"
%token <tok> STRAY
/* Made by the feed only. */
%token START_FILE START_EVAL START_SINGLE START_FSTRING START_FUNCTYPE
%token START_PROBE_EXPR START_PROBE_EXPRS START_PROBE_SUBJECT START_PROBE_COMPFOR
%token START_PROBE_NAMED START_PROBE_FORHEAD
%token <tok> LPAR_WITH

%type <node> compound_stmt small_stmt expr_stmt funcdef classdef if_stmt while_stmt
%type <node> for_stmt try_stmt with_stmt match_stmt import_stmt
%type <node> annotated_rhs yield_expr star_exprs star_expr exprs named_expr expression
%type <node> disjunction conjunction inversion comparison bitwise_or bitwise_xor
%type <node> bitwise_and shift_expr sum term factor power await_primary primary atom
%type <node> lambdef slice_item expr_opt star_named_item dotted_name dotted_as_name
%type <node> import_as_name with_item case_block return_opt handler decorated
%type <node> pattern or_pattern closed_pattern maybe_star_pattern name_or_attr
%type <node> literal_expr signed_number patterns target_item dict_item_key
%type <node> single_input
%type <nodes> stmts simple_stmts simple_list block if_tail else_opt finally_opt
%type <nodes> star_expr_list expr_list star_named_list star_named_items slice_list
%type <nodes> comp_for comp_ifs target_list target_items decorators dotted_as_names
%type <nodes> import_as_names import_targets with_items with_items_p case_blocks
%type <nodes> pat_items or_list_p and_list or_list type_exprs
%type <idents> name_list
%type <cmp> cmp_chain
%type <tok> cmp_op augassign dots
%type <params> params lparams param_list lparam_list
%type <param> param lparam
%type <args> arglist arg_list
%type <arg> arg
%type <assign> assign_chain
%type <handlers> handlers
%type <dict> dict_items dict_item_list
%type <pargs> class_args map_items
%type <node> guard_opt

%%

start:
    START_FILE stmts ENDMARKER {
      auto* m = mk0<Module>(ps); m->body = SEQ($2); ps->result = m; }
  | START_FILE ENDMARKER { ps->result = mk0<Module>(ps); }
  | START_EVAL exprs newlines_opt ENDMARKER {
      auto* m = mk0<Expression>(ps); m->body = $2; ps->result = m; }
  | START_SINGLE single_input { ps->result = $2; }
  | START_FSTRING star_exprs newlines_opt ENDMARKER { ps->result = $2; }
  | START_FUNCTYPE "(" type_exprs ")" "->" expression newlines_opt ENDMARKER {
      auto* m = mk0<FunctionType>(ps); m->argtypes = SEQ($3); m->returns = $6;
      ps->result = m; }
  | START_FUNCTYPE "(" ")" "->" expression newlines_opt ENDMARKER {
      auto* m = mk0<FunctionType>(ps); m->returns = $5; ps->result = m; }
  | START_PROBE_EXPR expression { ps->probe_ok = true; ps->result = $2; }
  | START_PROBE_EXPRS exprs { ps->probe_ok = true; ps->result = $2; }
  | START_PROBE_SUBJECT star_named_list { ps->probe_ok = true; }
  | START_PROBE_COMPFOR comp_for { ps->probe_ok = true; }
  | START_PROBE_NAMED named_expr { ps->probe_ok = true; }
  | START_PROBE_FORHEAD target_list "in" star_exprs {
      ps->probe_ok = set_target(ps, make_tuple_or_item(ps, @2, $2), ExprContext::Store,
                                Targets::For); }
  ;

newlines_opt: %empty | newlines_opt NEWLINE ;

/* One statement as CPython's `interactive` rule reads it; parse_single() (parser_support)
   hands over only the tokens of the first statement, with the NEWLINE pegen makes of the
   end of input. */
single_input:
    compound_stmt NEWLINE ENDMARKER {
      auto* m = mk0<Interactive>(ps); auto* l = NEWLIST(); PUSH(l, $1);
      m->body = SEQ(l); $$ = m; }
  | simple_stmts ENDMARKER { auto* m = mk0<Interactive>(ps); m->body = SEQ($1); $$ = m; }
  | NEWLINE ENDMARKER {
      auto* m = mk0<Interactive>(ps); auto* l = NEWLIST(); PUSH(l, MK(Pass, @1));
      m->body = SEQ(l); $$ = m; }
  ;

type_exprs:
    expression { $$ = NEWLIST(); PUSH($$, $1); }
  | "*" expression { $$ = NEWLIST(); PUSH($$, $2); }
  | "**" expression { $$ = NEWLIST(); PUSH($$, $2); }
  | type_exprs "," expression { $$ = $1; PUSH($$, $3); }
  | type_exprs "," "*" expression { $$ = $1; PUSH($$, $4); }
  | type_exprs "," "**" expression { $$ = $1; PUSH($$, $4); }
  ;

/* -- Statements ------------------------------------------------------------------ */

stmts:
    compound_stmt { $$ = NEWLIST(); PUSH($$, $1); }
  | simple_stmts { $$ = $1; }
  | stmts compound_stmt { $$ = $1; PUSH($$, $2); }
  | stmts simple_stmts {
      $$ = $1; for (uint32_t i = 0; i < $2->size; ++i) PUSH($$, $2->items[i]); }
  ;

simple_stmts:
    simple_list NEWLINE { $$ = $1; }
  | simple_list ";" NEWLINE { $$ = $1; }
  ;

simple_list:
    small_stmt { $$ = NEWLIST(); PUSH($$, $1); }
  | simple_list ";" small_stmt { $$ = $1; PUSH($$, $3); }
  ;

block:
    simple_stmts { $$ = $1; }
  | NEWLINE INDENT stmts DEDENT { $$ = $3; }
  ;

small_stmt:
    expr_stmt
  | "pass" { $$ = MK(Pass, @$); }
  | "break" { $$ = MK(Break, @$); }
  | "continue" { $$ = MK(Continue, @$); }
  | "return" { $$ = MK(Return, @$); }
  | "return" star_exprs { auto* n = MK(Return, @$); n->value = $2; $$ = n; }
  | "raise" { $$ = MK(Raise, @$); }
  | "raise" expression { auto* n = MK(Raise, @$); n->exc = $2; $$ = n; }
  | "raise" expression "from" expression {
      auto* n = MK(Raise, @$); n->exc = $2; n->cause = $4; $$ = n; }
  | "global" name_list { auto* n = MK(Global, @$); n->names = SEQ($2); $$ = n; }
  | "nonlocal" name_list { auto* n = MK(Nonlocal, @$); n->names = SEQ($2); $$ = n; }
  | "del" star_expr_list { CK($$ = make_delete(ps, @$, $2)); }
  | "del" star_expr_list "," { CK($$ = make_delete(ps, @$, $2)); }
  | "assert" expression { auto* n = MK(Assert, @$); n->test = $2; $$ = n; }
  | "assert" expression "," expression {
      auto* n = MK(Assert, @$); n->test = $2; n->msg = $4; $$ = n; }
  | import_stmt
  ;

expr_stmt:
    annotated_rhs { auto* n = MK(Expr, @$); n->value = $1; $$ = n; }
  | star_exprs ":" expression { CK($$ = make_annassign(ps, @$, $1, @1, $3, nullptr)); }
  | star_exprs ":" expression "=" annotated_rhs {
      CK($$ = make_annassign(ps, @$, $1, @1, $3, $5)); }
  | star_exprs augassign annotated_rhs { CK($$ = make_augassign(ps, @$, $1, $2, $3)); }
  | assign_chain annotated_rhs { CK($$ = make_assign(ps, @$, $1, $2, @2)); }
  ;

assign_chain:
    annotated_rhs "=" {
      $$ = ps->arena.make<AssignChain>(); $$->targets = NEWLIST(); $$->first = @1;
      PUSH($$->targets, $1); }
  | assign_chain annotated_rhs "=" { $$ = $1; PUSH($$->targets, $2); }
  ;

annotated_rhs: yield_expr | star_exprs ;

augassign:
    "+=" { $$ = (int)OperatorKind::Add; }
  | "-=" { $$ = (int)OperatorKind::Sub; }
  | "*=" { $$ = (int)OperatorKind::Mult; }
  | "@=" { $$ = (int)OperatorKind::MatMult; }
  | "/=" { $$ = (int)OperatorKind::Div; }
  | "%=" { $$ = (int)OperatorKind::Mod; }
  | "&=" { $$ = (int)OperatorKind::BitAnd; }
  | "|=" { $$ = (int)OperatorKind::BitOr; }
  | "^=" { $$ = (int)OperatorKind::BitXor; }
  | "<<=" { $$ = (int)OperatorKind::LShift; }
  | ">>=" { $$ = (int)OperatorKind::RShift; }
  | "**=" { $$ = (int)OperatorKind::Pow; }
  | "//=" { $$ = (int)OperatorKind::FloorDiv; }
  ;

name_list:
    NAME { $$ = list_new<Str>(ps->arena); list_push(ps->arena, $$, ps->text($1)); }
  | name_list "," NAME { $$ = $1; list_push(ps->arena, $$, ps->text($3)); }
  ;

/* -- Imports ---------------------------------------------------------------------- */

import_stmt:
    "import" dotted_as_names { auto* n = MK(Import, @$); n->names = SEQ($2); $$ = n; }
  | "from" dotted_name "import" import_targets {
      auto* n = MK(ImportFrom, @$); n->module = static_cast<Name*>($2)->id;
      n->names = SEQ($4); $$ = n; }
  | "from" dots dotted_name "import" import_targets {
      auto* n = MK(ImportFrom, @$); n->module = static_cast<Name*>($3)->id;
      n->names = SEQ($5); n->level = $2; $$ = n; }
  | "from" dots "import" import_targets {
      auto* n = MK(ImportFrom, @$); n->names = SEQ($4); n->level = $2; $$ = n; }
  ;

dots:
    "." { $$ = 1; }
  | "..." { $$ = 3; }
  | dots "." { $$ = $1 + 1; }
  | dots "..." { $$ = $1 + 3; }
  ;

dotted_name:
    NAME { $$ = make_dotted(ps, @$); }
  | dotted_name "." NAME { $$ = make_dotted(ps, @$); }
  ;

dotted_as_names:
    dotted_as_name { $$ = NEWLIST(); PUSH($$, $1); }
  | dotted_as_names "," dotted_as_name { $$ = $1; PUSH($$, $3); }
  ;

dotted_as_name:
    dotted_name { auto* n = MK(alias, @$); n->name = static_cast<Name*>($1)->id; $$ = n; }
  | dotted_name "as" NAME {
      auto* n = MK(alias, @$); n->name = static_cast<Name*>($1)->id;
      n->asname = ps->text($3); $$ = n; }
  ;

import_targets:
    "*" { $$ = NEWLIST(); auto* n = MK(alias, @$); n->name = ps->text($1); PUSH($$, n); }
  | "(" import_as_names ")" { $$ = $2; }
  | "(" import_as_names "," ")" { $$ = $2; }
  | import_as_names { $$ = $1; }
  ;

import_as_names:
    import_as_name { $$ = NEWLIST(); PUSH($$, $1); }
  | import_as_names "," import_as_name { $$ = $1; PUSH($$, $3); }
  ;

import_as_name:
    NAME { auto* n = MK(alias, @$); n->name = ps->text($1); $$ = n; }
  | NAME "as" NAME {
      auto* n = MK(alias, @$); n->name = ps->text($1); n->asname = ps->text($3); $$ = n; }
  ;

/* -- Compound statements ------------------------------------------------------------ */

compound_stmt:
    funcdef | classdef | decorated | if_stmt | while_stmt | for_stmt | try_stmt
  | with_stmt | match_stmt
  ;

decorated:
    decorators funcdef {
      $$ = $2;
      if (auto* f = as<FunctionDef>($2)) f->decorator_list = SEQ($1);
      else static_cast<AsyncFunctionDef*>($2)->decorator_list = SEQ($1); }
  | decorators classdef { $$ = $2; static_cast<ClassDef*>($2)->decorator_list = SEQ($1); }
  ;

decorators:
    "@" named_expr NEWLINE { $$ = NEWLIST(); PUSH($$, $2); }
  | decorators "@" named_expr NEWLINE { $$ = $1; PUSH($$, $3); }
  ;

funcdef:
    "def" NAME "(" params ")" return_opt ":" block {
      auto* n = MK(FunctionDef, @$); n->name = ps->text($2);
      CK(n->args = make_arguments(ps, $4, false)); n->returns = $6; n->body = SEQ($8); $$ = n; }
  | "async" "def" NAME "(" params ")" return_opt ":" block {
      auto* n = MK(AsyncFunctionDef, @$); n->name = ps->text($3);
      CK(n->args = make_arguments(ps, $5, false)); n->returns = $7; n->body = SEQ($9); $$ = n; }
  ;

return_opt: %empty { $$ = nullptr; } | "->" expression { $$ = $2; } ;

params:
    %empty { $$ = nullptr; }
  | param_list { $$ = $1; }
  | param_list "," { $$ = $1; }
  ;

param_list:
    param { $$ = list_new<Param>(ps->arena); list_push(ps->arena, $$, $1); }
  | param_list "," param { $$ = $1; list_push(ps->arena, $$, $3); }
  ;

param:
    NAME { $$ = Param{ParamKind::Plain, make_arg(ps, @$, $1, nullptr), nullptr, $1}; }
  | NAME ":" expression { $$ = Param{ParamKind::Plain, make_arg(ps, @$, $1, $3), nullptr, $1}; }
  | NAME "=" expression { $$ = Param{ParamKind::Plain, make_arg(ps, @1, $1, nullptr), $3, $1}; }
  | NAME ":" expression "=" expression {
      Loc l{@1.first, @3.last};
      $$ = Param{ParamKind::Plain, make_arg(ps, l, $1, $3), $5, $1}; }
  | "/" { $$ = Param{ParamKind::Slash, nullptr, nullptr, $1}; }
  | "*" { $$ = Param{ParamKind::Star, nullptr, nullptr, $1}; }
  | "*" NAME { $$ = Param{ParamKind::Star, make_arg(ps, @2, $2, nullptr), nullptr, $1}; }
  | "*" NAME ":" star_expr {
      Loc l{@2.first, @4.last};
      $$ = Param{ParamKind::Star, make_arg(ps, l, $2, $4), nullptr, $1}; }
  | "*" NAME "=" expression {
      ps->raise_tok($3, $3, "var-positional argument cannot have default value"); YYABORT; }
  | "*" NAME ":" star_expr "=" expression {
      ps->raise_tok($5, $5, "var-positional argument cannot have default value"); YYABORT; }
  | "**" NAME { $$ = Param{ParamKind::DoubleStar, make_arg(ps, @2, $2, nullptr), nullptr, $1}; }
  | "**" NAME ":" expression {
      Loc l{@2.first, @4.last};
      $$ = Param{ParamKind::DoubleStar, make_arg(ps, l, $2, $4), nullptr, $1}; }
  | "**" NAME "=" expression {
      ps->raise_tok($3, $3, "var-keyword argument cannot have default value"); YYABORT; }
  | "**" NAME ":" expression "=" expression {
      ps->raise_tok($5, $5, "var-keyword argument cannot have default value"); YYABORT; }
  ;

classdef:
    "class" NAME ":" block {
      auto* n = MK(ClassDef, @$); n->name = ps->text($2); n->body = SEQ($4); $$ = n; }
  | "class" NAME "(" ")" ":" block {
      auto* n = MK(ClassDef, @$); n->name = ps->text($2); n->body = SEQ($6); $$ = n; }
  | "class" NAME "(" arglist ")" ":" block {
      auto* n = MK(ClassDef, @$); n->name = ps->text($2); n->body = SEQ($7);
      Loc l{@1.first, @5.last};
      auto* c = as<Call>(make_call(ps, l, nullptr, $4, $5)); CK(c);
      n->bases = c->args; n->keywords = c->keywords; $$ = n; }
  ;

if_stmt:
    "if" named_expr ":" block if_tail {
      auto* n = MK(If, @$); n->test = $2; n->body = SEQ($4); n->orelse = SEQ($5); $$ = n; }
  ;

if_tail:
    %empty { $$ = nullptr; }
  | "else" ":" block { $$ = $3; }
  | "elif" named_expr ":" block if_tail {
      auto* n = MK(If, @$); n->test = $2; n->body = SEQ($4); n->orelse = SEQ($5);
      $$ = NEWLIST(); PUSH($$, n); }
  ;

else_opt: %empty { $$ = nullptr; } | "else" ":" block { $$ = $3; } ;

while_stmt:
    "while" named_expr ":" block else_opt {
      auto* n = MK(While, @$); n->test = $2; n->body = SEQ($4); n->orelse = SEQ($5); $$ = n; }
  ;

/* The target is checked as soon as the header is read: CPython reports a bad target
   before a missing body. */
for_stmt:
    "for" target_list "in" star_exprs ":" <node>{
      $$ = make_tuple_or_item(ps, @2, $2); CK(set_target(ps, $$, ExprContext::Store, Targets::For)); }
    block else_opt {
      auto* n = MK(For, @$); n->target = $6; n->iter = $4; n->body = SEQ($7); n->orelse = SEQ($8);
      $$ = n; }
  | "async" "for" target_list "in" star_exprs ":" <node>{
      $$ = make_tuple_or_item(ps, @3, $3); CK(set_target(ps, $$, ExprContext::Store, Targets::For)); }
    block else_opt {
      auto* n = MK(AsyncFor, @$); n->target = $7; n->iter = $5; n->body = SEQ($8);
      n->orelse = SEQ($9); $$ = n; }
  ;

try_stmt:
    "try" ":" block "finally" ":" block { CK($$ = make_try(ps, @$, $3, nullptr, nullptr, $6)); }
  | "try" ":" block handlers else_opt finally_opt {
      CK($$ = make_try(ps, @$, $3, $4, $5, $6)); }
  ;

finally_opt: %empty { $$ = nullptr; } | "finally" ":" block { $$ = $3; } ;

handlers:
    handler {
      $$ = list_new<Handler>(ps->arena);
      list_push(ps->arena, $$, Handler{$1, ps->toks[@1.first + 1].kind == Tok::STAR, @1.first}); }
  | handlers handler {
      $$ = $1;
      list_push(ps->arena, $$, Handler{$2, ps->toks[@2.first + 1].kind == Tok::STAR, @2.first}); }
  ;

handler:
    "except" ":" block { auto* n = MK(ExceptHandler, @$); n->body = SEQ($3); $$ = n; }
  | "except" expression ":" block {
      auto* n = MK(ExceptHandler, @$); n->type = $2; n->body = SEQ($4); $$ = n; }
  | "except" expression "as" NAME ":" block {
      auto* n = MK(ExceptHandler, @$); n->type = $2; n->name = ps->text($4);
      n->body = SEQ($6); $$ = n; }
  | "except" "*" expression ":" block {
      auto* n = MK(ExceptHandler, @$); n->type = $3; n->body = SEQ($5); $$ = n; }
  | "except" "*" expression "as" NAME ":" block {
      auto* n = MK(ExceptHandler, @$); n->type = $3; n->name = ps->text($5);
      n->body = SEQ($7); $$ = n; }
  ;

with_stmt:
    "with" with_items ":" block {
      auto* n = MK(With, @$); n->items = SEQ($2); n->body = SEQ($4); $$ = n; }
  | "with" LPAR_WITH with_items_p ")" ":" block {
      auto* n = MK(With, @$); n->items = SEQ($3); n->body = SEQ($6); $$ = n; }
  | "async" "with" with_items ":" block {
      auto* n = MK(AsyncWith, @$); n->items = SEQ($3); n->body = SEQ($5); $$ = n; }
  | "async" "with" LPAR_WITH with_items_p ")" ":" block {
      auto* n = MK(AsyncWith, @$); n->items = SEQ($4); n->body = SEQ($7); $$ = n; }
  ;

with_items_p: with_items { $$ = $1; } | with_items "," { $$ = $1; } ;

with_items:
    with_item { $$ = NEWLIST(); PUSH($$, $1); }
  | with_items "," with_item { $$ = $1; PUSH($$, $3); }
  ;

with_item:
    expression { auto* n = mk0<withitem>(ps); n->context_expr = $1; $$ = n; }
  | expression "as" star_expr {
      CK(set_target(ps, $3, ExprContext::Store, Targets::Star));
      auto* n = mk0<withitem>(ps); n->context_expr = $1; n->optional_vars = $3; $$ = n; }
  ;

/* -- match ---------------------------------------------------------------------------- */

match_stmt:
    "match" star_named_list ":" NEWLINE INDENT case_blocks DEDENT {
      auto* n = MK(Match, @$); n->cases = SEQ($6);
      if ($2->size == 1 && !$2->comma) {
        if ($2->items[0]->kind == Kind::Starred) {
          ps->raise_node($2->items[0], "cannot use starred expression here"); YYABORT; }
        n->subject = $2->items[0];
      } else {
        auto* t = MK(Tuple, @2); t->elts = SEQ($2); n->subject = t;
      }
      $$ = n; }
  ;

case_blocks:
    case_block { $$ = NEWLIST(); PUSH($$, $1); }
  | case_blocks case_block { $$ = $1; PUSH($$, $2); }
  ;

case_block:
    "case" patterns guard_opt ":" block {
      auto* n = mk0<match_case>(ps); n->pattern = $2; n->guard = $3; n->body = SEQ($5);
      $$ = n; }
  ;

guard_opt: %empty { $$ = nullptr; } | "if" named_expr { $$ = $2; } ;

patterns:
    pat_items {
      if ($1->size == 1) {
        if ($1->items[0]->kind == Kind::MatchStar) { ps->report_syntax_error(@$.last + 1); YYABORT; }
        $$ = $1->items[0];
      } else {
        CK($$ = make_pattern_seq(ps, @$, $1, false, false));
      } }
  | pat_items "," { CK($$ = make_pattern_seq(ps, @$, $1, false, false)); }
  ;

pat_items:
    maybe_star_pattern { $$ = NEWLIST(); PUSH($$, $1); }
  | pat_items "," maybe_star_pattern { $$ = $1; PUSH($$, $3); }
  ;

maybe_star_pattern:
    pattern
  | "*" NAME { CK($$ = make_star_pattern(ps, @$, $2)); }
  ;

pattern:
    or_pattern
  | or_pattern "as" NAME { CK($$ = make_as_pattern(ps, @$, $1, $3)); }
  ;

or_pattern:
    closed_pattern
  | or_list_p { auto* n = MK(MatchOr, @$); n->patterns = SEQ($1); $$ = n; }
  ;

or_list_p:
    closed_pattern "|" closed_pattern { $$ = NEWLIST(); PUSH($$, $1); PUSH($$, $3); }
  | or_list_p "|" closed_pattern { $$ = $1; PUSH($$, $3); }
  ;

closed_pattern:
    literal_expr { CK($$ = make_literal_pattern(ps, @$, $1)); }
  | name_or_attr { CK($$ = make_capture_or_value(ps, @$, $1)); }
  | "(" ")" { auto* n = MK(MatchSequence, @$); $$ = n; }
  | "(" pat_items ")" {
      if ($2->size == 1 && $2->items[0]->kind != Kind::MatchStar) $$ = $2->items[0];
      else CK($$ = make_pattern_seq(ps, @$, $2, true, false)); }
  | "(" pat_items "," ")" { CK($$ = make_pattern_seq(ps, @$, $2, true, false)); }
  | "[" "]" { auto* n = MK(MatchSequence, @$); $$ = n; }
  | "[" pat_items "]" { CK($$ = make_pattern_seq(ps, @$, $2, false, true)); }
  | "[" pat_items "," "]" { CK($$ = make_pattern_seq(ps, @$, $2, false, true)); }
  | "{" "}" { $$ = MK(MatchMapping, @$); }
  | "{" map_items "}" { CK($$ = make_mapping_pattern(ps, @$, $2, -1)); }
  | "{" map_items "," "}" { CK($$ = make_mapping_pattern(ps, @$, $2, -1)); }
  | "{" "**" NAME "}" { CK($$ = make_mapping_pattern(ps, @$, nullptr, $3)); }
  | "{" "**" NAME "," "}" { CK($$ = make_mapping_pattern(ps, @$, nullptr, $3)); }
  | "{" map_items "," "**" NAME "}" { CK($$ = make_mapping_pattern(ps, @$, $2, $5)); }
  | "{" map_items "," "**" NAME "," "}" { CK($$ = make_mapping_pattern(ps, @$, $2, $5)); }
  | name_or_attr "(" ")" { CK($$ = make_class_pattern(ps, @$, $1, nullptr)); }
  | name_or_attr "(" class_args ")" { CK($$ = make_class_pattern(ps, @$, $1, $3)); }
  | name_or_attr "(" class_args "," ")" { CK($$ = make_class_pattern(ps, @$, $1, $3)); }
  ;

name_or_attr:
    NAME { $$ = make_name(ps, $1); }
  | name_or_attr "." NAME {
      auto* n = MK(Attribute, @$); n->value = $1; n->attr = ps->text($3); $$ = n; }
  ;

literal_expr:
    signed_number
  | signed_number "+" NUMBER { $$ = make_binop(ps, @$, $1, OperatorKind::Add, make_number(ps, $3)); }
  | signed_number "-" NUMBER { $$ = make_binop(ps, @$, $1, OperatorKind::Sub, make_number(ps, $3)); }
  | strings { CK($$ = make_strings(ps, @$)); }
  | "None" { $$ = make_constant(ps, @$, ConstKind::None); }
  | "True" { $$ = make_constant(ps, @$, ConstKind::True); }
  | "False" { $$ = make_constant(ps, @$, ConstKind::False); }
  ;

signed_number:
    NUMBER { $$ = make_number(ps, $1); }
  | "-" NUMBER { $$ = make_unary(ps, @$, UnaryOpKind::USub, make_number(ps, $2)); }
  ;

map_items:
    dict_item_key ":" pattern {
      $$ = ps->arena.make<PatternArgs>(); $$->keys = NEWLIST(); $$->patterns = NEWLIST();
      PUSH($$->keys, $1); PUSH($$->patterns, $3); }
  | map_items "," dict_item_key ":" pattern { $$ = $1; PUSH($$->keys, $3); PUSH($$->patterns, $5); }
  ;

dict_item_key:
    literal_expr
  | name_or_attr { CK(check_mapping_key(ps, $1)); $$ = $1; }
  ;

class_args:
    pattern {
      $$ = ps->arena.make<PatternArgs>(); $$->patterns = NEWLIST();
      $$->names = list_new<Str>(ps->arena); $$->kw_patterns = NEWLIST(); PUSH($$->patterns, $1); }
  | NAME "=" pattern {
      $$ = ps->arena.make<PatternArgs>(); $$->patterns = NEWLIST();
      $$->names = list_new<Str>(ps->arena); $$->kw_patterns = NEWLIST();
      list_push(ps->arena, $$->names, ps->text($1)); PUSH($$->kw_patterns, $3); }
  | class_args "," pattern {
      $$ = $1; PUSH($$->patterns, $3);
      if ($$->kw_patterns->size) {
        if (!$$->bad_order) $$->bad_first = @3;
        $$->bad_order = true; $$->bad_last = @3; } }
  | class_args "," NAME "=" pattern {
      $$ = $1; list_push(ps->arena, $$->names, ps->text($3)); PUSH($$->kw_patterns, $5); }
  ;

/* -- Expressions ------------------------------------------------------------------- */

star_exprs:
    star_expr_list { $$ = make_tuple_or_item(ps, @$, $1); }
  | star_expr_list "," { $1->comma = true; $$ = make_tuple_or_item(ps, @$, $1); }
  ;

star_expr_list:
    star_expr { $$ = NEWLIST(); PUSH($$, $1); }
  | star_expr_list "," star_expr { $$ = $1; PUSH($$, $3); }
  ;

star_expr:
    "*" bitwise_or { $$ = make_starred(ps, @$, $2); }
  | expression
  ;

exprs:
    expr_list { $$ = make_tuple_or_item(ps, @$, $1); }
  | expr_list "," { $1->comma = true; $$ = make_tuple_or_item(ps, @$, $1); }
  ;

expr_list:
    expression { $$ = NEWLIST(); PUSH($$, $1); }
  | expr_list "," expression { $$ = $1; PUSH($$, $3); }
  ;

star_named_list:
    star_named_items { $$ = $1; }
  | star_named_items "," { $$ = $1; $$->comma = true; }
  ;

star_named_items:
    star_named_item { $$ = NEWLIST(); PUSH($$, $1); }
  | star_named_items "," star_named_item { $$ = $1; PUSH($$, $3); }
  ;

star_named_item:
    "*" bitwise_or { $$ = make_starred(ps, @$, $2); }
  | named_expr
  ;

yield_expr:
    "yield" { $$ = MK(Yield, @$); }
  | "yield" star_exprs { auto* n = MK(Yield, @$); n->value = $2; $$ = n; }
  | "yield" "from" expression { auto* n = MK(YieldFrom, @$); n->value = $3; $$ = n; }
  ;

named_expr:
    expression
  | expression ":=" expression { CK($$ = make_named(ps, @$, $1, $3)); }
  ;

expression:
    disjunction
  | disjunction "if" disjunction "else" expression {
      auto* n = MK(IfExp, @$); n->body = $1; n->test = $3; n->orelse = $5; $$ = n; }
  | lambdef
  ;

lambdef:
    "lambda" ":" expression {
      auto* n = MK(Lambda, @$); n->args = make_arguments(ps, nullptr, true); n->body = $3; $$ = n; }
  | "lambda" lparams ":" expression {
      auto* n = MK(Lambda, @$); CK(n->args = make_arguments(ps, $2, true)); n->body = $4; $$ = n; }
  ;

lparams: lparam_list { $$ = $1; } | lparam_list "," { $$ = $1; } ;

lparam_list:
    lparam { $$ = list_new<Param>(ps->arena); list_push(ps->arena, $$, $1); }
  | lparam_list "," lparam { $$ = $1; list_push(ps->arena, $$, $3); }
  ;

lparam:
    NAME { $$ = Param{ParamKind::Plain, make_arg(ps, @$, $1, nullptr), nullptr, $1}; }
  | NAME "=" expression { $$ = Param{ParamKind::Plain, make_arg(ps, @1, $1, nullptr), $3, $1}; }
  | "/" { $$ = Param{ParamKind::Slash, nullptr, nullptr, $1}; }
  | "*" { $$ = Param{ParamKind::Star, nullptr, nullptr, $1}; }
  | "*" NAME { $$ = Param{ParamKind::Star, make_arg(ps, @2, $2, nullptr), nullptr, $1}; }
  | "*" NAME "=" expression {
      ps->raise_tok($3, $3, "var-positional argument cannot have default value"); YYABORT; }
  | "**" NAME { $$ = Param{ParamKind::DoubleStar, make_arg(ps, @2, $2, nullptr), nullptr, $1}; }
  | "**" NAME "=" expression {
      ps->raise_tok($3, $3, "var-keyword argument cannot have default value"); YYABORT; }
  ;

disjunction:
    conjunction
  | or_list { $$ = make_boolop(ps, @$, BoolOpKind::Or, $1); }
  ;

or_list:
    conjunction "or" conjunction { $$ = NEWLIST(); PUSH($$, $1); PUSH($$, $3); }
  | or_list "or" conjunction { $$ = $1; PUSH($$, $3); }
  ;

conjunction:
    inversion
  | and_list { $$ = make_boolop(ps, @$, BoolOpKind::And, $1); }
  ;

and_list:
    inversion "and" inversion { $$ = NEWLIST(); PUSH($$, $1); PUSH($$, $3); }
  | and_list "and" inversion { $$ = $1; PUSH($$, $3); }
  ;

inversion:
    "not" inversion { $$ = make_unary(ps, @$, UnaryOpKind::Not, $2); }
  | comparison
  ;

comparison:
    bitwise_or
  | bitwise_or cmp_chain {
      auto* n = MK(Compare, @$); n->left = $1; n->ops = SEQ($2->ops);
      n->comparators = SEQ($2->exprs); $$ = n; }
  ;

cmp_chain:
    cmp_op bitwise_or {
      $$ = ps->arena.make<CmpChain>(); $$->ops = list_new<CmpOpKind>(ps->arena);
      $$->exprs = NEWLIST(); list_push(ps->arena, $$->ops, (CmpOpKind)$1); PUSH($$->exprs, $2); }
  | cmp_chain cmp_op bitwise_or {
      $$ = $1; list_push(ps->arena, $$->ops, (CmpOpKind)$2); PUSH($$->exprs, $3); }
  ;

cmp_op:
    "==" { $$ = (int)CmpOpKind::Eq; }
  | "!=" { $$ = (int)CmpOpKind::NotEq; }
  | "<" { $$ = (int)CmpOpKind::Lt; }
  | "<=" { $$ = (int)CmpOpKind::LtE; }
  | ">" { $$ = (int)CmpOpKind::Gt; }
  | ">=" { $$ = (int)CmpOpKind::GtE; }
  | "in" { $$ = (int)CmpOpKind::In; }
  | "not" "in" { $$ = (int)CmpOpKind::NotIn; }
  | "is" { $$ = (int)CmpOpKind::Is; }
  | "is" "not" { $$ = (int)CmpOpKind::IsNot; }
  ;

bitwise_or:
    bitwise_xor
  | bitwise_or "|" bitwise_xor { $$ = make_binop(ps, @$, $1, OperatorKind::BitOr, $3); }
  ;

bitwise_xor:
    bitwise_and
  | bitwise_xor "^" bitwise_and { $$ = make_binop(ps, @$, $1, OperatorKind::BitXor, $3); }
  ;

bitwise_and:
    shift_expr
  | bitwise_and "&" shift_expr { $$ = make_binop(ps, @$, $1, OperatorKind::BitAnd, $3); }
  ;

shift_expr:
    sum
  | shift_expr "<<" sum { $$ = make_binop(ps, @$, $1, OperatorKind::LShift, $3); }
  | shift_expr ">>" sum { $$ = make_binop(ps, @$, $1, OperatorKind::RShift, $3); }
  ;

sum:
    term
  | sum "+" term { $$ = make_binop(ps, @$, $1, OperatorKind::Add, $3); }
  | sum "-" term { $$ = make_binop(ps, @$, $1, OperatorKind::Sub, $3); }
  ;

term:
    factor
  | term "*" factor { $$ = make_binop(ps, @$, $1, OperatorKind::Mult, $3); }
  | term "/" factor { $$ = make_binop(ps, @$, $1, OperatorKind::Div, $3); }
  | term "//" factor { $$ = make_binop(ps, @$, $1, OperatorKind::FloorDiv, $3); }
  | term "%" factor { $$ = make_binop(ps, @$, $1, OperatorKind::Mod, $3); }
  | term "@" factor { $$ = make_binop(ps, @$, $1, OperatorKind::MatMult, $3); }
  ;

factor:
    "+" factor { $$ = make_unary(ps, @$, UnaryOpKind::UAdd, $2); }
  | "-" factor { $$ = make_unary(ps, @$, UnaryOpKind::USub, $2); }
  | "~" factor { $$ = make_unary(ps, @$, UnaryOpKind::Invert, $2); }
  | power
  ;

power:
    await_primary
  | await_primary "**" factor { $$ = make_binop(ps, @$, $1, OperatorKind::Pow, $3); }
  ;

await_primary:
    "await" primary { auto* n = MK(Await, @$); n->value = $2; $$ = n; }
  | primary
  ;

primary:
    atom
  | primary "." NAME { auto* n = MK(Attribute, @$); n->value = $1; n->attr = ps->text($3); $$ = n; }
  | primary "(" ")" { CK($$ = make_call(ps, @$, $1, nullptr, $3)); }
  | primary "(" arglist ")" { CK($$ = make_call(ps, @$, $1, $3, $4)); }
  | primary "[" slice_list "]" { CK($$ = make_subscript(ps, @$, $1, $3, @3)); }
  | primary "[" slice_list "," "]" {
      $3->comma = true; Loc sl{@3.first, @4.last}; CK($$ = make_subscript(ps, @$, $1, $3, sl)); }
  ;

slice_list:
    slice_item { $$ = NEWLIST(); PUSH($$, $1); }
  | slice_list "," slice_item { $$ = $1; PUSH($$, $3); }
  ;

slice_item:
    named_expr
  | "*" expression { $$ = make_starred(ps, @$, $2); }
  | expr_opt ":" expr_opt { auto* n = MK(Slice, @$); n->lower = $1; n->upper = $3; $$ = n; }
  | expr_opt ":" expr_opt ":" expr_opt {
      auto* n = MK(Slice, @$); n->lower = $1; n->upper = $3; n->step = $5; $$ = n; }
  ;

expr_opt: %empty { $$ = nullptr; } | expression ;

arglist:
    arg_list { $$ = $1; }
  | arg_list "," { $$ = $1; $$->comma = true; }
  ;

arg_list:
    arg { $$ = list_new<CallArg>(ps->arena); list_push(ps->arena, $$, $1); }
  | arg_list "," arg { $$ = $1; list_push(ps->arena, $$, $3); }
  ;

arg:
    named_expr { $$ = CallArg{ArgKind::Positional, $1, @$}; }
  | named_expr comp_for {
      auto* g = MK(GeneratorExp, @$); g->elt = $1; g->generators = SEQ($2);
      $$ = CallArg{ArgKind::BareGenexp, g, @$}; }
  | "*" expression { $$ = CallArg{ArgKind::Star, make_starred(ps, @$, $2), @$}; }
  | "**" expression {
      auto* k = MK(keyword, @$); k->value = $2; $$ = CallArg{ArgKind::DoubleStar, k, @$}; }
  | expression "=" expression {
      bool ok; $$ = make_keyword_arg(ps, @$, $1, @1, $2, $3, &ok); CK(ok); }
  ;

comp_for:
    "for" target_list "in" disjunction comp_ifs {
      $$ = NEWLIST(); ast::Node* c = make_comprehension(ps, $2, @2, $4, $5, false); CK(c);
      PUSH($$, c); }
  | "async" "for" target_list "in" disjunction comp_ifs {
      $$ = NEWLIST(); ast::Node* c = make_comprehension(ps, $3, @3, $5, $6, true); CK(c);
      PUSH($$, c); }
  | comp_for "for" target_list "in" disjunction comp_ifs {
      $$ = $1; ast::Node* c = make_comprehension(ps, $3, @3, $5, $6, false); CK(c);
      PUSH($$, c); }
  | comp_for "async" "for" target_list "in" disjunction comp_ifs {
      $$ = $1; ast::Node* c = make_comprehension(ps, $4, @4, $6, $7, true); CK(c);
      PUSH($$, c); }
  ;

comp_ifs:
    %empty { $$ = nullptr; }
  | comp_ifs "if" disjunction { $$ = $1 ? $1 : NEWLIST(); PUSH($$, $3); }
  ;

target_list:
    target_items { $$ = $1; }
  | target_items "," { $$ = $1; $$->comma = true; }
  ;

target_items:
    target_item { $$ = NEWLIST(); PUSH($$, $1); }
  | target_items "," target_item { $$ = $1; PUSH($$, $3); }
  ;

target_item:
    bitwise_or
  | "*" bitwise_or { $$ = make_starred(ps, @$, $2); }
  ;

atom:
    NAME { $$ = make_name(ps, $1); }
  | NUMBER { $$ = make_number(ps, $1); }
  | strings { CK($$ = make_strings(ps, @$)); }
  | "..." { $$ = make_constant(ps, @$, ConstKind::Ellipsis); }
  | "None" { $$ = make_constant(ps, @$, ConstKind::None); }
  | "True" { $$ = make_constant(ps, @$, ConstKind::True); }
  | "False" { $$ = make_constant(ps, @$, ConstKind::False); }
  | "(" ")" { $$ = MK(Tuple, @$); }
  | "(" yield_expr ")" { $$ = $2; }
  | "(" star_named_list ")" { CK($$ = make_paren(ps, @$, $2)); }
  | "(" named_expr comp_for ")" {
      auto* n = MK(GeneratorExp, @$); n->elt = $2; n->generators = SEQ($3); $$ = n; }
  | "[" "]" { $$ = MK(List, @$); }
  | "[" star_named_list "]" { auto* n = MK(List, @$); n->elts = SEQ($2); $$ = n; }
  | "[" named_expr comp_for "]" {
      auto* n = MK(ListComp, @$); n->elt = $2; n->generators = SEQ($3); $$ = n; }
  | "{" "}" { $$ = MK(Dict, @$); }
  | "{" star_named_list "}" { auto* n = MK(Set, @$); n->elts = SEQ($2); $$ = n; }
  | "{" dict_items "}" {
      auto* n = MK(Dict, @$); n->keys = SEQ($2->keys); n->values = SEQ($2->values); $$ = n; }
  | "{" named_expr comp_for "}" {
      auto* n = MK(SetComp, @$); n->elt = $2; n->generators = SEQ($3); $$ = n; }
  | "{" expression ":" expression comp_for "}" {
      auto* n = MK(DictComp, @$); n->key = $2; n->value = $4; n->generators = SEQ($5); $$ = n; }
  ;

strings: STRING | strings STRING ;

dict_items: dict_item_list { $$ = $1; } | dict_item_list "," { $$ = $1; } ;

dict_item_list:
    expression ":" expression {
      $$ = ps->arena.make<DictItems>(); $$->keys = NEWLIST(); $$->values = NEWLIST();
      PUSH($$->keys, $1); PUSH($$->values, $3); }
  | "**" bitwise_or {
      $$ = ps->arena.make<DictItems>(); $$->keys = NEWLIST(); $$->values = NEWLIST();
      PUSH($$->keys, nullptr); PUSH($$->values, $2); }
  | dict_item_list "," expression ":" expression { $$ = $1; PUSH($$->keys, $3); PUSH($$->values, $5); }
  | dict_item_list "," "**" bitwise_or { $$ = $1; PUSH($$->keys, nullptr); PUSH($$->values, $4); }
  ;

%%

int yylex(YYSTYPE* lval, YYLTYPE* lloc, strata::ParserState* ps) {
  if (ps->pos < 0) {
    ps->pos = 0;
    lloc->first = lloc->last = 0;
    return ps->start_code;
  }
  if (ps->pos >= ps->ntoks) {
    lloc->first = lloc->last = ps->probe ? ps->ntoks : ps->ntoks - 1;
    return T_YYEOF;
  }
  int i = ps->pos++;
  lval->tok = i;
  lloc->first = lloc->last = i;
  return ps->codes[i];
}

void yyerror(YYLTYPE* lloc, strata::ParserState* ps, const char* msg) {
  if (ps->failed) return;
  if (std::strcmp(msg, "memory exhausted") == 0) {
    ps->overflow = true;
    ps->raise_tok(lloc->first, lloc->first,
                  "Parser stack overflowed - Python source too complex to parse");
    return;
  }
  ps->report_syntax_error(lloc->first);
}

namespace strata {

// The Bison kind of each Tok, in tokens.def order.
extern const int kTokToBison[];
const int kTokToBison[] = {
#define TOKEN(name) T_##name,
#define OP(name, text) T_##name,
#define KEYWORD(name, word) T_##name,
#define SOFT_KEYWORD(name, word) T_##name,
#include "frontend/tokens.def"
#undef TOKEN
#undef OP
#undef KEYWORD
#undef SOFT_KEYWORD
};
extern const int kBisonStartFile = T_START_FILE;
extern const int kBisonStartEval = T_START_EVAL;
extern const int kBisonStartSingle = T_START_SINGLE;
extern const int kBisonStartFstring = T_START_FSTRING;
extern const int kBisonStartFuncType = T_START_FUNCTYPE;
extern const int kBisonLparWith = T_LPAR_WITH;
extern const int kBisonErrorToken = T_ERRORTOKEN;
extern const int kBisonProbe[] = {T_START_PROBE_EXPR, T_START_PROBE_EXPRS,
                                  T_START_PROBE_SUBJECT, T_START_PROBE_COMPFOR,
                                  T_START_PROBE_NAMED, T_START_PROBE_FORHEAD};

int run_bison(ParserState* ps) { return yyparse(ps); }

}  // namespace strata
