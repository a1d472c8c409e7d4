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
// Every opcode and oparg meaning the compiler uses comes from vm/opcodes.h, generated
// from vm/instructions.def: op::LOAD_CONST ... (real and pseudo, as the uint16_t that
// InstrSeq stores), NB_*, INTRINSIC_*, MF_*, FVC_*/FVS_*, RESUME_*, COMPARE_OPARG_*,
// TEST_*, AWAITABLE_*. None is restated here.

// BINARY_OP's oparg for an operator; `inplace` gives the augmented-assignment form.
int binary_oparg(ast::OperatorKind k, bool inplace);

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

// A map from names to indices that looks up by string_view without building a string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IndexMap = std::unordered_map<std::string, int, StringHash, std::equal_to<>>;

// UNPACK_EX's oparg for `count` targets with the star at `star` (layout in
// vm/instructions.def: items before the star in the low byte, after it above); false
// when the counts do not fit.
inline bool unpack_ex_oparg(uint32_t star, uint32_t count, int& oparg) {
  uint32_t after = count - star - 1;
  if (star >= (1u << 8) || after >= (1u << 23)) return false;
  oparg = static_cast<int>(star | after << 8);
  return true;
}

// One code object being compiled.
struct Unit {
  Scope* ste = nullptr;
  UnitKind kind = UnitKind::Module;
  std::string name, qualname;
  std::string private_name;  // for mangling
  InstrSeq seq;
  std::vector<Const> consts;
  IndexMap const_index;
  std::vector<std::string> names;
  IndexMap name_index;
  std::vector<std::string> varnames;
  IndexMap varname_index;
  std::vector<std::string> cellvars, freevars;
  IndexMap cell_index, free_index;
  int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  int firstlineno = 1;
  std::vector<FBlock> fblocks;
  size_t last_bind_pos = 0;  // where the last label was bound (see nameop's PUSH_NULL)
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
  // BUILD_TUPLE n. A tuple of constants is folded by the assembler (3.12's
  // fold_tuple_on_constants in the flowgraph), not here.
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
  // `except E as name` leaves the handler with `name = None; del name`.
  bool clear_handler_name(ast::Str name, Location loc);
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
