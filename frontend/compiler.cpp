// frontend/compiler.cpp — the compiler's driver and its code-object bookkeeping: the
// stack of units (one per code object being compiled), co_consts / co_names /
// localsplus tables, name resolution into LOAD_FAST / LOAD_DEREF / LOAD_GLOBAL /
// LOAD_NAME families, and the code that creates functions and classes (defaults,
// annotations, closures, decorators, __class__ cells). Statements and expressions are
// in compile_stmt.cpp and compile_expr.cpp.
#include "frontend/compiler.h"

#include <algorithm>
#include <cstring>

#include "frontend/compiler_impl.h"

namespace strata {
namespace compiler_detail {

using namespace ast;

// -- Errors -----------------------------------------------------------------------

bool Compiler::fail(Location loc, std::string msg) {
  if (failed_) return false;  // keep the first error
  failed_ = true;
  error_.type = "SyntaxError";
  error_.msg = std::move(msg);
  error_.filename = filename_;
  error_.lineno = loc.lineno > 0 ? loc.lineno : 0;
  error_.col_offset = loc.col_offset;
  error_.end_lineno = loc.end_lineno > 0 ? loc.end_lineno : 0;
  error_.end_col_offset = loc.end_col_offset;
  error_.text.clear();
  if (!options_.source.empty() && error_.lineno > 0)
    error_.text = std::string(source_line(options_.source, error_.lineno));
  return false;
}

// -- Constants --------------------------------------------------------------------

static void key_into(const Const& c, std::string& k) {
  k += static_cast<char>('A' + static_cast<int>(c.tag));
  switch (c.tag) {
    case ConstTag::Int: k += std::to_string(c.i); break;
    case ConstTag::BigInt: case ConstTag::Str: case ConstTag::Bytes:
      k += std::to_string(c.text.size());
      k += ':';
      k += c.text;
      break;
    case ConstTag::Float: case ConstTag::Complex: {
      char buf[40];
      uint64_t a, b;
      std::memcpy(&a, &c.re, 8);
      std::memcpy(&b, &c.im, 8);
      snprintf(buf, sizeof buf, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
      k += buf;
      break;
    }
    case ConstTag::Tuple: case ConstTag::FrozenSet:
      k += '(';
      for (const Const& item : c.items) key_into(item, k);
      k += ')';
      break;
    case ConstTag::Code: {
      char buf[32];
      snprintf(buf, sizeof buf, "%p", static_cast<void*>(c.code.get()));
      k += buf;
      break;
    }
    default: break;
  }
}

std::string const_key(const Const& c) {
  std::string k;
  key_into(c, k);
  return k;
}

int Compiler::add_const(Const c) { return add_const_to(u(), std::move(c)); }

int Compiler::add_const_to(Unit& unit, Const c) {
  thread_local std::string key;  // reused: looking up a constant allocates nothing
  key.clear();
  key_into(c, key);
  auto it = unit.const_index.find(std::string_view(key));
  if (it != unit.const_index.end()) return it->second;
  int index = static_cast<int>(unit.consts.size());
  unit.consts.push_back(std::move(c));
  unit.const_index.emplace(key, index);
  return index;
}

void Compiler::load_none(Location loc) { load_const(Const{}, loc); }

// Always a BUILD_TUPLE, even of constants: the assembler folds LOAD_CONSTs + BUILD_TUPLE
// into one tuple constant, appended after every constant added here, as 3.12's
// flowgraph does (so the constant indexes match 3.12's).
void Compiler::build_tuple(int n, Location loc) { emit(op::BUILD_TUPLE, n, loc); }

Const Compiler::const_of(const ConstValue& v) {
  Const c;
  switch (v.kind) {
    case ConstKind::None: c.tag = ConstTag::None; break;
    case ConstKind::True: c.tag = ConstTag::True; break;
    case ConstKind::False: c.tag = ConstTag::False; break;
    case ConstKind::Ellipsis: c.tag = ConstTag::Ellipsis; break;
    case ConstKind::Int: c.tag = ConstTag::Int; c.i = v.i; break;
    case ConstKind::BigInt: c.tag = ConstTag::BigInt; c.text.assign(sv(v.text)); break;
    case ConstKind::Float: c.tag = ConstTag::Float; c.re = v.f; break;
    case ConstKind::Complex: c.tag = ConstTag::Complex; c.im = v.f; break;
    case ConstKind::Str: c.tag = ConstTag::Str; c.text.assign(sv(v.text)); break;
    case ConstKind::Bytes: c.tag = ConstTag::Bytes; c.text.assign(sv(v.text)); break;
  }
  return c;
}

static Const str_const(std::string_view s) {
  Const c;
  c.tag = ConstTag::Str;
  c.text.assign(s);
  return c;
}

// -- Names ------------------------------------------------------------------------

std::string Compiler::mangle(std::string_view name) const {
  return strata::mangle(u().private_name, name);
}

int Compiler::add_name(std::string_view name) {
  Unit& unit = u();
  auto it = unit.name_index.find(name);
  if (it != unit.name_index.end()) return it->second;
  int index = static_cast<int>(unit.names.size());
  unit.names.emplace_back(name);
  unit.name_index.emplace(std::string(name), index);
  return index;
}

int Compiler::add_name_mangled(std::string_view name) { return add_name(mangle(name)); }

int Compiler::varname_index(const std::string& name) {
  Unit& unit = u();
  auto it = unit.varname_index.find(name);
  if (it != unit.varname_index.end()) return it->second;
  int index = static_cast<int>(unit.varnames.size());
  unit.varnames.push_back(name);
  unit.varname_index.emplace(name, index);
  return index;
}

bool Compiler::forbidden_name(std::string_view name, ExprContext ctx, Location loc) {
  if (ctx == ExprContext::Store && name == "__debug__")
    return !fail(loc, "cannot assign to __debug__");
  if (ctx == ExprContext::Del && name == "__debug__")
    return !fail(loc, "cannot delete __debug__");
  return false;
}

// The deref instructions carry a provisional oparg until the unit is finished: cell i
// is i, free variable j is ncells + j. leave_scope() rewrites them into localsplus
// indexes, which depend on the final number of fast locals.
static bool is_deref_op(uint16_t o) {
  return o == op::LOAD_DEREF || o == op::STORE_DEREF || o == op::DELETE_DEREF ||
         o == op::LOAD_CLOSURE || o == op::MAKE_CELL || o == op::LOAD_FROM_DICT_OR_DEREF;
}

bool Compiler::nameop(std::string_view name, ExprContext ctx, Location loc) {
  if (forbidden_name(name, ctx, loc)) return false;
  Unit& unit = u();
  std::string mangled = mangle(name);
  SymbolScope scope = unit.ste->scope_of(mangled);
  enum { kFast, kDeref, kGlobal, kName } kind = kName;
  int deref = -1;
  switch (scope) {
    case SymbolScope::Free: {
      auto it = unit.free_index.find(mangled);
      if (it != unit.free_index.end()) {
        kind = kDeref;
        deref = static_cast<int>(unit.cellvars.size()) + it->second;
      }
      break;
    }
    case SymbolScope::Cell: {
      auto it = unit.cell_index.find(mangled);
      if (it != unit.cell_index.end()) {
        kind = kDeref;
        deref = it->second;
      }
      break;
    }
    case SymbolScope::Local:
      if (is_function_like()) kind = kFast;
      break;
    case SymbolScope::GlobalImplicit:
      if (is_function_like()) kind = kGlobal;
      break;
    case SymbolScope::GlobalExplicit: kind = kGlobal; break;
    default: break;
  }
  switch (kind) {
    case kDeref:
      if (ctx == ExprContext::Load) {
        if (unit.ste->type == BlockType::Class) {
          emit(op::LOAD_LOCALS, loc);
          emit(op::LOAD_FROM_DICT_OR_DEREF, deref, loc);
        } else {
          emit(op::LOAD_DEREF, deref, loc);
        }
      } else {
        emit(ctx == ExprContext::Store ? op::STORE_DEREF : op::DELETE_DEREF, deref, loc);
      }
      return true;
    case kFast: {
      int index = varname_index(mangled);
      emit(ctx == ExprContext::Load ? op::LOAD_FAST
           : ctx == ExprContext::Store ? op::STORE_FAST : op::DELETE_FAST, index, loc);
      return true;
    }
    case kGlobal: {
      int index = add_name(mangled);
      if (ctx == ExprContext::Load) {
        // PUSH_NULL + LOAD_GLOBAL -> LOAD_GLOBAL with its NULL bit (3.12's peephole),
        // unless a jump lands between them.
        std::vector<Instr>& instrs = unit.seq.instrs();
        if (!instrs.empty() && instrs.back().op == op::PUSH_NULL &&
            unit.last_bind_pos < instrs.size()) {
          instrs.pop_back();
          emit(op::LOAD_GLOBAL, name_oparg(op::LOAD_GLOBAL, index, LOAD_GLOBAL_NULL), loc);
        } else {
          emit(op::LOAD_GLOBAL, name_oparg(op::LOAD_GLOBAL, index), loc);
        }
      }
      else emit(ctx == ExprContext::Store ? op::STORE_GLOBAL : op::DELETE_GLOBAL, index, loc);
      return true;
    }
    case kName: {
      int index = add_name(mangled);
      emit(ctx == ExprContext::Load ? op::LOAD_NAME
           : ctx == ExprContext::Store ? op::STORE_NAME : op::DELETE_NAME, index, loc);
      return true;
    }
  }
  return true;
}

bool Compiler::load_name_for_call(std::string_view name, Location loc) {
  Unit& unit = u();
  std::string mangled = mangle(name);
  SymbolScope scope = unit.ste->scope_of(mangled);
  if (scope == SymbolScope::GlobalExplicit ||
      (scope == SymbolScope::GlobalImplicit && is_function_like())) {
    emit(op::LOAD_GLOBAL, name_oparg(op::LOAD_GLOBAL, add_name(mangled), LOAD_GLOBAL_NULL),
         loc);
    return true;
  }
  emit(op::PUSH_NULL, loc);
  return nameop(name, ExprContext::Load, loc);
}

// -- Units ------------------------------------------------------------------------

bool Compiler::enter_scope(std::string_view name, UnitKind kind, const Node* key, int lineno) {
  Scope* ste = symtable_->scope_for(key);
  if (!ste) return fail(Location{lineno, lineno, -1, -1}, "internal error: no scope for node");
  auto unit = std::make_unique<Unit>();
  unit->ste = ste;
  unit->kind = kind;
  unit->name.assign(name);
  unit->firstlineno = lineno;
  unit->private_name.assign(ste->private_name);
  // unwind_fblock_stack hands out a pointer into fblocks while pushing and popping
  // above it: the vector must never reallocate (push_fblock caps it at kMaxBlocks).
  unit->fblocks.reserve(kMaxBlocks + 1);
  for (std::string_view v : ste->varnames) {
    std::string s(v);
    unit->varname_index.emplace(s, static_cast<int>(unit->varnames.size()));
    unit->varnames.push_back(std::move(s));
  }
  for (std::string_view v : ste->cellvars) {
    unit->cell_index.emplace(std::string(v), static_cast<int>(unit->cellvars.size()));
    unit->cellvars.emplace_back(v);
  }
  for (std::string_view v : ste->freevars) {
    unit->free_index.emplace(std::string(v), static_cast<int>(unit->freevars.size()));
    unit->freevars.emplace_back(v);
  }

  // The qualified name (CPython's compiler_set_qualname): a function or class nested
  // in a function gets "<locals>"; names declared global are not qualified.
  if (kind != UnitKind::Module && units_.size() > 1) {
    Unit& parent = *units_.back();
    bool global = false;
    if (kind == UnitKind::Function || kind == UnitKind::AsyncFunction ||
        kind == UnitKind::Class) {
      std::string mangled = strata::mangle(parent.private_name, name);
      if (parent.ste->scope_of(mangled) == SymbolScope::GlobalExplicit) global = true;
    }
    if (global) {
      unit->qualname.assign(name);
    } else if (parent.kind == UnitKind::Function || parent.kind == UnitKind::AsyncFunction ||
               parent.kind == UnitKind::Lambda) {
      unit->qualname = parent.qualname + ".<locals>." + std::string(name);
    } else {
      unit->qualname = parent.qualname + "." + std::string(name);
    }
  } else {
    unit->qualname.assign(name);
  }
  units_.push_back(std::move(unit));
  nest_level_++;

  // The prefix CPython's assembler inserts (insert_prefix_instructions): free
  // variables copied from the closure, cells made, the generator created, then RESUME.
  Unit& un = u();
  Location none = kNoLocation;
  if (!un.freevars.empty()) emit(op::COPY_FREE_VARS, static_cast<int>(un.freevars.size()), none);
  for (size_t i = 0; i < un.cellvars.size(); i++) emit(op::MAKE_CELL, static_cast<int>(i), none);
  if (ste->type == BlockType::Function && (ste->generator || ste->coroutine)) {
    Location l{lineno, lineno, -1, -1};
    emit(op::RETURN_GENERATOR, l);
    emit(op::POP_TOP, l);
  }
  // Generators and coroutines run inside a handler that turns a StopIteration escaping
  // the body into RuntimeError (PEP 479; 3.12's wrap_in_stopiteration_handler).
  if (ste->type == BlockType::Function && (ste->generator || ste->coroutine) &&
      kind != UnitKind::Comprehension) {
    un.stopiteration_handler = new_label();
    emit_jump(op::SETUP_CLEANUP, un.stopiteration_handler, none);
  }
  // The module's RESUME is on line 0 (CPython: LOCATION(1, 1, 0, 0) with lineno 0).
  emit(op::RESUME, RESUME_AT_FUNC_START,
       Location{kind == UnitKind::Module ? 0 : lineno, lineno, 0, 0});
  return true;
}

std::shared_ptr<CodeObject> Compiler::leave_scope() {
  std::unique_ptr<Unit> unit = std::move(units_.back());
  units_.pop_back();
  nest_level_--;
  if (failed_) return nullptr;

  // A body that can fall off its end returns None (the assembler drops it when it is
  // unreachable).
  unit->seq.emit(op::LOAD_CONST, add_const_to(*unit, Const{}), kNoLocation);
  unit->seq.emit(op::RETURN_VALUE, 0, kNoLocation);
  if (unit->stopiteration_handler >= 0) {
    unit->seq.bind(unit->stopiteration_handler);
    unit->seq.emit(op::CALL_INTRINSIC_1, INTRINSIC_STOPITERATION_ERROR, kNoLocation);
    unit->seq.emit(op::RERAISE, 1, kNoLocation);
  }

  auto code = std::make_shared<CodeObject>();
  CodeObject& co = *code;
  co.name = unit->name;
  co.qualname = unit->qualname;
  co.filename = filename_;
  co.argcount = unit->argcount;
  co.posonlyargcount = unit->posonlyargcount;
  co.kwonlyargcount = unit->kwonlyargcount;
  co.firstlineno = unit->firstlineno;
  co.flags = unit->ste->code_flags() | future_flags_;
  if (unit->kind == UnitKind::Comprehension) {
    // 3.11's comprehensions are nested functions even at module level.
    co.flags |= CO_OPTIMIZED | CO_NEWLOCALS;
  }

  // localsplus: the fast locals (in order of first use), then the cells that are not
  // also parameters, then the free variables.
  size_t nlocals = unit->varnames.size();
  std::vector<int> deref_offset(unit->cellvars.size() + unit->freevars.size());
  co.localsplusnames = unit->varnames;
  co.localspluskinds.assign(nlocals, CO_FAST_LOCAL);
  for (size_t i = 0; i < unit->cellvars.size(); i++) {
    auto it = unit->varname_index.find(unit->cellvars[i]);
    if (it != unit->varname_index.end()) {
      deref_offset[i] = it->second;
      co.localspluskinds[it->second] |= CO_FAST_CELL;
    } else {
      deref_offset[i] = static_cast<int>(co.localsplusnames.size());
      co.localsplusnames.push_back(unit->cellvars[i]);
      co.localspluskinds.push_back(CO_FAST_CELL);
    }
  }
  for (size_t j = 0; j < unit->freevars.size(); j++) {
    deref_offset[unit->cellvars.size() + j] = static_cast<int>(co.localsplusnames.size());
    co.localsplusnames.push_back(unit->freevars[j]);
    co.localspluskinds.push_back(CO_FAST_FREE);
  }
  std::vector<Instr>& instrs = unit->seq.instrs();
  for (Instr& in : instrs)
    if (is_deref_op(in.op) && in.oparg >= 0 && static_cast<size_t>(in.oparg) < deref_offset.size())
      in.oparg = deref_offset[in.oparg];
  // The prefix's MAKE_CELLs go in localsplus order (parameter cells first).
  {
    size_t b = 0;
    while (b < instrs.size() && instrs[b].op != op::MAKE_CELL) b++;
    size_t e = b;
    while (e < instrs.size() && instrs[e].op == op::MAKE_CELL) e++;
    std::sort(instrs.begin() + b, instrs.begin() + e,
              [](const Instr& x, const Instr& y) { return x.oparg < y.oparg; });
  }

  co.consts = std::move(unit->consts);
  co.names = std::move(unit->names);
  SyntaxErrorInfo err;
  if (!assemble(unit->seq, co, unit->firstlineno, err)) {
    fail(Location{err.lineno, err.lineno, -1, -1},
         "internal compiler error in " + unit->qualname + ": " + err.msg);
    return nullptr;
  }
  return code;
}

// -- Module bodies ----------------------------------------------------------------

static bool is_docstring(Node* s) {
  auto* e = as<Expr>(s);
  if (!e) return false;
  auto* c = as<Constant>(e->value);
  return c && c->value.kind == ConstKind::Str;
}

// Whether a module or class body has a simple annotated assignment anywhere outside
// nested scopes (CPython's find_ann): then it needs SETUP_ANNOTATIONS.
static bool find_ann(const NodeList& list) {
  for (Node* s : list) {
    switch (s->kind) {
      case Kind::AnnAssign: return true;
      case Kind::For: case Kind::AsyncFor: {
        auto* f = static_cast<For*>(s);  // same layout for the fields used
        if (s->kind == Kind::AsyncFor) {
          auto* a = static_cast<AsyncFor*>(s);
          if (find_ann(a->body) || find_ann(a->orelse)) return true;
        } else if (find_ann(f->body) || find_ann(f->orelse)) {
          return true;
        }
        break;
      }
      case Kind::While: {
        auto* w = static_cast<While*>(s);
        if (find_ann(w->body) || find_ann(w->orelse)) return true;
        break;
      }
      case Kind::If: {
        auto* i = static_cast<If*>(s);
        if (find_ann(i->body) || find_ann(i->orelse)) return true;
        break;
      }
      case Kind::With:
        if (find_ann(static_cast<With*>(s)->body)) return true;
        break;
      case Kind::AsyncWith:
        if (find_ann(static_cast<AsyncWith*>(s)->body)) return true;
        break;
      case Kind::Try: case Kind::TryStar: {
        NodeList body, handlers, orelse, finalbody;
        if (s->kind == Kind::Try) {
          auto* t = static_cast<Try*>(s);
          body = t->body; handlers = t->handlers; orelse = t->orelse; finalbody = t->finalbody;
        } else {
          auto* t = static_cast<TryStar*>(s);
          body = t->body; handlers = t->handlers; orelse = t->orelse; finalbody = t->finalbody;
        }
        for (Node* h : handlers)
          if (find_ann(static_cast<ExceptHandler*>(h)->body)) return true;
        if (find_ann(body) || find_ann(finalbody) || find_ann(orelse)) return true;
        break;
      }
      case Kind::Match:
        for (Node* c : static_cast<Match*>(s)->cases)
          if (find_ann(static_cast<match_case*>(c)->body)) return true;
        break;
      default: break;
    }
  }
  return false;
}

bool Compiler::body(const NodeList& list, Location loc) {
  if (find_ann(list)) emit(op::SETUP_ANNOTATIONS, loc);
  // The docstring becomes __doc__; under -OO it stays an ordinary (constant) statement.
  uint32_t start = 0;
  if (!list.empty() && is_docstring(list[0]) && options_.optimize < 2) {
    start = 1;
    if (!expr(static_cast<Expr*>(list[0])->value)) return false;
    if (!nameop("__doc__", ExprContext::Store, loc_of(list[0]))) return false;
  }
  for (uint32_t i = start; i < list.size; i++)
    if (!stmt(list[i])) return false;
  return true;
}

// CPython's future.c: the leading `from __future__ import` statements (after an
// optional docstring) set compiler flags; unknown features are errors.
bool Compiler::check_future(Module* m) {
  bool done = false;
  int prev_line = 0;
  uint32_t first = !m->body.empty() && is_docstring(m->body[0]) ? 1 : 0;
  for (uint32_t i = first; i < m->body.size; i++) {
    Node* st = m->body[i];
    // Statements on the line of a future import are still scanned.
    if (done && st->lineno > prev_line) break;
    prev_line = st->lineno;
    if (auto* s = as<ImportFrom>(st)) {
      if (!s->module.present() || sv(s->module) != "__future__") {
        done = true;
        continue;
      }
      if (done) {
        // future.c's position: the 0-based column given as CPython's 1-based offset.
        return fail(Location{s->lineno, s->lineno, s->col_offset - 1, -1},
                    "from __future__ imports must occur at the beginning of the file");
      }
      for (Node* n : s->names) {
        std::string_view feature = sv(static_cast<alias*>(n)->name);
        if (feature == "nested_scopes" || feature == "generators" || feature == "division" ||
            feature == "absolute_import" || feature == "with_statement" ||
            feature == "print_function" || feature == "unicode_literals" ||
            feature == "generator_stop") {
          continue;
        } else if (feature == "barry_as_FLUFL") {
          future_flags_ |= CO_FUTURE_BARRY_AS_BDFL;
        } else if (feature == "annotations") {
          future_flags_ |= CO_FUTURE_ANNOTATIONS;
        } else if (feature == "braces") {
          return fail(Location{s->lineno, s->lineno, s->col_offset, -1}, "not a chance");
        } else {
          return fail(Location{s->lineno, s->lineno, s->col_offset, -1},
                      "future feature " + std::string(feature) + " is not defined");
        }
      }
      future_lineno_ = s->lineno;
    } else {
      done = true;
    }
  }
  return true;
}

// -- Functions ----------------------------------------------------------------------

bool Compiler::decorators(const NodeList& list) {
  for (Node* d : list)
    if (!expr(d)) return false;
  return true;
}

bool Compiler::apply_decorators(const NodeList& list) {
  // Each decorator is below the function: CALL 0 with the function in the "self" slot
  // calls decorator(function).
  for (uint32_t i = list.size; i-- > 0;) emit(op::CALL, 0, loc_of(list[i]));
  return true;
}

// CPython's compiler_check_debug_args: no parameter may be named __debug__.
static bool debug_param(arguments* args, Node** where) {
  auto check = [&](Node* a) {
    if (a && sv(static_cast<arg*>(a)->arg) == "__debug__") {
      *where = a;
      return true;
    }
    return false;
  };
  for (Node* a : args->posonlyargs)
    if (check(a)) return true;
  for (Node* a : args->args)
    if (check(a)) return true;
  if (check(args->vararg)) return true;
  for (Node* a : args->kwonlyargs)
    if (check(a)) return true;
  return check(args->kwarg);
}

bool Compiler::default_arguments(arguments* args, Location loc, int& flags) {
  Node* bad = nullptr;
  if (debug_param(args, &bad)) return fail(loc, "cannot assign to __debug__");
  if (!args->defaults.empty()) {
    for (Node* d : args->defaults)
      if (!expr(d)) return false;
    build_tuple(static_cast<int>(args->defaults.size), loc);
    flags |= MF_DEFAULTS;
  }
  if (!args->kwonlyargs.empty()) {
    Const keys;
    keys.tag = ConstTag::Tuple;
    for (uint32_t i = 0; i < args->kwonlyargs.size; i++) {
      Node* d = i < args->kw_defaults.size ? args->kw_defaults[i] : nullptr;
      if (!d) continue;
      keys.items.push_back(str_const(mangle(sv(static_cast<arg*>(args->kwonlyargs[i])->arg))));
      if (!expr(d)) return false;
    }
    if (!keys.items.empty()) {
      int n = static_cast<int>(keys.items.size());
      load_const(std::move(keys), loc);
      emit(op::BUILD_CONST_KEY_MAP, n, loc);
      flags |= MF_KWDEFAULTS;
    }
  }
  return true;
}

bool Compiler::annotation_value(Node* annotation, Location loc) {
  if (future_flags_ & CO_FUTURE_ANNOTATIONS) {
    std::string text;
    if (!unparse(annotation, text)) return false;
    load_const(str_const(text), loc);
    return true;
  }
  if (auto* st = as<Starred>(annotation)) {
    if (!expr(st->value)) return false;
    emit(op::UNPACK_SEQUENCE, 1, loc);
    return true;
  }
  return expr(annotation);
}

bool Compiler::annotations(arguments* args, Node* returns, Location loc, int& flags) {
  int count = 0;
  auto one = [&](Node* a) {
    auto* p = static_cast<arg*>(a);
    if (!p->annotation) return true;
    load_const(str_const(mangle(sv(p->arg))), loc);
    if (!annotation_value(p->annotation, loc)) return false;
    count += 2;
    return true;
  };
  for (Node* a : args->args)
    if (!one(a)) return false;
  for (Node* a : args->posonlyargs)
    if (!one(a)) return false;
  if (args->vararg && !one(args->vararg)) return false;
  for (Node* a : args->kwonlyargs)
    if (!one(a)) return false;
  if (args->kwarg && !one(args->kwarg)) return false;
  if (returns) {
    load_const(str_const("return"), loc);
    if (!annotation_value(returns, loc)) return false;
    count += 2;
  }
  if (count) {
    build_tuple(count, loc);
    flags |= MF_ANNOTATIONS;
  }
  return true;
}

bool Compiler::make_closure(const std::shared_ptr<CodeObject>& code, int flags, Location loc) {
  int nfree = 0;
  for (size_t i = 0; i < code->localsplusnames.size(); i++) {
    if (!(code->localspluskinds[i] & CO_FAST_FREE)) continue;
    const std::string& name = code->localsplusnames[i];
    Unit& unit = u();
    int index = -1;
    SymbolScope scope = unit.ste->scope_of(name);
    bool cell = scope == SymbolScope::Cell ||
                (unit.kind == UnitKind::Class && name == "__class__");
    if (cell) {
      auto it = unit.cell_index.find(name);
      if (it != unit.cell_index.end()) index = it->second;
    } else {
      auto it = unit.free_index.find(name);
      if (it != unit.free_index.end()) index = static_cast<int>(unit.cellvars.size()) + it->second;
    }
    if (index < 0)
      return fail(loc, "internal compiler error: no cell for free variable " + name + " of " +
                           code->qualname);
    emit(op::LOAD_CLOSURE, index, loc);
    nfree++;
  }
  if (nfree) {
    emit(op::BUILD_TUPLE, nfree, loc);
    flags |= MF_CLOSURE;
  }
  Const c;
  c.tag = ConstTag::Code;
  c.code = code;
  load_const(std::move(c), loc);
  emit(op::MAKE_FUNCTION, flags, loc);
  return true;
}

bool Compiler::function_def(Node* s, bool is_async) {
  Ident name;
  arguments* args;
  NodeList fbody, decos;
  Node* returns;
  if (is_async) {
    auto* f = static_cast<AsyncFunctionDef*>(s);
    name = f->name; args = static_cast<arguments*>(f->args); fbody = f->body;
    decos = f->decorator_list; returns = f->returns;
  } else {
    auto* f = static_cast<FunctionDef*>(s);
    name = f->name; args = static_cast<arguments*>(f->args); fbody = f->body;
    decos = f->decorator_list; returns = f->returns;
  }
  Location loc = loc_of(s);
  if (!decorators(decos)) return false;
  int firstlineno = decos.empty() ? s->lineno : decos[0]->lineno;
  int flags = 0;
  if (!default_arguments(args, loc, flags)) return false;
  if (!annotations(args, returns, loc, flags)) return false;

  if (!enter_scope(sv(name), is_async ? UnitKind::AsyncFunction : UnitKind::Function, s,
                   firstlineno))
    return false;
  // co_consts[0] is the docstring, or None (CPython 3.12).
  bool has_doc = !fbody.empty() && is_docstring(fbody[0]) && options_.optimize < 2;
  if (has_doc) {
    add_const(const_of(static_cast<Constant*>(static_cast<Expr*>(fbody[0])->value)->value));
  } else {
    add_const(Const{});
  }
  u().argcount = static_cast<int>(args->args.size + args->posonlyargs.size);
  u().posonlyargcount = static_cast<int>(args->posonlyargs.size);
  u().kwonlyargcount = static_cast<int>(args->kwonlyargs.size);
  for (uint32_t i = has_doc ? 1 : 0; i < fbody.size; i++) {
    if (!stmt(fbody[i])) {
      leave_scope();
      return false;
    }
  }
  auto code = leave_scope();
  if (!code) return false;
  if (!make_closure(code, flags, loc)) return false;
  if (!apply_decorators(decos)) return false;
  return nameop(sv(name), ExprContext::Store, loc);
}

bool Compiler::lambda(Lambda* e) {
  auto* args = static_cast<arguments*>(e->args);
  Location loc = loc_of(e);
  int flags = 0;
  if (!default_arguments(args, loc, flags)) return false;
  if (!enter_scope("<lambda>", UnitKind::Lambda, e, e->lineno)) return false;
  add_const(Const{});  // a lambda has no docstring: co_consts[0] is None
  u().argcount = static_cast<int>(args->args.size + args->posonlyargs.size);
  u().posonlyargcount = static_cast<int>(args->posonlyargs.size);
  u().kwonlyargcount = static_cast<int>(args->kwonlyargs.size);
  bool ok = expr(e->body);
  // A generator lambda returns its body's value too (the StopIteration value).
  if (ok) emit(op::RETURN_VALUE, Location{e->lineno, e->lineno, 0, 0});
  auto code = leave_scope();
  if (!ok || !code) return false;
  return make_closure(code, flags, loc);
}

bool Compiler::class_def(ClassDef* s) {
  Location loc = loc_of(s);
  if (!validate_keywords(s->keywords, loc)) return false;
  if (!decorators(s->decorator_list)) return false;
  int firstlineno = s->decorator_list.empty() ? s->lineno : s->decorator_list[0]->lineno;
  if (!enter_scope(sv(s->name), UnitKind::Class, s, firstlineno)) return false;
  bool ok = [&] {
    Location first{firstlineno, firstlineno, 0, 0};
    emit(op::LOAD_NAME, add_name("__name__"), first);
    emit(op::STORE_NAME, add_name("__module__"), first);
    load_const(str_const(u().qualname), first);
    emit(op::STORE_NAME, add_name("__qualname__"), first);
    if (!body(s->body, first)) return false;
    if (u().ste->needs_class_closure) {
      auto it = u().cell_index.find("__class__");
      if (it == u().cell_index.end())
        return fail(loc, "internal compiler error: no __class__ cell");
      emit(op::LOAD_CLOSURE, it->second, kNoLocation);
      emit(op::COPY, 1, kNoLocation);
      emit(op::STORE_NAME, add_name("__classcell__"), kNoLocation);
      emit(op::RETURN_VALUE, kNoLocation);
    }
    return true;
  }();
  auto code = leave_scope();
  if (!ok || !code) return false;
  emit(op::PUSH_NULL, loc);
  emit(op::LOAD_BUILD_CLASS, loc);
  if (!make_closure(code, 0, loc)) return false;
  load_const(str_const(sv(s->name)), loc);
  if (!call_helper(loc, 2, s->bases, s->keywords)) return false;
  if (!apply_decorators(s->decorator_list)) return false;
  return nameop(sv(s->name), ExprContext::Store, loc);
}

// -- The driver ---------------------------------------------------------------------

std::shared_ptr<CodeObject> Compiler::run(Node* root) {
  if (!root) {
    fail(kNoLocation, "internal compiler error: no tree");
    return nullptr;
  }
  if (auto* m = as<Module>(root)) {
    if (!check_future(m)) return nullptr;
  }
  SymtableOptions sopts;
  sopts.future_annotations = (future_flags_ & CO_FUTURE_ANNOTATIONS) != 0;
  symtable_ = build_symtable(root, filename_, options_.source, error_, sopts);
  if (!symtable_) {
    failed_ = true;
    return nullptr;
  }
  interactive_ = root->kind == Kind::Interactive;
  if (!enter_scope("<module>", UnitKind::Module, root, 1)) return nullptr;
  bool ok = true;
  Location first{1, 1, 0, 0};
  switch (root->kind) {
    case Kind::Module: {
      auto* m = static_cast<Module*>(root);
      ok = body(m->body, first);
      break;
    }
    case Kind::Interactive: {
      auto* m = static_cast<Interactive*>(root);
      if (find_ann(m->body)) emit(op::SETUP_ANNOTATIONS, first);
      for (Node* s : m->body)
        if (!(ok = stmt(s))) break;
      break;
    }
    case Kind::Expression: {
      auto* m = static_cast<Expression*>(root);
      ok = expr(m->body);
      if (ok) emit(op::RETURN_VALUE, kNoLocation);
      break;
    }
    default:
      ok = fail(kNoLocation, "compile() of this kind of tree is not supported");
      break;
  }
  auto code = leave_scope();
  if (!ok || failed_) return nullptr;
  return code;
}

}  // namespace compiler_detail

std::shared_ptr<CodeObject> compile(ast::Node* module, std::string_view filename, ParseMode mode,
                                    SyntaxErrorInfo& error, const CompileOptions& options) {
  compiler_detail::Compiler c(filename, mode, options, error);
  return c.run(module);
}

}  // namespace strata
