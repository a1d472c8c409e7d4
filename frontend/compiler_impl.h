// frontend/compiler_impl.h — the compiler's internal state, shared by its source files:
// compiler.cpp (driver, scopes, names, constants, functions and classes),
// compile_stmt.cpp (statements, the frame-block stack), compile_expr.cpp (expressions,
// calls, comprehensions), compile_fold.cpp (constant folding), compile_match.cpp (match
// statements) and compile_unparse.cpp (annotations under `from __future__ import
// annotations`).
// Code generation follows CPython 3.12's Python/compile.c shapes, with 3.11's
// non-inlined comprehensions.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "frontend/assembler.h"
#include "frontend/ast.h"
#include "frontend/code.h"
#include "frontend/compiler.h"
#include "frontend/symtable.h"
#include "vm/opcodes.h"

namespace strata::compiler_detail {

// -- Opcodes ------------------------------------------------------------------------
// The compiler names every opcode it emits through these constants (uint16_t, as
// InstrSeq stores them), taken from the generated enums of vm/instructions.def.
namespace op {
#define STRATA_X(name) inline constexpr uint16_t name = static_cast<uint16_t>(Op::name);
STRATA_X(NOP) STRATA_X(POP_TOP) STRATA_X(PUSH_NULL) STRATA_X(END_FOR) STRATA_X(COPY)
STRATA_X(SWAP) STRATA_X(RESUME) STRATA_X(UNARY_NEGATIVE) STRATA_X(UNARY_NOT)
STRATA_X(UNARY_INVERT) STRATA_X(BINARY_OP) STRATA_X(BINARY_SUBSCR) STRATA_X(STORE_SUBSCR)
STRATA_X(DELETE_SUBSCR) STRATA_X(BINARY_SLICE) STRATA_X(STORE_SLICE) STRATA_X(GET_ITER)
STRATA_X(GET_YIELD_FROM_ITER) STRATA_X(FOR_ITER) STRATA_X(GET_LEN) STRATA_X(RETURN_VALUE)
STRATA_X(RETURN_CONST) STRATA_X(LOAD_CONST) STRATA_X(LOAD_FAST) STRATA_X(LOAD_FAST_CHECK)
STRATA_X(STORE_FAST) STRATA_X(DELETE_FAST) STRATA_X(LOAD_NAME) STRATA_X(STORE_NAME)
STRATA_X(DELETE_NAME) STRATA_X(LOAD_GLOBAL) STRATA_X(STORE_GLOBAL) STRATA_X(DELETE_GLOBAL)
STRATA_X(LOAD_DEREF) STRATA_X(STORE_DEREF) STRATA_X(DELETE_DEREF) STRATA_X(LOAD_CLOSURE)
STRATA_X(MAKE_CELL) STRATA_X(COPY_FREE_VARS) STRATA_X(LOAD_FROM_DICT_OR_DEREF)
STRATA_X(LOAD_LOCALS) STRATA_X(LOAD_ATTR) STRATA_X(STORE_ATTR)
STRATA_X(DELETE_ATTR) STRATA_X(LOAD_SUPER_ATTR) STRATA_X(COMPARE_OP) STRATA_X(IS_OP)
STRATA_X(CONTAINS_OP) STRATA_X(POP_JUMP_IF_FALSE) STRATA_X(POP_JUMP_IF_TRUE)
STRATA_X(POP_JUMP_IF_NONE) STRATA_X(POP_JUMP_IF_NOT_NONE) STRATA_X(CALL) STRATA_X(KW_NAMES)
STRATA_X(CALL_FUNCTION_EX) STRATA_X(CALL_INTRINSIC_1) STRATA_X(CALL_INTRINSIC_2)
STRATA_X(MAKE_FUNCTION) STRATA_X(BUILD_TUPLE) STRATA_X(BUILD_LIST) STRATA_X(BUILD_SET)
STRATA_X(BUILD_MAP) STRATA_X(BUILD_CONST_KEY_MAP) STRATA_X(BUILD_STRING) STRATA_X(BUILD_SLICE)
STRATA_X(LIST_APPEND) STRATA_X(SET_ADD) STRATA_X(MAP_ADD) STRATA_X(LIST_EXTEND)
STRATA_X(SET_UPDATE) STRATA_X(DICT_UPDATE) STRATA_X(DICT_MERGE) STRATA_X(UNPACK_SEQUENCE)
STRATA_X(UNPACK_EX) STRATA_X(FORMAT_VALUE) STRATA_X(IMPORT_NAME) STRATA_X(IMPORT_FROM)
STRATA_X(RAISE_VARARGS) STRATA_X(RERAISE) STRATA_X(PUSH_EXC_INFO) STRATA_X(POP_EXCEPT)
STRATA_X(CHECK_EXC_MATCH) STRATA_X(CHECK_EG_MATCH) STRATA_X(WITH_EXCEPT_START)
STRATA_X(BEFORE_WITH) STRATA_X(BEFORE_ASYNC_WITH) STRATA_X(LOAD_BUILD_CLASS)
STRATA_X(LOAD_ASSERTION_ERROR) STRATA_X(SETUP_ANNOTATIONS) STRATA_X(YIELD_VALUE)
STRATA_X(RETURN_GENERATOR) STRATA_X(SEND) STRATA_X(END_SEND) STRATA_X(CLEANUP_THROW)
STRATA_X(GET_AWAITABLE) STRATA_X(GET_AITER) STRATA_X(GET_ANEXT) STRATA_X(END_ASYNC_FOR)
STRATA_X(MATCH_CLASS) STRATA_X(MATCH_MAPPING) STRATA_X(MATCH_SEQUENCE) STRATA_X(MATCH_KEYS)
#undef STRATA_X
#define STRATA_X(name) inline constexpr uint16_t name = static_cast<uint16_t>(PseudoOp::name);
STRATA_X(SETUP_FINALLY) STRATA_X(SETUP_CLEANUP) STRATA_X(SETUP_WITH) STRATA_X(POP_BLOCK)
STRATA_X(JUMP) STRATA_X(JUMP_NO_INTERRUPT) STRATA_X(LOAD_METHOD) STRATA_X(LOAD_SUPER_METHOD)
STRATA_X(LOAD_ZERO_SUPER_METHOD) STRATA_X(LOAD_ZERO_SUPER_ATTR)
#undef STRATA_X
}  // namespace op

// Oparg meanings (CPython 3.12's numbers).
enum BinaryOpArg : int {
  NB_ADD = 0, NB_AND = 1, NB_FLOOR_DIVIDE = 2, NB_LSHIFT = 3, NB_MATRIX_MULTIPLY = 4,
  NB_MULTIPLY = 5, NB_REMAINDER = 6, NB_OR = 7, NB_POWER = 8, NB_RSHIFT = 9,
  NB_SUBTRACT = 10, NB_TRUE_DIVIDE = 11, NB_XOR = 12, NB_INPLACE_OFFSET = 13,
};
enum Intrinsic1 : int {
  INTRINSIC_PRINT = 1, INTRINSIC_IMPORT_STAR = 2, INTRINSIC_STOPITERATION_ERROR = 3,
  INTRINSIC_ASYNC_GEN_WRAP = 4, INTRINSIC_UNARY_POSITIVE = 5, INTRINSIC_LIST_TO_TUPLE = 6,
};
enum Intrinsic2 : int { INTRINSIC_PREP_RERAISE_STAR = 1 };
enum MakeFunctionFlag : int {
  MF_DEFAULTS = 0x01, MF_KWDEFAULTS = 0x02, MF_ANNOTATIONS = 0x04, MF_CLOSURE = 0x08,
};
enum FormatValueArg : int {
  FVC_NONE = 0, FVC_STR = 1, FVC_REPR = 2, FVC_ASCII = 3, FVS_HAVE_SPEC = 4,
};
// RESUME's oparg: where the frame resumes (3.12).
enum ResumeArg : int { RESUME_START = 0, RESUME_AFTER_YIELD = 1, RESUME_AFTER_YIELD_FROM = 2,
                       RESUME_AFTER_AWAIT = 3 };

// CPython's STACK_USE_GUIDELINE: displays and calls longer than this are built
// incrementally so that a huge literal does not need a huge stack.
inline constexpr int kStackUseGuideline = 30;
// CPython's CO_MAXBLOCKS: nesting limit of loops/try/with in one code object.
inline constexpr int kMaxBlocks = 20;
// co_flags bits from `from __future__ import ...`.
inline constexpr uint32_t CO_FUTURE_BARRY_AS_BDFL = 0x400000;
inline constexpr uint32_t CO_FUTURE_ANNOTATIONS = 0x1000000;

inline std::string_view sv(ast::Str s) { return {s.data ? s.data : "", s.size}; }
inline Location loc_of(const ast::Node* n) {
  return Location{n->lineno, n->end_lineno, n->col_offset, n->end_col_offset};
}

enum class UnitKind : uint8_t { Module, Class, Function, AsyncFunction, Lambda, Comprehension };

// The frame blocks of CPython's compiler: what break/continue/return must unwind.
enum class FBlockKind : uint8_t {
  WhileLoop, ForLoop, TryExcept, FinallyTry, FinallyEnd, With, AsyncWith,
  HandlerCleanup, PopValue, ExceptionHandler, ExceptionGroupHandler,
  AsyncComprehensionGenerator, StopIteration,
};

struct FBlock {
  FBlock(FBlockKind k, int b = -1, int e = -1) : kind(k), block(b), exit(e) {}
  FBlockKind kind;
  int block = -1;  // label: the loop's top (continue target) or the region's start
  int exit = -1;   // label: the loop's exit (break target)
  const ast::Node* datum = nullptr;         // With/AsyncWith: the statement
  const ast::NodeList* finalbody = nullptr;  // FinallyTry: the finally body
  ast::Str handler_name;                     // HandlerCleanup: the `as` name, if any
};

// One code object being compiled.
struct Unit {
  Scope* ste = nullptr;
  UnitKind kind = UnitKind::Module;
  std::string name, qualname;
  std::string private_name;  // for mangling
  InstrSeq seq;
  std::vector<Const> consts;
  std::unordered_map<std::string, int> const_index;
  std::vector<std::string> names;
  std::unordered_map<std::string, int> name_index;
  std::vector<std::string> varnames;
  std::unordered_map<std::string, int> varname_index;
  std::vector<std::string> cellvars, freevars;
  std::unordered_map<std::string, int> cell_index, free_index;
  int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  int firstlineno = 1;
  std::vector<FBlock> fblocks;
  size_t last_bind_pos = 0;  // where the last label was bound (see build_tuple)
  int stopiteration_handler = -1;  // label of a generator's PEP 479 handler
};

class Compiler {
 public:
  Compiler(std::string_view filename, ParseMode mode, const CompileOptions& options,
           SyntaxErrorInfo& error)
      : filename_(filename), mode_(mode), options_(options), error_(error) {}

