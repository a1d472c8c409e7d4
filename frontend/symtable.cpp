// frontend/symtable.cpp — builds the symbol tables (frontend/symtable.h) by CPython
// 3.11's rules: a visiting pass that records each name's uses per scope and raises the
// errors CPython's Python/symtable.c raises, then an analysis pass that resolves every
// name to local / global / free / cell, propagating free variables up through
// intermediate scopes and class bodies.
#include "frontend/symtable.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "frontend/code.h"

namespace strata {

// -- Mangling ---------------------------------------------------------------------

std::string mangle(std::string_view private_name, std::string_view name) {
  // Only `__name` inside a class is private; dunder names and dotted (import) names
  // are not, and a class named only with underscores mangles nothing.
  if (private_name.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_')
    return std::string(name);
  if (name.size() >= 2 && name[name.size() - 1] == '_' && name[name.size() - 2] == '_')
    return std::string(name);
  if (name.find('.') != std::string_view::npos) return std::string(name);
  size_t skip = private_name.find_first_not_of('_');
  if (skip == std::string_view::npos) return std::string(name);
  std::string out;
  out.reserve(1 + private_name.size() - skip + name.size());
  out += '_';
  out.append(private_name.substr(skip));
  out.append(name);
  return out;
}

// -- Scope and SymbolTable queries ---------------------------------------------------

const Symbol* Scope::find(std::string_view mangled) const {
  auto it = index_.find(mangled);
  return it == index_.end() ? nullptr : &symbols[it->second];
}

uint32_t Scope::flags_of(std::string_view mangled) const {
  const Symbol* s = find(mangled);
  return s ? s->flags : 0;
}

SymbolScope Scope::scope_of(std::string_view mangled) const {
  const Symbol* s = find(mangled);
  return s ? s->scope : SymbolScope::None;
}

uint32_t Scope::code_flags() const {
  if (type != BlockType::Function) return 0;
  uint32_t f = CO_OPTIMIZED | CO_NEWLOCALS;
  if (nested) f |= CO_NESTED;
  if (generator && !coroutine) f |= CO_GENERATOR;
  if (!generator && coroutine) f |= CO_COROUTINE;
  if (generator && coroutine) f |= CO_ASYNC_GENERATOR;
  if (has_varargs) f |= CO_VARARGS;
  if (has_varkeywords) f |= CO_VARKEYWORDS;
  return f;
}

Scope* SymbolTable::scope_for(const ast::Node* node) const {
  auto it = by_node_.find(node);
  return it == by_node_.end() ? nullptr : it->second;
}

namespace {

const char* block_type_name(BlockType t) {
  switch (t) {
    case BlockType::Function: return "function";
    case BlockType::Class: return "class";
    case BlockType::Module: return "module";
    case BlockType::Annotation: return "annotation";
  }
  return "?";
}

// Symbols as the comparison script prints CPython's: in insertion order, except the
// free variables an analysis appended for children (flags 0), which come from a set in
// CPython and so are printed sorted.
void dump_scope(const Scope& s, int depth, std::string& out) {
  std::string pad(size_t(depth) * 2, ' ');
  out.append(pad).append(block_type_name(s.type)).append(" ").append(s.name);
  out.append(" line ").append(std::to_string(s.lineno));
  if (s.nested) out.append(" nested");
  out.append("\n").append(pad).append("  varnames:");
  for (auto v : s.varnames) out.append(" ").append(v);
  out.append("\n");
  std::vector<const Symbol*> appended;
  auto line = [&](const Symbol* sym) {
    out.append(pad).append("  ").append(sym->name).append(" ");
    out.append(std::to_string(sym->flags | uint32_t(sym->scope) << kSymbolScopeShift));
    out.append("\n");
  };
  for (const Symbol& sym : s.symbols) {
    if (sym.flags == 0) appended.push_back(&sym);
    else line(&sym);
  }
  std::sort(appended.begin(), appended.end(),
            [](const Symbol* a, const Symbol* b) { return a->name < b->name; });
  for (const Symbol* sym : appended) line(sym);
  for (const Scope* c : s.children) dump_scope(*c, depth + 1, out);
}

std::string_view view(ast::Str s) { return std::string_view(s.data ? s.data : "", s.size); }

}  // namespace

std::string SymbolTable::dump() const {
  std::string out;
  if (top) dump_scope(*top, 0, out);
  return out;
}

// -- The builder ----------------------------------------------------------------------

// CPython's compiler limit: its recursion limit (1000) times COMPILER_STACK_FRAME_SCALE.
static constexpr int kMaxDepth = 3000;

class SymtableBuilder {
 public:
  SymtableBuilder(SymbolTable& table, std::string_view filename, std::string_view source,
                  SyntaxErrorInfo& error)
      : t_(table), filename_(filename), source_(source), error_(error) {}

  bool build(const ast::Node* root);

 private:
  using NameSet = std::unordered_set<std::string_view>;

  // An `ast::Node` position for errors and scope records.
  struct Loc {
    int lineno, col, end_lineno, end_col;
  };
  static Loc loc(const ast::Node* n) {
    return {n->lineno, n->col_offset, n->end_lineno, n->end_col_offset};
  }

  // A `global`/`nonlocal` (or walrus-made) declaration, for errors found in analysis.
  struct Directive {
    Scope* scope;
    std::string_view name;
    Loc at;
  };

  bool fail(const std::string& msg, Loc at, const char* type = "SyntaxError");
  std::string_view intern(std::string_view s);

  Scope* enter(BlockType type, std::string_view name, const ast::Node* node, Loc at);
  void exit() { cur_ = stack_.empty() ? nullptr : (stack_.pop_back(), stack_.empty() ? nullptr : stack_.back()); }

  bool add_def(ast::Str name, uint32_t flag, Loc at) { return add_def(view(name), flag, at, cur_); }
  bool add_def(std::string_view name, uint32_t flag, Loc at, Scope* into);
  uint32_t lookup(std::string_view name);
  void record_directive(std::string_view name, Loc at);

  bool visit_stmts(const ast::NodeList& list);
  bool visit_exprs(const ast::NodeList& list);  // null entries skipped
  bool visit_stmt(const ast::Node* n);
  bool visit_expr(const ast::Node* n);
  bool visit_pattern(const ast::Node* n);
  bool visit_params(const ast::NodeList& args);
  bool visit_arguments(const ast::arguments* a);
  bool visit_annotation(const ast::Node* annotation);
  bool visit_arg_annotations(const ast::Node* owner, const ast::arguments* a,
                             const ast::Node* returns);
  bool visit_alias(const ast::alias* a);
  template <class F> bool visit_function(const F* f, bool async);
  template <class F> bool visit_for(const F* f);
  template <class W> bool visit_with(const W* w);
  template <class T> bool visit_try(const T* t);
  bool visit_declaration(const ast::Node* stmt, const ast::IdentList& names, bool global);
  bool visit_comprehension(const ast::Node* e, const char* name, ComprehensionKind kind,
                           const ast::NodeList& generators, const ast::Node* elt,
                           const ast::Node* value);
  bool visit_namedexpr(const ast::NamedExpr* e);
  bool extend_namedexpr_scope(const ast::Name* target);
  bool not_in_annotation(const char* what, const ast::Node* e);

  bool analyze_block(Scope* s, NameSet* bound, NameSet& free, NameSet& global);
  bool analyze_name(Scope* s, Symbol& sym, NameSet* bound, NameSet& local,
                    NameSet& free, NameSet& global);
  bool error_at_directive(Scope* s, std::string_view name, const std::string& msg);
  void finish_scope(Scope* s);

  SymbolTable& t_;
  std::string_view filename_, source_;
  SyntaxErrorInfo& error_;
  Scope* cur_ = nullptr;
  std::vector<Scope*> stack_;  // the open scopes, innermost last (cur_ is the last)
  std::string_view private_;   // CPython's st_private: the innermost class body's name
  std::unordered_set<std::string_view> interned_;
  std::vector<Directive> directives_;
  int depth_ = 0;
  static Scope::VisitState& pass(Scope* s) { return s->visit_; }
};

bool SymtableBuilder::fail(const std::string& msg, Loc at, const char* type) {
  error_ = SyntaxErrorInfo();
  error_.type = type;
  error_.msg = msg;
  error_.filename = std::string(filename_);
  error_.lineno = at.lineno;
  error_.col_offset = at.col;
  error_.end_lineno = at.end_lineno;
  error_.end_col_offset = at.end_col;
  if (!source_.empty() && at.lineno > 0) error_.text = std::string(source_line(source_, at.lineno));
  return false;
}

std::string_view SymtableBuilder::intern(std::string_view s) {
  auto it = interned_.find(s);
  if (it != interned_.end()) return *it;
  std::string_view copy(t_.arena_.copy(s.data(), s.size()), s.size());
  interned_.insert(copy);
  return copy;
}

Scope* SymtableBuilder::enter(BlockType type, std::string_view name, const ast::Node* node,
                              Loc at) {
  auto owned = std::make_unique<Scope>();
  Scope* s = owned.get();
  t_.scopes_.push_back(std::move(owned));
  s->type = type;
  s->name = intern(name);
  s->node = node;
  s->lineno = at.lineno;
  s->col_offset = at.col;
  s->end_lineno = at.end_lineno;
  s->end_col_offset = at.end_col;
  s->parent = cur_;
  s->private_name = private_;  // a class body's own name is set by its visitor
  if (cur_ && (cur_->nested || cur_->type == BlockType::Function)) s->nested = true;
  // bpo-37757: a walrus anywhere inside a comprehension's iterable (even in a nested
  // lambda or comprehension) is refused, so the count is inherited.
  if (cur_) pass(s).comp_iter_expr = pass(cur_).comp_iter_expr;
  // Annotation scopes (future annotations) are dropped, as CPython drops them: their
  // names touch no other scope and are never analysed.
  if (type != BlockType::Annotation) {
    if (cur_) cur_->children.push_back(s);
    if (node) t_.by_node_.emplace(node, s);
  }
  stack_.push_back(s);
  cur_ = s;
  return s;
}

bool SymtableBuilder::add_def(std::string_view raw, uint32_t flag, Loc at, Scope* into) {
  std::string mangled_buf;
  std::string_view name = raw;
  if (!private_.empty() && raw.size() > 2 && raw[0] == '_' && raw[1] == '_') {
    mangled_buf = mangle(private_, raw);
    name = mangled_buf;
  }
  uint32_t val;
  uint32_t pos;
  auto it = into->index_.find(name);
  if (it != into->index_.end()) {
    pos = it->second;
    val = into->symbols[pos].flags;
    if ((flag & DEF_PARAM) && (val & DEF_PARAM))
      return fail("duplicate argument '" + std::string(raw) + "' in function definition", at);
    val |= flag;
  } else {
    pos = uint32_t(into->symbols.size());
    name = intern(name);
    into->symbols.push_back(Symbol{name, 0, SymbolScope::None});
    into->index_.emplace(name, pos);
    val = flag;
  }
  name = into->symbols[pos].name;
  if (pass(into).comp_iter_target) {
    // An iteration variable may not rebind a walrus target of the same comprehension
    // (which was made global/nonlocal here by extend_namedexpr_scope).
    if (val & (DEF_GLOBAL | DEF_NONLOCAL))
      return fail("comprehension inner loop cannot rebind assignment expression target '" +
                      std::string(raw) + "'", at);
    val |= DEF_COMP_ITER;
  }
  into->symbols[pos].flags = val;
  if (flag & DEF_PARAM) {
    into->varnames.push_back(name);
  } else if ((flag & DEF_GLOBAL) && into != t_.top) {
    // `global x` anywhere also marks x in the module (CPython's st_global).
    Scope* top = t_.top;
    auto git = top->index_.find(name);
    if (git != top->index_.end()) {
      top->symbols[git->second].flags |= flag;
    } else {
      top->index_.emplace(name, uint32_t(top->symbols.size()));
      top->symbols.push_back(Symbol{name, flag, SymbolScope::None});
    }
  }
  return true;
}

uint32_t SymtableBuilder::lookup(std::string_view raw) {
  if (!private_.empty()) return cur_->flags_of(mangle(private_, raw));
  return cur_->flags_of(raw);
}

void SymtableBuilder::record_directive(std::string_view raw, Loc at) {
  std::string_view name = private_.empty() ? intern(raw) : intern(mangle(private_, raw));
  directives_.push_back(Directive{cur_, name, at});
}

// -- Visiting ---------------------------------------------------------------------------

bool SymtableBuilder::visit_stmts(const ast::NodeList& list) {
  for (const ast::Node* n : list)
    if (!visit_stmt(n)) return false;
  return true;
}

bool SymtableBuilder::visit_exprs(const ast::NodeList& list) {
  for (const ast::Node* n : list)
    if (n && !visit_expr(n)) return false;
  return true;
}

bool SymtableBuilder::visit_params(const ast::NodeList& args) {
  for (const ast::Node* n : args) {
    auto* a = static_cast<const ast::arg*>(n);
    if (!add_def(a->arg, DEF_PARAM, loc(a))) return false;
  }
  return true;
}

bool SymtableBuilder::visit_arguments(const ast::arguments* a) {
  if (!visit_params(a->posonlyargs) || !visit_params(a->args) || !visit_params(a->kwonlyargs))
    return false;
  if (a->vararg) {
    auto* v = static_cast<const ast::arg*>(a->vararg);
    if (!add_def(v->arg, DEF_PARAM, loc(v))) return false;
    cur_->has_varargs = true;
  }
  if (a->kwarg) {
    auto* k = static_cast<const ast::arg*>(a->kwarg);
    if (!add_def(k->arg, DEF_PARAM, loc(k))) return false;
    cur_->has_varkeywords = true;
  }
  return true;
}

bool SymtableBuilder::visit_annotation(const ast::Node* annotation) {
  if (!t_.future_annotations) return visit_expr(annotation);
  enter(BlockType::Annotation, "_annotation", annotation, loc(annotation));
  bool ok = visit_expr(annotation);
  exit();
  return ok;
}

bool SymtableBuilder::visit_arg_annotations(const ast::Node* owner, const ast::arguments* a,
                                            const ast::Node* returns) {
  if (t_.future_annotations) enter(BlockType::Annotation, "_annotation", owner, loc(owner));
  auto each = [&](const ast::NodeList& args) {
    for (const ast::Node* n : args) {
      auto* p = static_cast<const ast::arg*>(n);
      if (p->annotation && !visit_expr(p->annotation)) return false;
    }
    return true;
  };
  bool ok = each(a->posonlyargs) && each(a->args);
  if (ok && a->vararg) {
    auto* v = static_cast<const ast::arg*>(a->vararg);
    if (v->annotation) ok = visit_expr(v->annotation);
  }
  if (ok && a->kwarg) {
    auto* k = static_cast<const ast::arg*>(a->kwarg);
    if (k->annotation) ok = visit_expr(k->annotation);
  }
  ok = ok && each(a->kwonlyargs);
  if (ok && returns) ok = visit_expr(returns);
  if (t_.future_annotations) exit();
  return ok;
}

bool SymtableBuilder::visit_alias(const ast::alias* a) {
  std::string_view name = view(a->asname.present() ? a->asname : a->name);
  if (name == "*") {
    if (cur_->type != BlockType::Module)
      return fail("import * only allowed at module level", loc(a));
    return true;
  }
  // `import a.b.c` binds `a`.
  size_t dot = name.find('.');
  if (dot != std::string_view::npos) name = name.substr(0, dot);
  return add_def(name, DEF_IMPORT, loc(a), cur_);
}

bool SymtableBuilder::visit_declaration(const ast::Node* s, const ast::IdentList& names,
                                        bool global) {
  const char* kind = global ? "global" : "nonlocal";
  for (const ast::Str& id : names) {
    std::string_view name = view(id);
    uint32_t cur = lookup(name);
    if (cur & (DEF_PARAM | DEF_LOCAL | DEF_USE | DEF_ANNOT)) {
      std::string n(name);
      std::string msg;
      if (cur & DEF_PARAM) msg = "name '" + n + "' is parameter and " + kind;
      else if (cur & DEF_USE) msg = "name '" + n + "' is used prior to " + kind + " declaration";
      else if (cur & DEF_ANNOT) msg = "annotated name '" + n + "' can't be " + kind;
      else msg = "name '" + n + "' is assigned to before " + kind + " declaration";
      return fail(msg, loc(s));
    }
    if (!add_def(name, global ? DEF_GLOBAL : DEF_NONLOCAL, loc(s), cur_)) return false;
    record_directive(name, loc(s));
  }
  return true;
}

// def and async def (and the other statement pairs below) differ only in their kind.
template <class F>
bool SymtableBuilder::visit_function(const F* f, bool async) {
  auto* args = static_cast<const ast::arguments*>(f->args);
  // Defaults, annotations and decorators are evaluated in the enclosing scope.
  if (!add_def(f->name, DEF_LOCAL, loc(f)) || !visit_exprs(args->defaults) ||
      !visit_exprs(args->kw_defaults) || !visit_arg_annotations(f, args, f->returns) ||
      !visit_exprs(f->decorator_list))
    return false;
  enter(BlockType::Function, view(f->name), f, loc(f));
  if (async) cur_->coroutine = true;
  bool ok = visit_arguments(args) && visit_stmts(f->body);
  exit();
  return ok;
}

template <class F>
bool SymtableBuilder::visit_for(const F* f) {
  return visit_expr(f->target) && visit_expr(f->iter) && visit_stmts(f->body) &&
         visit_stmts(f->orelse);
}

template <class W>
bool SymtableBuilder::visit_with(const W* w) {
  for (const ast::Node* item : w->items) {
    auto* wi = static_cast<const ast::withitem*>(item);
    if (!visit_expr(wi->context_expr) || (wi->optional_vars && !visit_expr(wi->optional_vars)))
      return false;
  }
  return visit_stmts(w->body);
}

template <class T>
bool SymtableBuilder::visit_try(const T* t) {
  // CPython's order: body, else, handlers, finally.
  if (!visit_stmts(t->body) || !visit_stmts(t->orelse)) return false;
  for (const ast::Node* h : t->handlers) {
    auto* eh = static_cast<const ast::ExceptHandler*>(h);
    if ((eh->type && !visit_expr(eh->type)) ||
        (eh->name.present() && !add_def(eh->name, DEF_LOCAL, loc(eh))) || !visit_stmts(eh->body))
      return false;
  }
  return visit_stmts(t->finalbody);
}

bool SymtableBuilder::visit_stmt(const ast::Node* n) {
  if (++depth_ > kMaxDepth)
    return fail("maximum recursion depth exceeded during compilation", loc(n), "RecursionError");
  bool ok = true;
  using ast::Kind;
  switch (n->kind) {
    case Kind::FunctionDef:
      ok = visit_function(static_cast<const ast::FunctionDef*>(n), false);
      break;
    case Kind::AsyncFunctionDef:
      ok = visit_function(static_cast<const ast::AsyncFunctionDef*>(n), true);
      break;
    case Kind::ClassDef: {
      auto* c = static_cast<const ast::ClassDef*>(n);
      ok = add_def(c->name, DEF_LOCAL, loc(n)) && visit_exprs(c->bases);
      for (const ast::Node* k : c->keywords)
        if (ok) ok = visit_expr(static_cast<const ast::keyword*>(k)->value);
      ok = ok && visit_exprs(c->decorator_list);
      if (!ok) break;
      enter(BlockType::Class, view(c->name), n, loc(n));
      std::string_view saved = private_;
      private_ = cur_->name;
      cur_->private_name = private_;
      ok = visit_stmts(c->body);
      private_ = saved;
      exit();
      break;
    }
    case Kind::Return: {
      auto* r = static_cast<const ast::Return*>(n);
      if (r->value) {
        ok = visit_expr(r->value);
        cur_->returns_value = true;
      }
      break;
    }
    case Kind::Delete: ok = visit_exprs(static_cast<const ast::Delete*>(n)->targets); break;
    case Kind::Assign: {
      auto* a = static_cast<const ast::Assign*>(n);
      ok = visit_exprs(a->targets) && visit_expr(a->value);
      break;
    }
    case Kind::AnnAssign: {
      auto* a = static_cast<const ast::AnnAssign*>(n);
      if (auto* target = ast::as<ast::Name>(const_cast<ast::Node*>(a->target))) {
        uint32_t cur = lookup(view(target->id));
        if ((cur & (DEF_GLOBAL | DEF_NONLOCAL)) && cur_ != t_.top && a->simple) {
          ok = fail(std::string("annotated name '") + std::string(view(target->id)) +
                        "' can't be " + ((cur & DEF_GLOBAL) ? "global" : "nonlocal"),
                    loc(n));
          break;
        }
        if (a->simple && !add_def(target->id, DEF_ANNOT | DEF_LOCAL, loc(target))) {
          ok = false;
          break;
        }
        // (a parenthesized target without a value binds nothing, as in CPython)
        if (a->value && !add_def(target->id, DEF_LOCAL, loc(target))) {
          ok = false;
          break;
        }
      } else if (!visit_expr(a->target)) {
        ok = false;
        break;
      }
      ok = visit_annotation(a->annotation) && (!a->value || visit_expr(a->value));
      break;
    }
    case Kind::AugAssign: {
      auto* a = static_cast<const ast::AugAssign*>(n);
      ok = visit_expr(a->target) && visit_expr(a->value);
      break;
    }
    case Kind::For: ok = visit_for(static_cast<const ast::For*>(n)); break;
    case Kind::AsyncFor: ok = visit_for(static_cast<const ast::AsyncFor*>(n)); break;
    case Kind::While: {
      auto* w = static_cast<const ast::While*>(n);
      ok = visit_expr(w->test) && visit_stmts(w->body) && visit_stmts(w->orelse);
      break;
    }
    case Kind::If: {
      auto* i = static_cast<const ast::If*>(n);
      ok = visit_expr(i->test) && visit_stmts(i->body) && visit_stmts(i->orelse);
      break;
    }
    case Kind::With: ok = visit_with(static_cast<const ast::With*>(n)); break;
    case Kind::AsyncWith: ok = visit_with(static_cast<const ast::AsyncWith*>(n)); break;
    case Kind::Match: {
      auto* m = static_cast<const ast::Match*>(n);
      ok = visit_expr(m->subject);
      for (const ast::Node* c : m->cases) {
        if (!ok) break;
        auto* mc = static_cast<const ast::match_case*>(c);
        ok = visit_pattern(mc->pattern) && (!mc->guard || visit_expr(mc->guard)) &&
             visit_stmts(mc->body);
      }
      break;
    }
    case Kind::Raise: {
      auto* r = static_cast<const ast::Raise*>(n);
      ok = (!r->exc || visit_expr(r->exc)) && (!r->cause || visit_expr(r->cause));
      break;
    }
    case Kind::Try: ok = visit_try(static_cast<const ast::Try*>(n)); break;
    case Kind::TryStar: ok = visit_try(static_cast<const ast::TryStar*>(n)); break;
    case Kind::Assert: {
      auto* a = static_cast<const ast::Assert*>(n);
      ok = visit_expr(a->test) && (!a->msg || visit_expr(a->msg));
      break;
    }
    case Kind::Import:
      for (const ast::Node* a : static_cast<const ast::Import*>(n)->names)
        if (ok) ok = visit_alias(static_cast<const ast::alias*>(a));
      break;
    case Kind::ImportFrom:
      for (const ast::Node* a : static_cast<const ast::ImportFrom*>(n)->names)
        if (ok) ok = visit_alias(static_cast<const ast::alias*>(a));
      break;
    case Kind::Global:
      ok = visit_declaration(n, static_cast<const ast::Global*>(n)->names, true);
      break;
    case Kind::Nonlocal:
      ok = visit_declaration(n, static_cast<const ast::Nonlocal*>(n)->names, false);
      break;
    case Kind::Expr: ok = visit_expr(static_cast<const ast::Expr*>(n)->value); break;
    default: break;  // Pass, Break, Continue
  }
  --depth_;
  return ok;
}

bool SymtableBuilder::not_in_annotation(const char* what, const ast::Node* e) {
  if (cur_->type != BlockType::Annotation) return true;
  return fail(std::string("'") + what + "' can not be used within an annotation", loc(e));
}

bool SymtableBuilder::visit_expr(const ast::Node* n) {
  if (++depth_ > kMaxDepth)
    return fail("maximum recursion depth exceeded during compilation", loc(n), "RecursionError");
  bool ok = true;
  using ast::Kind;
  switch (n->kind) {
    case Kind::NamedExpr:
      ok = not_in_annotation("named expression", n) &&
           visit_namedexpr(static_cast<const ast::NamedExpr*>(n));
      break;
    case Kind::BoolOp: ok = visit_exprs(static_cast<const ast::BoolOp*>(n)->values); break;
    case Kind::BinOp: {
      auto* b = static_cast<const ast::BinOp*>(n);
      ok = visit_expr(b->left) && visit_expr(b->right);
      break;
    }
    case Kind::UnaryOp: ok = visit_expr(static_cast<const ast::UnaryOp*>(n)->operand); break;
    case Kind::Lambda: {
      auto* l = static_cast<const ast::Lambda*>(n);
      auto* args = static_cast<const ast::arguments*>(l->args);
      ok = visit_exprs(args->defaults) && visit_exprs(args->kw_defaults);
      if (!ok) break;
      enter(BlockType::Function, "lambda", n, loc(n));
      ok = visit_arguments(args) && visit_expr(l->body);
      exit();
      break;
    }
    case Kind::IfExp: {
      auto* i = static_cast<const ast::IfExp*>(n);
      ok = visit_expr(i->test) && visit_expr(i->body) && visit_expr(i->orelse);
      break;
    }
    case Kind::Dict: {
      auto* d = static_cast<const ast::Dict*>(n);
      ok = visit_exprs(d->keys) && visit_exprs(d->values);
      break;
    }
    case Kind::Set: ok = visit_exprs(static_cast<const ast::Set*>(n)->elts); break;
    case Kind::GeneratorExp: {
      auto* g = static_cast<const ast::GeneratorExp*>(n);
      ok = visit_comprehension(n, "genexpr", ComprehensionKind::Generator, g->generators,
                               g->elt, nullptr);
      break;
    }
    case Kind::ListComp: {
      auto* c = static_cast<const ast::ListComp*>(n);
      ok = visit_comprehension(n, "listcomp", ComprehensionKind::List, c->generators, c->elt,
                               nullptr);
      break;
    }
    case Kind::SetComp: {
      auto* c = static_cast<const ast::SetComp*>(n);
      ok = visit_comprehension(n, "setcomp", ComprehensionKind::Set, c->generators, c->elt,
                               nullptr);
      break;
    }
    case Kind::DictComp: {
      auto* c = static_cast<const ast::DictComp*>(n);
      ok = visit_comprehension(n, "dictcomp", ComprehensionKind::Dict, c->generators, c->key,
                               c->value);
      break;
    }
    case Kind::Yield:
    case Kind::YieldFrom: {
      if (!not_in_annotation("yield expression", n)) {
        ok = false;
        break;
      }
      const ast::Node* value = n->kind == Kind::Yield ? static_cast<const ast::Yield*>(n)->value
                                                      : static_cast<const ast::YieldFrom*>(n)->value;
      if (value && !visit_expr(value)) {
        ok = false;
        break;
      }
      cur_->generator = true;
      switch (cur_->comprehension) {
        case ComprehensionKind::None: break;
        case ComprehensionKind::List: ok = fail("'yield' inside list comprehension", loc(n)); break;
        case ComprehensionKind::Set: ok = fail("'yield' inside set comprehension", loc(n)); break;
        case ComprehensionKind::Dict: ok = fail("'yield' inside dict comprehension", loc(n)); break;
        case ComprehensionKind::Generator:
          ok = fail("'yield' inside generator expression", loc(n));
          break;
      }
      break;
    }
    case Kind::Await:
      ok = not_in_annotation("await expression", n) &&
           visit_expr(static_cast<const ast::Await*>(n)->value);
      if (ok) cur_->coroutine = true;
      break;
    case Kind::Compare: {
      auto* c = static_cast<const ast::Compare*>(n);
      ok = visit_expr(c->left) && visit_exprs(c->comparators);
      break;
    }
    case Kind::Call: {
      auto* c = static_cast<const ast::Call*>(n);
      ok = visit_expr(c->func) && visit_exprs(c->args);
      for (const ast::Node* k : c->keywords)
        if (ok) ok = visit_expr(static_cast<const ast::keyword*>(k)->value);
      break;
    }
    case Kind::FormattedValue: {
      auto* f = static_cast<const ast::FormattedValue*>(n);
      ok = visit_expr(f->value) && (!f->format_spec || visit_expr(f->format_spec));
      break;
    }
    case Kind::JoinedStr: ok = visit_exprs(static_cast<const ast::JoinedStr*>(n)->values); break;
    case Kind::Attribute: ok = visit_expr(static_cast<const ast::Attribute*>(n)->value); break;
    case Kind::Subscript: {
      auto* s = static_cast<const ast::Subscript*>(n);
      ok = visit_expr(s->value) && visit_expr(s->slice);
      break;
    }
    case Kind::Starred: ok = visit_expr(static_cast<const ast::Starred*>(n)->value); break;
    case Kind::Slice: {
      auto* s = static_cast<const ast::Slice*>(n);
      ok = (!s->lower || visit_expr(s->lower)) && (!s->upper || visit_expr(s->upper)) &&
           (!s->step || visit_expr(s->step));
      break;
    }
    case Kind::Name: {
      auto* nm = static_cast<const ast::Name*>(n);
      bool load = nm->ctx == ast::ExprContext::Load;
      ok = add_def(nm->id, load ? DEF_USE : DEF_LOCAL, loc(n));
      // super() needs the __class__ cell of the enclosing class.
      if (ok && load && cur_->type == BlockType::Function && view(nm->id) == "super")
        ok = add_def("__class__", DEF_USE, loc(n), cur_);
      break;
    }
    case Kind::List: ok = visit_exprs(static_cast<const ast::List*>(n)->elts); break;
    case Kind::Tuple: ok = visit_exprs(static_cast<const ast::Tuple*>(n)->elts); break;
    default: break;  // Constant
  }
  --depth_;
  return ok;
}

bool SymtableBuilder::visit_pattern(const ast::Node* n) {
  using ast::Kind;
  switch (n->kind) {
    case Kind::MatchValue: return visit_expr(static_cast<const ast::MatchValue*>(n)->value);
    case Kind::MatchSequence: {
      for (const ast::Node* p : static_cast<const ast::MatchSequence*>(n)->patterns)
        if (!visit_pattern(p)) return false;
      return true;
    }
    case Kind::MatchStar: {
      auto* s = static_cast<const ast::MatchStar*>(n);
      return !s->name.present() || add_def(s->name, DEF_LOCAL, loc(n));
    }
    case Kind::MatchMapping: {
      auto* m = static_cast<const ast::MatchMapping*>(n);
      if (!visit_exprs(m->keys)) return false;
      for (const ast::Node* p : m->patterns)
        if (!visit_pattern(p)) return false;
      return !m->rest.present() || add_def(m->rest, DEF_LOCAL, loc(n));
    }
    case Kind::MatchClass: {
      auto* m = static_cast<const ast::MatchClass*>(n);
      if (!visit_expr(m->cls)) return false;
      for (const ast::Node* p : m->patterns)
        if (!visit_pattern(p)) return false;
      for (const ast::Node* p : m->kwd_patterns)
        if (!visit_pattern(p)) return false;
      return true;
    }
    case Kind::MatchAs: {
      auto* m = static_cast<const ast::MatchAs*>(n);
      if (m->pattern && !visit_pattern(m->pattern)) return false;
      return !m->name.present() || add_def(m->name, DEF_LOCAL, loc(n));
    }
    case Kind::MatchOr: {
      for (const ast::Node* p : static_cast<const ast::MatchOr*>(n)->patterns)
        if (!visit_pattern(p)) return false;
      return true;
    }
    default: return true;  // MatchSingleton
  }
}

bool SymtableBuilder::visit_comprehension(const ast::Node* e, const char* name,
                                          ComprehensionKind kind,
                                          const ast::NodeList& generators,
                                          const ast::Node* elt, const ast::Node* value) {
  auto* outermost = static_cast<const ast::comprehension*>(generators[0]);
  // The first iterable is evaluated in the enclosing scope and passed in as ".0".
  pass(cur_).comp_iter_expr++;
  bool ok = visit_expr(outermost->iter);
  pass(cur_).comp_iter_expr--;
  if (!ok) return false;
  Scope* s = enter(BlockType::Function, name, e, loc(e));
  s->comprehension = kind;
  if (outermost->is_async) s->coroutine = true;
  ok = add_def(".0", DEF_PARAM, loc(e), s);
  if (ok) {
    pass(s).comp_iter_target = true;
    ok = visit_expr(outermost->target);
    pass(s).comp_iter_target = false;
  }
  ok = ok && visit_exprs(outermost->ifs);
  for (uint32_t i = 1; ok && i < generators.size; ++i) {
    auto* g = static_cast<const ast::comprehension*>(generators[i]);
    pass(s).comp_iter_target = true;
    ok = visit_expr(g->target);
    pass(s).comp_iter_target = false;
    if (!ok) break;
    pass(s).comp_iter_expr++;
    ok = visit_expr(g->iter);
    pass(s).comp_iter_expr--;
    ok = ok && visit_exprs(g->ifs);
    if (g->is_async) s->coroutine = true;
  }
  // A dict comprehension's value is visited before its key, as CPython does.
  ok = ok && (!value || visit_expr(value)) && visit_expr(elt);
  if (!ok) return false;
  s->generator = kind == ComprehensionKind::Generator;
  bool is_async = s->coroutine && !s->generator;
  exit();
  // An async list/set/dict comprehension makes its enclosing scope a coroutine too.
  if (is_async) cur_->coroutine = true;
  return true;
}

bool SymtableBuilder::visit_namedexpr(const ast::NamedExpr* e) {
  if (pass(cur_).comp_iter_expr > 0)
    return fail("assignment expression cannot be used in a comprehension iterable expression",
                loc(e));
  auto* target = ast::as<ast::Name>(const_cast<ast::Node*>(e->target));
  if (cur_->comprehension != ComprehensionKind::None && target &&
      !extend_namedexpr_scope(target))
    return false;
  return visit_expr(e->value) && visit_expr(e->target);
}

// A walrus in a comprehension binds in the nearest enclosing function (nonlocal there) or
// module (global); it may not rebind an iteration variable, nor appear in a class body.
bool SymtableBuilder::extend_namedexpr_scope(const ast::Name* target) {
  std::string_view name = view(target->id);
  for (size_t i = stack_.size(); i-- > 0;) {
    Scope* s = stack_[i];
    if (s->comprehension != ComprehensionKind::None) {
      std::string_view key = name;
      std::string buf;
      if (!private_.empty()) key = buf = mangle(private_, name);
      if (s->flags_of(key) & DEF_COMP_ITER)
        return fail("assignment expression cannot rebind comprehension iteration variable '" +
                        std::string(name) + "'", loc(target));
      continue;
    }
    if (s->type == BlockType::Function) {
      std::string_view key = name;
      std::string buf;
      if (!private_.empty()) key = buf = mangle(private_, name);
      uint32_t flag = (s->flags_of(key) & DEF_GLOBAL) ? DEF_GLOBAL : DEF_NONLOCAL;
      if (!add_def(name, flag, loc(target), cur_)) return false;
      record_directive(name, loc(target));
      return add_def(name, DEF_LOCAL, loc(target), s);
    }
    if (s->type == BlockType::Module) {
      if (!add_def(name, DEF_GLOBAL, loc(target), cur_)) return false;
      record_directive(name, loc(target));
      return add_def(name, DEF_GLOBAL, loc(target), s);
    }
    if (s->type == BlockType::Class)
      return fail("assignment expression within a comprehension cannot be used in a class body",
                  loc(target));
  }
  return true;
}

// -- Analysis -----------------------------------------------------------------------------

bool SymtableBuilder::error_at_directive(Scope* s, std::string_view name, const std::string& msg) {
  for (const Directive& d : directives_)
    if (d.scope == s && d.name == name) return fail(msg, d.at);
  return fail(msg, Loc{s->lineno, s->col_offset, s->end_lineno, s->end_col_offset});
}

bool SymtableBuilder::analyze_name(Scope* s, Symbol& sym, NameSet* bound, NameSet& local,
                                   NameSet& free, NameSet& global) {
  std::string_view name = sym.name;
  if (sym.flags & DEF_GLOBAL) {
    if (sym.flags & DEF_NONLOCAL)
      return error_at_directive(s, name, "name '" + std::string(name) + "' is nonlocal and global");
    sym.scope = SymbolScope::GlobalExplicit;
    global.insert(name);
    // Children must not see an enclosing function's binding through a global.
    if (bound) bound->erase(name);
    return true;
  }
  if (sym.flags & DEF_NONLOCAL) {
    if (!bound)
      return error_at_directive(s, name, "nonlocal declaration not allowed at module level");
    if (!bound->count(name))
      return error_at_directive(s, name, "no binding for nonlocal '" + std::string(name) + "' found");
    sym.scope = SymbolScope::Free;
    s->has_free = true;
    free.insert(name);
    return true;
  }
  if (sym.flags & DEF_BOUND) {
    sym.scope = SymbolScope::Local;
    local.insert(name);
    global.erase(name);
    return true;
  }
  // Bound in an enclosing function: free here (a non-null bound means nested).
  if (bound && bound->count(name)) {
    sym.scope = SymbolScope::Free;
    s->has_free = true;
    free.insert(name);
    return true;
  }
  if (!global.count(name) && s->nested) s->has_free = true;
  sym.scope = SymbolScope::GlobalImplicit;
  return true;
}

// CPython's analyze_block: `bound` holds the names bound in enclosing functions (null for
// the module), `global` the names declared global on the way down (both are this block's
// own copies, which it updates); the names free in this block and its children are added
// to `free`.
bool SymtableBuilder::analyze_block(Scope* s, NameSet* bound, NameSet& free,
                                    NameSet& global) {
  NameSet local, newglobal, newfree, newbound;
  // A class body's names are not visible in its methods: what children see is fixed
  // before the class's own names are analysed.
  if (s->type == BlockType::Class) {
    newglobal = global;
    if (bound) newbound = *bound;
  }
  size_t own = s->symbols.size();
  for (size_t i = 0; i < own; ++i)
    if (!analyze_name(s, s->symbols[i], bound, local, free, global)) return false;
  if (s->type != BlockType::Class) {
    if (s->type == BlockType::Function) newbound = local;
    if (bound) newbound.insert(bound->begin(), bound->end());
    newglobal.insert(global.begin(), global.end());
  } else {
    newbound.insert("__class__");
  }

  NameSet allfree;
  for (Scope* c : s->children) {
    // Each child gets its own copies: what one child declares global or binds must not
    // leak to its siblings.
    NameSet child_bound = newbound, child_free = newfree, child_global = newglobal;
    if (!analyze_block(c, &child_bound, child_free, child_global)) return false;
    allfree.insert(child_free.begin(), child_free.end());
    if (c->has_free || c->child_has_free) s->child_has_free = true;
  }
  newfree.insert(allfree.begin(), allfree.end());

  if (s->type == BlockType::Function) {
    // A local that a child uses freely becomes a cell.
    for (size_t i = 0; i < own; ++i) {
      Symbol& sym = s->symbols[i];
      if (sym.scope == SymbolScope::Local && newfree.erase(sym.name)) sym.scope = SymbolScope::Cell;
    }
  } else if (s->type == BlockType::Class) {
    if (newfree.erase("__class__")) s->needs_class_closure = true;
  }

  // Free names of children that this block does not define pass through it (as free
  // here) unless they are globals; a class that binds one marks it DEF_FREE_CLASS.
  std::vector<std::string_view> passing;
  for (std::string_view name : newfree) {
    auto it = s->index_.find(name);
    if (it != s->index_.end()) {
      Symbol& sym = s->symbols[it->second];
      if (s->type == BlockType::Class && (sym.flags & (DEF_BOUND | DEF_GLOBAL)))
        sym.flags |= DEF_FREE_CLASS;
      continue;
    }
    if (bound && !bound->count(name)) continue;
    passing.push_back(name);
  }
  std::sort(passing.begin(), passing.end());
  for (std::string_view name : passing) {
    s->index_.emplace(name, uint32_t(s->symbols.size()));
    s->symbols.push_back(Symbol{name, 0, SymbolScope::Free});
  }
  free.insert(newfree.begin(), newfree.end());
  return true;
}

void SymtableBuilder::finish_scope(Scope* s) {
  for (const Symbol& sym : s->symbols) {
    if (sym.scope == SymbolScope::Cell) s->cellvars.push_back(sym.name);
    if (sym.scope == SymbolScope::Free || (sym.flags & DEF_FREE_CLASS)) s->freevars.push_back(sym.name);
  }
  std::sort(s->cellvars.begin(), s->cellvars.end());
  if (s->needs_class_closure) s->cellvars.push_back(intern("__class__"));
  std::sort(s->freevars.begin(), s->freevars.end());
  for (Scope* c : s->children) finish_scope(c);
}

bool SymtableBuilder::build(const ast::Node* root) {
  if (!root) return fail("no module", Loc{0, -1, 0, -1});
  enter(BlockType::Module, "top", root, Loc{0, 0, 0, 0});
  t_.top = cur_;
  bool ok = true;
  switch (root->kind) {
    case ast::Kind::Module: ok = visit_stmts(static_cast<const ast::Module*>(root)->body); break;
    case ast::Kind::Interactive:
      ok = visit_stmts(static_cast<const ast::Interactive*>(root)->body);
      break;
    case ast::Kind::Expression: ok = visit_expr(static_cast<const ast::Expression*>(root)->body); break;
    default: ok = fail("symbol table: unsupported root", Loc{0, -1, 0, -1}); break;
  }
  if (!ok) return false;
  exit();
  NameSet free, global;
  if (!analyze_block(t_.top, nullptr, free, global)) return false;
  finish_scope(t_.top);
  return true;
}

// -- Entry point ------------------------------------------------------------------------

namespace {

// `from __future__ import annotations` among the module's leading statements (after an
// optional docstring), as CPython's future.c finds it.
bool has_future_annotations(const ast::Node* root) {
  const ast::NodeList* body = nullptr;
  if (auto* m = ast::as<ast::Module>(const_cast<ast::Node*>(root))) body = &m->body;
  else if (auto* i = ast::as<ast::Interactive>(const_cast<ast::Node*>(root))) body = &i->body;
  if (!body) return false;
  bool docstring_seen = false;
  for (const ast::Node* s : *body) {
    if (auto* f = ast::as<ast::ImportFrom>(const_cast<ast::Node*>(s))) {
      if (view(f->module) != "__future__") return false;
      for (const ast::Node* a : f->names)
        if (view(static_cast<const ast::alias*>(a)->name) == "annotations") return true;
      continue;
    }
    if (auto* e = ast::as<ast::Expr>(const_cast<ast::Node*>(s)); e && !docstring_seen) {
      auto* c = ast::as<ast::Constant>(e->value);
      if (!c || c->value.kind != ast::ConstKind::Str) return false;
      docstring_seen = true;
      continue;
    }
    return false;
  }
  return false;
}

}  // namespace

std::unique_ptr<SymbolTable> build_symtable(const ast::Node* root, std::string_view filename,
                                            std::string_view source, SyntaxErrorInfo& error,
                                            const SymtableOptions& options) {
  auto table = std::make_unique<SymbolTable>();
  table->future_annotations =
      options.future_annotations || (options.detect_future && has_future_annotations(root));
  SymtableBuilder builder(*table, filename, source, error);
  if (!builder.build(root)) return nullptr;
  return table;
}

}  // namespace strata