  std::shared_ptr<CodeObject> run(ast::Node* root);

  // -- errors (compiler.cpp) --------------------------------------------------------
  bool fail(Location loc, std::string msg);

  // -- units, emission, tables (compiler.cpp) ----------------------------------------
  bool enter_scope(std::string_view name, UnitKind kind, const ast::Node* key, int lineno);
  std::shared_ptr<CodeObject> leave_scope();
  Unit& u() { return *units_.back(); }
  const Unit& u() const { return *units_.back(); }
  int new_label() { return u().seq.new_label(); }
  void bind(int label) {
    u().seq.bind(label);
    u().last_bind_pos = u().seq.instrs().size();
  }
  // BUILD_TUPLE n, or one tuple constant when the n instructions before are
  // LOAD_CONSTs that no jump enters (CPython's fold_tuple_on_constants).
  void build_tuple(int n, Location loc);
  void emit(uint16_t opcode, int oparg, Location loc) { u().seq.emit(opcode, oparg, loc); }
  void emit(uint16_t opcode, Location loc) { u().seq.emit(opcode, 0, loc); }
  void emit_jump(uint16_t opcode, int label, Location loc) { u().seq.emit_jump(opcode, label, loc); }
  int add_const(Const c);
  static int add_const_to(Unit& unit, Const c);
  void load_const(Const c, Location loc) { emit(op::LOAD_CONST, add_const(std::move(c)), loc); }
  void load_none(Location loc);
  int add_name(std::string_view name);
  int add_name_mangled(std::string_view name);
  int varname_index(const std::string& name);
  std::string mangle(std::string_view name) const;
  bool is_function_like() const { return u().ste->type == BlockType::Function; }
  bool nameop(std::string_view name, ast::ExprContext ctx, Location loc);
  bool forbidden_name(std::string_view name, ast::ExprContext ctx, Location loc);
  // Loads `name` for a call: LOAD_GLOBAL with its NULL bit when the name is a global
  // of a function scope; else PUSH_NULL + the ordinary load.
  bool load_name_for_call(std::string_view name, Location loc);

  // -- functions and classes (compiler.cpp) -----------------------------------------
  bool function_def(ast::Node* s, bool is_async);
  bool class_def(ast::ClassDef* s);
  bool lambda(ast::Lambda* e);
  bool make_closure(const std::shared_ptr<CodeObject>& code, int flags, Location loc);
  bool default_arguments(ast::arguments* args, Location loc, int& flags);
  bool annotations(ast::arguments* args, ast::Node* returns, Location loc, int& flags);
  bool annotation_value(ast::Node* annotation, Location loc);
  bool body(const ast::NodeList& stmts, Location loc);  // module/class body + docstring
  bool check_future(ast::Module* m);
  bool decorators(const ast::NodeList& list);
  bool apply_decorators(const ast::NodeList& list);

  // -- statements (compile_stmt.cpp) ------------------------------------------------
  bool stmt(ast::Node* s);
  bool stmts(const ast::NodeList& list);
  bool push_fblock(Location loc, FBlock b);
  void pop_fblock() { u().fblocks.pop_back(); }
  bool unwind_fblock(const FBlock& b, bool preserve_tos, Location& loc);
  bool unwind_fblock_stack(bool preserve_tos, Location& loc, const FBlock** loop);
  bool call_exit_with_nones(Location loc);
  bool with_except_finish(int cleanup);
  void pop_except_and_reraise(Location loc);
  bool add_yield_from(Location loc, bool await);
  void emit_yield(Location loc);
  bool stmt_if(ast::If* s);
  bool stmt_while(ast::While* s);
  bool stmt_for(ast::For* s);
  bool stmt_async_for(ast::AsyncFor* s);
  bool stmt_return(ast::Return* s);
  bool stmt_break(ast::Node* s);
  bool stmt_continue(ast::Node* s);
  bool stmt_try(ast::Node* s, bool star);
  bool try_finally(ast::Node* s, bool star);
  bool try_except(ast::Node* s);
  bool try_star_except(ast::Node* s);
  bool stmt_with(ast::With* s, uint32_t pos);
  bool stmt_async_with(ast::AsyncWith* s, uint32_t pos);
  bool stmt_import(ast::Import* s);
  bool stmt_import_from(ast::ImportFrom* s);
  bool stmt_assert(ast::Assert* s);
  bool stmt_aug_assign(ast::AugAssign* s);
  bool stmt_ann_assign(ast::AnnAssign* s);
  bool check_ann_expr(ast::Node* e);
  bool check_ann_subscr(ast::Node* e);
  bool stmt_match(ast::Match* s);  // compile_match.cpp

  // -- expressions (compile_expr.cpp) -------------------------------------------------
  bool expr(ast::Node* e);
  bool jump_if(ast::Node* e, int label, bool cond);
  bool boolop(ast::BoolOp* e);
  bool compare(ast::Compare* e);
  bool iter_expr(ast::Node* e);
  void compare_op(ast::CmpOpKind k, Location loc);
  bool call(ast::Call* e);
  bool validate_keywords(const ast::NodeList& keywords, Location loc);
  bool call_helper(Location loc, int n, const ast::NodeList& args, const ast::NodeList& keywords);
  bool subkwargs(Location loc, const ast::NodeList& keywords, uint32_t begin, uint32_t end);
  bool starunpack(Location loc, const ast::NodeList& elts, int pushed, uint16_t build,
                  uint16_t add, uint16_t extend, bool tuple);
  bool unpack_assign(Location loc, const ast::NodeList& elts);
  bool dict(ast::Dict* e);
  bool subdict(ast::Dict* e, uint32_t begin, uint32_t end);
  int slice_parts(ast::Slice* s);  // pushes lower, upper[, step]; returns the count; -1 on error
  bool subscript(ast::Subscript* e);
  bool attribute(ast::Attribute* e);
  bool comprehension(ast::Node* e);
  bool comprehension_generator(const ast::NodeList& gens, uint32_t index, int depth,
                               ast::Node* elt, ast::Node* val, ast::Kind kind);
  bool sync_comprehension_generator(const ast::NodeList& gens, uint32_t index, int depth,
                                    ast::Node* elt, ast::Node* val, ast::Kind kind);
  bool async_comprehension_generator(const ast::NodeList& gens, uint32_t index, int depth,
                                     ast::Node* elt, ast::Node* val, ast::Kind kind);
  bool comprehension_element(ast::Node* elt, ast::Node* val, ast::Kind kind, int depth,
                             Location loc);
  bool joined_str(ast::JoinedStr* e);
  bool percent_format(ast::BinOp* b, bool& done);
  bool formatted_value(ast::FormattedValue* e);
  bool try_super_method_call(ast::Attribute* attr, bool method, Location loc, bool& done);
  Location attr_loc(ast::Attribute* e, Location loc) const;

  // -- constants (compile_fold.cpp) ----------------------------------------------------
  // The constant an expression folds to (CPython's ast_opt.c: literals, tuples of
  // constants, unary/binary operators within its size limits, __debug__); false when
  // it is not constant.
  bool fold(ast::Node* e, Const& out);
  bool fold_uncached(ast::Node* e, Const& out);
  static Const const_of(const ast::ConstValue& v);

  // -- annotations as strings (compile_unparse.cpp) ------------------------------------
  bool unparse(ast::Node* e, std::string& out);

  // -- state ------------------------------------------------------------------------
  std::string filename_;
  ParseMode mode_;
  CompileOptions options_;
  SyntaxErrorInfo& error_;
  bool failed_ = false;
  std::unique_ptr<SymbolTable> symtable_;
  std::vector<std::unique_ptr<Unit>> units_;
  uint32_t future_flags_ = 0;
  int future_lineno_ = 0;  // the line of the last leading future import
  bool interactive_ = false;
  int nest_level_ = 0;
  std::unordered_set<const ast::Node*> unfoldable_;
};

// A canonical key of a constant for co_consts deduplication (CPython's
// _PyCode_ConstantKey: equal values of different types stay distinct, 0.0 and -0.0
// too).
std::string const_key(const Const& c);

}  // namespace strata::compiler_detail
