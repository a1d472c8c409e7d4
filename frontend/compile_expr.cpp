// frontend/compile_expr.cpp — expressions: names, constants (folded by
// compile_fold.cpp), operators, conditional jumps, comparisons, calls (positional, keyword,
// *args/**kwargs, method and super() forms), displays with unpacking, subscripts and
// slices, f-strings, lambda, comprehensions (3.11: nested functions fed `.0`), yield,
// yield from and await.
#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "frontend/compiler_impl.h"

namespace strata::compiler_detail {

using namespace ast;

namespace {

Const str_const(std::string_view s) {
  Const c;
  c.tag = ConstTag::Str;
  c.text.assign(s);
  return c;
}

}  // namespace

int binary_oparg(OperatorKind k, bool inplace) {
  // Indexed by OperatorKind (ast.h's order): the plain and the in-place form.
  static const int kOps[][2] = {
      {NB_ADD, NB_INPLACE_ADD}, {NB_SUBTRACT, NB_INPLACE_SUBTRACT},
      {NB_MULTIPLY, NB_INPLACE_MULTIPLY}, {NB_MATRIX_MULTIPLY, NB_INPLACE_MATRIX_MULTIPLY},
      {NB_TRUE_DIVIDE, NB_INPLACE_TRUE_DIVIDE}, {NB_REMAINDER, NB_INPLACE_REMAINDER},
      {NB_POWER, NB_INPLACE_POWER}, {NB_LSHIFT, NB_INPLACE_LSHIFT},
      {NB_RSHIFT, NB_INPLACE_RSHIFT}, {NB_OR, NB_INPLACE_OR}, {NB_XOR, NB_INPLACE_XOR},
      {NB_AND, NB_INPLACE_AND}, {NB_FLOOR_DIVIDE, NB_INPLACE_FLOOR_DIVIDE}};
  static_assert(std::size(kOps) == static_cast<size_t>(OperatorKind::FloorDiv) + 1);
  return kOps[static_cast<int>(k)][inplace ? 1 : 0];
}

// -- Locations --------------------------------------------------------------------

// CPython's update_start_location_to_match_attr: an attribute access spanning lines is
// located at the attribute name, so that tracebacks point at the failing `.name`.
Location Compiler::attr_loc(Attribute* e, Location loc) const {
  if (loc.lineno != e->end_lineno) {
    loc.lineno = e->end_lineno;
    // CPython counts the name in code points (its columns are UTF-8 bytes elsewhere).
    int len = 0;
    for (uint32_t i = 0; i < e->attr.size; i++)
      len += (static_cast<unsigned char>(e->attr.data[i]) & 0xC0) != 0x80;
    if (len <= e->end_col_offset) {
      loc.col_offset = e->end_col_offset - len;
    } else {
      loc.col_offset = -1;
      loc.end_col_offset = -1;
    }
    loc.end_lineno = std::max(loc.lineno, loc.end_lineno);
    if (loc.lineno == loc.end_lineno) loc.end_col_offset = std::max(loc.col_offset, loc.end_col_offset);
  }
  return loc;
}

// -- Conditions -------------------------------------------------------------------

void Compiler::compare_op(CmpOpKind k, Location loc) {
  switch (k) {
    case CmpOpKind::Eq: emit(op::COMPARE_OP, COMPARE_OPARG_EQ, loc); break;
    case CmpOpKind::NotEq: emit(op::COMPARE_OP, COMPARE_OPARG_NE, loc); break;
    case CmpOpKind::Lt: emit(op::COMPARE_OP, COMPARE_OPARG_LT, loc); break;
    case CmpOpKind::LtE: emit(op::COMPARE_OP, COMPARE_OPARG_LE, loc); break;
    case CmpOpKind::Gt: emit(op::COMPARE_OP, COMPARE_OPARG_GT, loc); break;
    case CmpOpKind::GtE: emit(op::COMPARE_OP, COMPARE_OPARG_GE, loc); break;
    case CmpOpKind::Is: emit(op::IS_OP, TEST_PLAIN, loc); break;
    case CmpOpKind::IsNot: emit(op::IS_OP, TEST_INVERTED, loc); break;
    case CmpOpKind::In: emit(op::CONTAINS_OP, TEST_PLAIN, loc); break;
    case CmpOpKind::NotIn: emit(op::CONTAINS_OP, TEST_INVERTED, loc); break;
  }
}

// `not (a OP b)` for is / is not / in / not in is `a NOT-OP b` (CPython's ast_opt);
// other operators come back unchanged.
static CmpOpKind negated_identity_or_membership(CmpOpKind k) {
  switch (k) {
    case CmpOpKind::Is: return CmpOpKind::IsNot;
    case CmpOpKind::IsNot: return CmpOpKind::Is;
    case CmpOpKind::In: return CmpOpKind::NotIn;
    case CmpOpKind::NotIn: return CmpOpKind::In;
    default: return k;
  }
}

bool Compiler::jump_if(Node* e, int label, bool cond) {
  switch (e->kind) {
    case Kind::UnaryOp: {
      auto* u = static_cast<UnaryOp*>(e);
      if (u->op != UnaryOpKind::Not) break;
      // not (a in b) is compiled as a not in b (ast_opt's rewrite), else the jump flips.
      if (auto* c = as<Compare>(u->operand); c && c->ops.size == 1) {
        CmpOpKind k = c->ops[0], flipped = negated_identity_or_membership(k);
        if (flipped != k) {
          if (!expr(c->left) || !iter_expr(c->comparators[0])) return false;
          compare_op(flipped, loc_of(c));
          emit_jump(cond ? op::POP_JUMP_IF_TRUE : op::POP_JUMP_IF_FALSE, label, loc_of(c));
          return true;
        }
      }
      return jump_if(u->operand, label, !cond);
    }
    case Kind::BoolOp: {
      auto* b = static_cast<BoolOp*>(e);
      bool cond2 = b->op == BoolOpKind::Or;
      int next2 = label;
      if (cond2 != cond) next2 = new_label();
      uint32_t n = b->values.size - 1;
      for (uint32_t i = 0; i < n; i++)
        if (!jump_if(b->values[i], next2, cond2)) return false;
      if (!jump_if(b->values[n], label, cond)) return false;
      if (next2 != label) bind(next2);
      return true;
    }
    case Kind::IfExp: {
      auto* i = static_cast<IfExp*>(e);
      int end = new_label(), next2 = new_label();
      if (!jump_if(i->test, next2, false)) return false;
      if (!jump_if(i->body, label, cond)) return false;
      emit_jump(op::JUMP, end, kNoLocation);
      bind(next2);
      if (!jump_if(i->orelse, label, cond)) return false;
      bind(end);
      return true;
    }
    case Kind::Compare: {
      auto* c = static_cast<Compare*>(e);
      uint32_t n = c->ops.size - 1;
      if (n == 0) break;
      Location loc = loc_of(e);
      int cleanup = new_label();
      if (!expr(c->left)) return false;
      for (uint32_t i = 0; i < n; i++) {
        if (!expr(c->comparators[i])) return false;
        emit(op::SWAP, 2, loc);
        emit(op::COPY, 2, loc);
        compare_op(c->ops[i], loc);
        emit_jump(op::POP_JUMP_IF_FALSE, cleanup, loc);
      }
      if (!(c->ops[n] == CmpOpKind::In || c->ops[n] == CmpOpKind::NotIn
                ? iter_expr(c->comparators[n]) : expr(c->comparators[n])))
        return false;
      compare_op(c->ops[n], loc);
      emit_jump(cond ? op::POP_JUMP_IF_TRUE : op::POP_JUMP_IF_FALSE, label, loc);
      int end = new_label();
      emit_jump(op::JUMP, end, kNoLocation);
      bind(cleanup);
      emit(op::POP_TOP, loc);
      if (!cond) emit_jump(op::JUMP, label, kNoLocation);
      bind(end);
      return true;
    }
    default: break;
  }
  if (!expr(e)) return false;
  emit_jump(cond ? op::POP_JUMP_IF_TRUE : op::POP_JUMP_IF_FALSE, label, loc_of(e));
  return true;
}

bool Compiler::boolop(BoolOp* e) {
  Location loc = loc_of(e);
  uint16_t jump = e->op == BoolOpKind::And ? op::POP_JUMP_IF_FALSE : op::POP_JUMP_IF_TRUE;
  int end = new_label();
  uint32_t n = e->values.size - 1;
  for (uint32_t i = 0; i < n; i++) {
    if (!expr(e->values[i])) return false;
    emit(op::COPY, 1, loc);
    emit_jump(jump, end, loc);
    emit(op::POP_TOP, loc);
  }
  if (!expr(e->values[n])) return false;
  bind(end);
  return true;
}

// The right operand of a final `in` / `not in`, or an iterable of a for loop or a
// comprehension (CPython's fold_iter): a list display is built as a tuple (one tuple
// constant when its items are constants), a set display of constants is a frozenset.
bool Compiler::iter_expr(Node* e) {
  if (auto* l = as<List>(e)) {
    for (Node* elt : l->elts)
      if (elt->kind == Kind::Starred) return expr(e);
    Const t;
    t.tag = ConstTag::Tuple;
    bool all = true;
    for (Node* elt : l->elts) {
      Const item;
      if (!fold(elt, item)) { all = false; break; }
      t.items.push_back(std::move(item));
    }
    if (all) {
      load_const(std::move(t), loc_of(e));
      return true;
    }
    return starunpack(loc_of(e), l->elts, 0, op::BUILD_LIST, op::LIST_APPEND, op::LIST_EXTEND,
                      true);
  }
  if (auto* st = as<Set>(e)) {
    Const t;
    t.tag = ConstTag::FrozenSet;
    for (Node* elt : st->elts) {
      Const item;
      if (!fold(elt, item)) return expr(e);
      t.items.push_back(std::move(item));
    }
    load_const(std::move(t), loc_of(e));
    return true;
  }
  return expr(e);
}

bool Compiler::compare(Compare* e) {
  Location loc = loc_of(e);
  if (!expr(e->left)) return false;
  uint32_t n = e->ops.size - 1;
  auto operand = [&](uint32_t i) {
    CmpOpKind k = e->ops[i];
    if (i == n && (k == CmpOpKind::In || k == CmpOpKind::NotIn)) return iter_expr(e->comparators[i]);
    return expr(e->comparators[i]);
  };
  if (n == 0) {
    if (!operand(0)) return false;
    compare_op(e->ops[0], loc);
    return true;
  }
  int cleanup = new_label();
  for (uint32_t i = 0; i < n; i++) {
    if (!operand(i)) return false;
    emit(op::SWAP, 2, loc);
    emit(op::COPY, 2, loc);
    compare_op(e->ops[i], loc);
    emit(op::COPY, 1, loc);
    emit_jump(op::POP_JUMP_IF_FALSE, cleanup, loc);
    emit(op::POP_TOP, loc);
  }
  if (!operand(n)) return false;
  compare_op(e->ops[n], loc);
  int end = new_label();
  emit_jump(op::JUMP, end, kNoLocation);
  bind(cleanup);
  emit(op::SWAP, 2, loc);
  emit(op::POP_TOP, loc);
  bind(end);
  return true;
}

// -- Displays ---------------------------------------------------------------------

bool Compiler::starunpack(Location loc, const NodeList& elts, int pushed, uint16_t build,
                          uint16_t add, uint16_t extend, bool tuple) {
  uint32_t n = elts.size;
  if (n > 2) {
    Const folded;
    folded.tag = ConstTag::Tuple;
    bool all = true;
    for (Node* elt : elts) {
      Const item;
      if (elt->kind == Kind::Starred || !fold(elt, item)) { all = false; break; }
      folded.items.push_back(std::move(item));
    }
    if (all) {
      if (tuple && !pushed) {
        load_const(std::move(folded), loc);
      } else {
        if (add == op::SET_ADD) folded.tag = ConstTag::FrozenSet;
        emit(build, pushed, loc);
        load_const(std::move(folded), loc);
        emit(extend, 1, loc);
        if (tuple) emit(op::CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, loc);
      }
      return true;
    }
  }
  bool big = static_cast<int>(n) + pushed > kStackUseGuideline;
  bool seen_star = false;
  for (Node* elt : elts)
    if (elt->kind == Kind::Starred) { seen_star = true; break; }
  if (!seen_star && !big) {
    for (Node* elt : elts)
      if (!expr(elt)) return false;
    if (tuple) build_tuple(static_cast<int>(n) + pushed, loc);
    else emit(build, static_cast<int>(n) + pushed, loc);
    return true;
  }
  bool built = false;
  if (big) {
    emit(build, pushed, loc);
    built = true;
  }
  for (uint32_t i = 0; i < n; i++) {
    Node* elt = elts[i];
    if (auto* st = as<Starred>(elt)) {
      if (!built) {
        emit(build, static_cast<int>(i) + pushed, loc);
        built = true;
      }
      if (!expr(st->value)) return false;
      emit(extend, 1, loc);
    } else {
      if (!expr(elt)) return false;
      if (built) emit(add, 1, loc);
    }
  }
  if (tuple) emit(op::CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, loc);
  return true;
}

bool Compiler::unpack_assign(Location loc, const NodeList& elts) {
  uint32_t n = elts.size;
  bool seen_star = false;
  for (uint32_t i = 0; i < n; i++) {
    if (elts[i]->kind != Kind::Starred) continue;
    if (seen_star) return fail(loc, "multiple starred expressions in assignment");
    int oparg;
    if (!unpack_ex_oparg(i, n, oparg))
      return fail(loc, "too many expressions in star-unpacking assignment");
    emit(op::UNPACK_EX, oparg, loc);
    seen_star = true;
  }
  if (!seen_star) emit(op::UNPACK_SEQUENCE, static_cast<int>(n), loc);
  for (Node* elt : elts) {
    Node* target = elt->kind == Kind::Starred ? static_cast<Starred*>(elt)->value : elt;
    if (!expr(target)) return false;
  }
  return true;
}

bool Compiler::subdict(Dict* e, uint32_t begin, uint32_t end) {
  Location loc = loc_of(e);
  uint32_t n = end - begin;
  bool big = n * 2 > static_cast<uint32_t>(kStackUseGuideline);
  if (n > 1 && !big) {
    Const keys;
    keys.tag = ConstTag::Tuple;
    bool all = true;
    for (uint32_t i = begin; i < end; i++) {
      Node* k = e->keys[i];
      Const item;
      if (!k || !fold(k, item)) { all = false; break; }
      keys.items.push_back(std::move(item));
    }
    if (all) {
      for (uint32_t i = begin; i < end; i++)
        if (!expr(e->values[i])) return false;
      load_const(std::move(keys), loc);
      emit(op::BUILD_CONST_KEY_MAP, static_cast<int>(n), loc);
      return true;
    }
  }
  if (big) emit(op::BUILD_MAP, 0, loc);
  for (uint32_t i = begin; i < end; i++) {
    if (!expr(e->keys[i]) || !expr(e->values[i])) return false;
    if (big) emit(op::MAP_ADD, 1, loc);
  }
  if (!big) emit(op::BUILD_MAP, static_cast<int>(n), loc);
  return true;
}

bool Compiler::dict(Dict* e) {
  Location loc = loc_of(e);
  uint32_t n = e->values.size;
  uint32_t elements = 0;
  bool have_dict = false;
  for (uint32_t i = 0; i < n; i++) {
    if (!e->keys[i]) {  // **mapping
      if (elements) {
        if (!subdict(e, i - elements, i)) return false;
        if (have_dict) emit(op::DICT_UPDATE, 1, loc);
        have_dict = true;
        elements = 0;
      }
      if (!have_dict) {
        emit(op::BUILD_MAP, 0, loc);
        have_dict = true;
      }
      if (!expr(e->values[i])) return false;
      emit(op::DICT_UPDATE, 1, loc);
    } else if (elements * 2 > static_cast<uint32_t>(kStackUseGuideline)) {
      if (!subdict(e, i - elements, i + 1)) return false;
      if (have_dict) emit(op::DICT_UPDATE, 1, loc);
      have_dict = true;
      elements = 0;
    } else {
      elements++;
    }
  }
  if (elements) {
    if (!subdict(e, n - elements, n)) return false;
    if (have_dict) emit(op::DICT_UPDATE, 1, loc);
    have_dict = true;
  }
  if (!have_dict) emit(op::BUILD_MAP, 0, loc);
  return true;
}

// -- Subscripts and attributes --------------------------------------------------------

int Compiler::slice_parts(Slice* s) {
  int n = 2;
  Location loc = loc_of(s);
  if (s->lower) {
    if (!expr(s->lower)) return -1;
  } else {
    load_none(loc);
  }
  if (s->upper) {
    if (!expr(s->upper)) return -1;
  } else {
    load_none(loc);
  }
  if (s->step) {
    n++;
    if (!expr(s->step)) return -1;
  }
  return n;
}

bool Compiler::subscript(Subscript* e) {
  Location loc = loc_of(e);
  if (!expr(e->value)) return false;
  auto* sl = as<Slice>(e->slice);
  if (sl && !sl->step && e->ctx != ExprContext::Del) {
    if (slice_parts(sl) < 0) return false;
    emit(e->ctx == ExprContext::Load ? op::BINARY_SLICE : op::STORE_SLICE, loc);
    return true;
  }
  if (!expr(e->slice)) return false;
  emit(e->ctx == ExprContext::Load ? op::BINARY_SUBSCR
       : e->ctx == ExprContext::Store ? op::STORE_SUBSCR : op::DELETE_SUBSCR, loc);
  return true;
}

// super().name / super(C, self).name without building the super object: CPython 3.12's
// can_optimize_super_call + load_args_for_super. `done` is false when the form does
// not apply (super shadowed, starred arguments, no __class__ cell, ...).
bool Compiler::try_super_method_call(Attribute* attr, bool method, Location loc, bool& done) {
  done = false;
  auto* call = as<Call>(attr->value);
  if (!call) return true;
  auto* fn = as<Name>(call->func);
  if (!fn || sv(fn->id) != "super" || sv(attr->attr) == "__class__" || !call->keywords.empty())
    return true;
  if (u().ste->scope_of("super") != SymbolScope::GlobalImplicit) return true;
  if (symtable_->top->scope_of("super") != SymbolScope::None) return true;
  uint32_t nargs = call->args.size;
  if (nargs == 2) {
    for (Node* a : call->args)
      if (a->kind == Kind::Starred) return true;
  } else if (nargs != 0) {
    return true;
  } else {
    // In a comprehension (a function of its own in 3.11) the first parameter is `.0`,
    // not self: leave super() to the runtime, which fails there as in 3.11.
    if (u().kind == UnitKind::Comprehension) return true;
    if (u().argcount == 0 && u().posonlyargcount == 0) return true;
    SymbolScope cls = u().kind == UnitKind::Class ? SymbolScope::Cell
                                                  : u().ste->scope_of("__class__");
    if (cls != SymbolScope::Free) return true;
    if (u().varnames.empty()) return true;
  }
  Location call_loc = loc_of(call);
  if (!nameop("super", ExprContext::Load, loc_of(fn))) return false;
  if (nargs == 2) {
    if (!expr(call->args[0]) || !expr(call->args[1])) return false;
  } else {
    if (!nameop("__class__", ExprContext::Load, call_loc)) return false;
    // The first parameter (stored mangled; mangling it again changes nothing).
    if (!nameop(u().varnames[0], ExprContext::Load, call_loc)) return false;
  }
  int name = add_name_mangled(sv(attr->attr));
  if (method) {
    emit(nargs ? op::LOAD_SUPER_METHOD : op::LOAD_ZERO_SUPER_METHOD, name, loc);
  } else if (nargs) {
    emit(op::LOAD_SUPER_ATTR, name_oparg(op::LOAD_SUPER_ATTR, name, LOAD_SUPER_ATTR_TWO_ARGS),
         loc);
  } else {
    emit(op::LOAD_ZERO_SUPER_ATTR, name, loc);
  }
  emit(op::NOP, attr_loc(attr, loc));
  done = true;
  return true;
}

bool Compiler::attribute(Attribute* e) {
  Location loc = loc_of(e);
  if (e->ctx == ExprContext::Load) {
    bool done;
    if (!try_super_method_call(e, false, loc, done)) return false;
    if (done) return true;
  }
  if (!expr(e->value)) return false;
  Location l = attr_loc(e, loc);
  int name = add_name_mangled(sv(e->attr));
  switch (e->ctx) {
    case ExprContext::Load: emit(op::LOAD_ATTR, name_oparg(op::LOAD_ATTR, name), l); break;
    case ExprContext::Store:
      if (forbidden_name(sv(e->attr), e->ctx, l)) return false;
      emit(op::STORE_ATTR, name, l);
      break;
    case ExprContext::Del: emit(op::DELETE_ATTR, name, l); break;
  }
  return true;
}

// -- Calls --------------------------------------------------------------------------

bool Compiler::subkwargs(Location loc, const NodeList& keywords, uint32_t begin, uint32_t end) {
  uint32_t n = end - begin;
  bool big = n * 2 > static_cast<uint32_t>(kStackUseGuideline);
  if (n > 1 && !big) {
    Const keys;
    keys.tag = ConstTag::Tuple;
    for (uint32_t i = begin; i < end; i++) {
      auto* kw = static_cast<keyword*>(keywords[i]);
      if (!expr(kw->value)) return false;
      keys.items.push_back(str_const(sv(kw->arg)));
    }
    load_const(std::move(keys), loc);
    emit(op::BUILD_CONST_KEY_MAP, static_cast<int>(n), loc);
    return true;
  }
  if (big) emit(op::BUILD_MAP, 0, kNoLocation);
  for (uint32_t i = begin; i < end; i++) {
    auto* kw = static_cast<keyword*>(keywords[i]);
    load_const(str_const(sv(kw->arg)), loc);
    if (!expr(kw->value)) return false;
    if (big) emit(op::MAP_ADD, 1, kNoLocation);
  }
  if (!big) emit(op::BUILD_MAP, static_cast<int>(n), loc);
  return true;
}

// Pushes the arguments and emits the call, with `n` arguments already on the stack.
bool Compiler::call_helper(Location loc, int n, const NodeList& args, const NodeList& keywords) {
  uint32_t nelts = args.size, nkw = keywords.size;
  bool ex_call = nelts + nkw + n > static_cast<uint32_t>(kStackUseGuideline);
  for (Node* a : args)
    if (a->kind == Kind::Starred) ex_call = true;
  for (Node* k : keywords)
    if (!static_cast<keyword*>(k)->arg.present()) ex_call = true;
  if (!ex_call) {
    for (Node* a : args)
      if (!expr(a)) return false;
    if (nkw) {
      Const names;
      names.tag = ConstTag::Tuple;
      for (Node* k : keywords) {
        auto* kw = static_cast<keyword*>(k);
        if (!expr(kw->value)) return false;
        names.items.push_back(str_const(sv(kw->arg)));
      }
      emit(op::KW_NAMES, add_const(std::move(names)), loc);
    }
    emit(op::CALL, n + static_cast<int>(nelts + nkw), loc);
    return true;
  }
  // The general form: a tuple of positional arguments and a dict of keywords.
  if (n == 0 && nelts == 1 && args[0]->kind == Kind::Starred) {
    if (!expr(static_cast<Starred*>(args[0])->value)) return false;
  } else if (!starunpack(loc, args, n, op::BUILD_LIST, op::LIST_APPEND, op::LIST_EXTEND, true)) {
    return false;
  }
  if (nkw) {
    bool have_dict = false;
    uint32_t nseen = 0;
    for (uint32_t i = 0; i < nkw; i++) {
      auto* kw = static_cast<keyword*>(keywords[i]);
      if (!kw->arg.present()) {
        if (nseen) {
          if (!subkwargs(loc, keywords, i - nseen, i)) return false;
          if (have_dict) emit(op::DICT_MERGE, 1, loc);
          have_dict = true;
          nseen = 0;
        }
        if (!have_dict) {
          emit(op::BUILD_MAP, 0, loc);
          have_dict = true;
        }
        if (!expr(kw->value)) return false;
        emit(op::DICT_MERGE, 1, loc);
      } else {
        nseen++;
      }
    }
    if (nseen) {
      if (!subkwargs(loc, keywords, nkw - nseen, nkw)) return false;
      if (have_dict) emit(op::DICT_MERGE, 1, loc);
    }
  }
  emit(op::CALL_FUNCTION_EX, nkw > 0 ? 1 : 0, loc);
  return true;
}

// Repeated keyword names (and __debug__=) are compile-time errors in calls and class
// definitions (CPython's validate_keywords); `loc` is the call's or class's position.
bool Compiler::validate_keywords(const NodeList& keywords, Location loc) {
  for (uint32_t i = 0; i < keywords.size; i++) {
    auto* k = static_cast<keyword*>(keywords[i]);
    if (!k->arg.present()) continue;
    if (forbidden_name(sv(k->arg), ExprContext::Store, loc)) return false;
    for (uint32_t j = i + 1; j < keywords.size; j++) {
      auto* other = static_cast<keyword*>(keywords[j]);
      if (other->arg.present() && sv(other->arg) == sv(k->arg))
        return fail(loc_of(other), "keyword argument repeated: " + std::string(sv(k->arg)));
    }
  }
  return true;
}

bool Compiler::call(Call* e) {
  if (!validate_keywords(e->keywords, loc_of(e))) return false;
  // obj.meth(args): LOAD_METHOD keeps the bound-method allocation away.
  if (auto* meth = as<Attribute>(e->func); meth && meth->ctx == ExprContext::Load) {
    bool ok = true;
    if (auto* base = as<Name>(meth->value)) {
      if (symtable_->top->flags_of(sv(base->id)) & DEF_IMPORT) ok = false;
    }
    uint32_t argsl = e->args.size, kwdsl = e->keywords.size;
    if (argsl + kwdsl + (kwdsl != 0) >= static_cast<uint32_t>(kStackUseGuideline)) ok = false;
    for (Node* a : e->args)
      if (a->kind == Kind::Starred) ok = false;
    for (Node* k : e->keywords)
      if (!static_cast<keyword*>(k)->arg.present()) ok = false;
    if (ok) {
      Location loc = loc_of(meth);
      bool done;
      if (!try_super_method_call(meth, true, loc, done)) return false;
      if (!done) {
        if (!expr(meth->value)) return false;
        emit(op::LOAD_METHOD, add_name_mangled(sv(meth->attr)), attr_loc(meth, loc));
      }
      for (Node* a : e->args)
        if (!expr(a)) return false;
      if (kwdsl) {
        Const names;
        names.tag = ConstTag::Tuple;
        for (Node* k : e->keywords) {
          auto* kw = static_cast<keyword*>(k);
          if (!expr(kw->value)) return false;
          names.items.push_back(str_const(sv(kw->arg)));
        }
        emit(op::KW_NAMES, add_const(std::move(names)), loc);
      }
      emit(op::CALL, static_cast<int>(argsl + kwdsl), attr_loc(meth, loc_of(e)));
      return true;
    }
  }
  Location floc = loc_of(e->func);
  if (auto* n = as<Name>(e->func)) {
    if (!load_name_for_call(sv(n->id), floc)) return false;
  } else {
    emit(op::PUSH_NULL, floc);
    if (!expr(e->func)) return false;
  }
  return call_helper(loc_of(e), 0, e->args, e->keywords);
}

// -- f-strings ------------------------------------------------------------------------

bool Compiler::joined_str(JoinedStr* e) {
  Location loc = loc_of(e);
  uint32_t n = e->values.size;
  if (n > static_cast<uint32_t>(kStackUseGuideline)) {
    load_const(str_const(""), loc);
    emit(op::LOAD_METHOD, add_name("join"), loc);
    emit(op::BUILD_LIST, 0, loc);
    for (Node* v : e->values) {
      if (!expr(v)) return false;
      emit(op::LIST_APPEND, 1, loc);
    }
    emit(op::CALL, 1, loc);
    return true;
  }
  for (Node* v : e->values)
    if (!expr(v)) return false;
  if (n != 1) emit(op::BUILD_STRING, static_cast<int>(n), loc);
  return true;
}

bool Compiler::formatted_value(FormattedValue* e) {
  if (!expr(e->value)) return false;
  int oparg = FVC_NONE;
  switch (e->conversion) {
    case 's': oparg = FVC_STR; break;
    case 'r': oparg = FVC_REPR; break;
    case 'a': oparg = FVC_ASCII; break;
    default: break;
  }
  if (e->format_spec) {
    if (!expr(e->format_spec)) return false;
    oparg |= FVS_HAVE_SPEC;
  }
  emit(op::FORMAT_VALUE, oparg, loc_of(e));
  return true;
}

// -- Comprehensions (3.11: a nested function called with the first iterator) -----------

bool Compiler::comprehension_element(Node* elt, Node* val, Kind kind, int depth, Location loc) {
  switch (kind) {
    case Kind::GeneratorExp:
      if (!expr(elt)) return false;
      emit_yield(loc);
      emit(op::POP_TOP, loc);
      return true;
    case Kind::ListComp:
      if (!expr(elt)) return false;
      emit(op::LIST_APPEND, depth + 1, loc);
      return true;
    case Kind::SetComp:
      if (!expr(elt)) return false;
      emit(op::SET_ADD, depth + 1, loc);
      return true;
    default:  // DictComp: the key is evaluated before the value
      if (!expr(elt) || !expr(val)) return false;
      emit(op::MAP_ADD, depth + 1, loc);
      return true;
  }
}

bool Compiler::comprehension_generator(const NodeList& gens, uint32_t index, int depth,
                                       Node* elt, Node* val, Kind kind) {
  auto* gen = static_cast<ast::comprehension*>(gens[index]);
  if (gen->is_async) return async_comprehension_generator(gens, index, depth, elt, val, kind);
  return sync_comprehension_generator(gens, index, depth, elt, val, kind);
}

bool Compiler::sync_comprehension_generator(const NodeList& gens, uint32_t index, int depth,
                                            Node* elt, Node* val, Kind kind) {
  auto* gen = static_cast<ast::comprehension*>(gens[index]);
  Location loc = loc_of(elt);
  int start = new_label(), if_cleanup = new_label(), anchor = new_label();
  bool loop = true;
  if (index == 0) {
    u().argcount = 1;  // the outermost iterator, passed as `.0`
    emit(op::LOAD_FAST, 0, loc);
  } else {
    // `for y in [f(x)]`: bind y once, without a loop.
    NodeList elts{};
    if (auto* l = as<List>(gen->iter)) elts = l->elts;
    else if (auto* t = as<Tuple>(gen->iter)) elts = t->elts;
    Const folded;
    if (elts.size == 1 && elts[0]->kind != Kind::Starred && !fold(elts[0], folded)) {
      if (!expr(elts[0])) return false;
      loop = false;
    } else {
      if (!iter_expr(gen->iter)) return false;
      emit(op::GET_ITER, loc);
    }
  }
  if (loop) {
    depth++;
    bind(start);
    emit_jump(op::FOR_ITER, anchor, loc);
  }
  if (!expr(gen->target)) return false;
  for (Node* cond : gen->ifs)
    if (!jump_if(cond, if_cleanup, false)) return false;
  if (index + 1 < gens.size) {
    if (!comprehension_generator(gens, index + 1, depth, elt, val, kind)) return false;
  } else if (!comprehension_element(elt, val, kind, depth, loc)) {
    return false;
  }
  bind(if_cleanup);
  if (loop) {
    emit_jump(op::JUMP, start, loc);
    bind(anchor);
    emit(op::END_FOR, loc);
  }
  return true;
}

bool Compiler::async_comprehension_generator(const NodeList& gens, uint32_t index, int depth,
                                             Node* elt, Node* val, Kind kind) {
  auto* gen = static_cast<ast::comprehension*>(gens[index]);
  Location loc = loc_of(elt);
  int start = new_label(), except = new_label(), if_cleanup = new_label();
  if (index == 0) {
    u().argcount = 1;
    emit(op::LOAD_FAST, 0, loc);
  } else {
    if (!iter_expr(gen->iter)) return false;
    emit(op::GET_AITER, loc);
  }
  bind(start);
  if (!push_fblock(loc, FBlock{FBlockKind::AsyncComprehensionGenerator, start})) return false;
  emit_jump(op::SETUP_FINALLY, except, loc);
  emit(op::GET_ANEXT, loc);
  load_none(loc);
  if (!add_yield_from(loc, true)) return false;
  emit(op::POP_BLOCK, loc);
  if (!expr(gen->target)) return false;
  for (Node* cond : gen->ifs)
    if (!jump_if(cond, if_cleanup, false)) return false;
  depth++;
  if (index + 1 < gens.size) {
    if (!comprehension_generator(gens, index + 1, depth, elt, val, kind)) return false;
  } else if (!comprehension_element(elt, val, kind, depth, loc)) {
    return false;
  }
  bind(if_cleanup);
  emit_jump(op::JUMP, start, loc);
  pop_fblock();
  bind(except);
  emit(op::END_ASYNC_FOR, loc);
  return true;
}

bool Compiler::comprehension(Node* e) {
  Location loc = loc_of(e);
  Node* elt = nullptr;
  Node* val = nullptr;
  NodeList gens;
  const char* name;
  uint16_t build = 0;
  switch (e->kind) {
    case Kind::ListComp: {
      auto* c = static_cast<ListComp*>(e);
      elt = c->elt; gens = c->generators; name = "<listcomp>"; build = op::BUILD_LIST;
      break;
    }
    case Kind::SetComp: {
      auto* c = static_cast<SetComp*>(e);
      elt = c->elt; gens = c->generators; name = "<setcomp>"; build = op::BUILD_SET;
      break;
    }
    case Kind::DictComp: {
      auto* c = static_cast<DictComp*>(e);
      elt = c->key; val = c->value; gens = c->generators; name = "<dictcomp>";
      build = op::BUILD_MAP;
      break;
    }
    default: {
      auto* c = static_cast<GeneratorExp*>(e);
      elt = c->elt; gens = c->generators; name = "<genexpr>";
      break;
    }
  }
  auto* outermost = static_cast<ast::comprehension*>(gens[0]);
  Scope* ste = symtable_->scope_for(e);
  bool is_async_generator = ste && ste->coroutine;
  if (is_async_generator && e->kind != Kind::GeneratorExp &&
      u().kind != UnitKind::AsyncFunction && u().kind != UnitKind::Comprehension)
    return fail(loc, "asynchronous comprehension outside of an asynchronous function");

  if (!enter_scope(name, UnitKind::Comprehension, e, e->lineno)) return false;
  if (e->kind == Kind::GeneratorExp) {
    // PEP 479 for generator expressions too (see enter_scope); the handler must
    // cover the RESUME the prefix just emitted.
    std::vector<Instr>& instrs = u().seq.instrs();
    u().stopiteration_handler = new_label();
    Instr resume = instrs.back();
    instrs.pop_back();
    emit_jump(op::SETUP_CLEANUP, u().stopiteration_handler, kNoLocation);
    instrs.push_back(resume);
  }
  bool ok = true;
  if (build) emit(build, 0, loc);
  ok = comprehension_generator(gens, 0, 0, elt, val, e->kind);
  if (ok && build) emit(op::RETURN_VALUE, loc);
  auto code = leave_scope();
  if (!ok || !code) return false;
  if (!make_closure(code, 0, loc)) return false;
  if (!iter_expr(outermost->iter)) return false;
  emit(outermost->is_async ? op::GET_AITER : op::GET_ITER, loc);
  emit(op::CALL, 0, loc);
  if (is_async_generator && e->kind != Kind::GeneratorExp) {
    emit(op::GET_AWAITABLE, AWAITABLE_PLAIN, loc);
    load_none(loc);
    if (!add_yield_from(loc, true)) return false;
  }
  return true;
}

// -- 'fmt' % (args) as an f-string ------------------------------------------------------

// CPython 3.12's ast_opt optimize_format: `"literal %s text %r" % (a, b)` with a tuple
// display (not all constants) and only %s / %r / %a conversions (optional '-' flag,
// width and precision of at most two digits) compiles as the f-string it is equal to.
// `done` is false when the format does not qualify.
bool Compiler::percent_format(BinOp* b, bool& done) {
  done = false;
  auto* fmt_node = as<Constant>(b->left);
  auto* args = as<Tuple>(b->right);
  if (b->op != OperatorKind::Mod || !fmt_node || fmt_node->value.kind != ConstKind::Str || !args)
    return true;
  Const folded;
  if (fold(args, folded)) return true;
  for (Node* a : args->elts)
    if (a->kind == Kind::Starred) return true;
  std::string_view fmt = sv(fmt_node->value.text);
  struct Piece {
    std::string literal;  // when arg is null
    Node* arg = nullptr;
    int conversion = 0;
    std::string spec;
  };
  std::vector<Piece> pieces;
  size_t pos = 0, used = 0;
  while (true) {
    std::string lit;
    while (pos < fmt.size()) {
      if (fmt[pos] != '%') {
        lit += fmt[pos++];
      } else if (pos + 1 < fmt.size() && fmt[pos + 1] == '%') {
        lit += '%';
        pos += 2;
      } else {
        break;
      }
    }
    if (!lit.empty()) {
      Piece p;
      p.literal = std::move(lit);
      pieces.push_back(std::move(p));
    }
    if (pos >= fmt.size()) break;
    if (used >= args->elts.size) return true;
    // A conversion: %[flags][width][.prec]spec
    pos++;
    bool ljust = false;
    int width = -1, prec = -1;
    auto next = [&](char& ch) {
      if (pos >= fmt.size()) return false;
      ch = fmt[pos++];
      return true;
    };
    char ch;
    if (!next(ch)) return true;
    while (ch == '-' || ch == '+' || ch == ' ' || ch == '#' || ch == '0') {
      if (ch == '-') ljust = true;  // '+', ' ', '#', '0' do not change %s/%r/%a output
      if (!next(ch)) return true;
    }
    if (ch >= '0' && ch <= '9') {
      width = 0;
      int digits = 0;
      while (ch >= '0' && ch <= '9') {
        width = width * 10 + (ch - '0');
        if (!next(ch) || ++digits >= 3) return true;
      }
    }
    if (ch == '.') {
      if (!next(ch)) return true;
      prec = 0;
      int digits = 0;
      while (ch >= '0' && ch <= '9') {
        prec = prec * 10 + (ch - '0');
        if (!next(ch) || ++digits >= 3) return true;
      }
    }
    if (ch != 's' && ch != 'r' && ch != 'a') return true;
    Piece p;
    p.arg = args->elts[used++];
    p.conversion = ch;
    if (!ljust && width > 0) p.spec += '>';
    if (width >= 0) p.spec += std::to_string(width);
    if (prec >= 0) p.spec += "." + std::to_string(prec);
    pieces.push_back(std::move(p));
  }
  if (used < args->elts.size) return true;
  done = true;
  Location loc = loc_of(b);
  for (Piece& p : pieces) {
    if (!p.arg) {
      // ast_opt's literal pieces have no position: they take the one before them.
      load_const(str_const(p.literal), kNoLocation);
      continue;
    }
    if (!expr(p.arg)) return false;
    int oparg = p.conversion == 's' ? FVC_STR : p.conversion == 'r' ? FVC_REPR : FVC_ASCII;
    if (!p.spec.empty()) {
      load_const(str_const(p.spec), kNoLocation);
      oparg |= FVS_HAVE_SPEC;
    }
    emit(op::FORMAT_VALUE, oparg, loc_of(p.arg));
  }
  if (pieces.size() > 1) emit(op::BUILD_STRING, static_cast<int>(pieces.size()), loc);
  else if (pieces.empty()) load_const(str_const(""), loc);
  return true;
}

// -- Expressions --------------------------------------------------------------------

bool Compiler::expr(Node* e) {
  if (failed_) return false;
  Location loc = loc_of(e);
  switch (e->kind) {
    case Kind::Constant:
      load_const(const_of(static_cast<Constant*>(e)->value), loc);
      return true;
    case Kind::Name: {
      auto* n = static_cast<Name*>(e);
      if (n->ctx == ExprContext::Load && sv(n->id) == "__debug__") {
        Const c;
        c.tag = options_.optimize ? ConstTag::False : ConstTag::True;
        load_const(std::move(c), loc);
        return true;
      }
      return nameop(sv(n->id), n->ctx, loc);
    }
    case Kind::BoolOp: return boolop(static_cast<BoolOp*>(e));
    case Kind::NamedExpr: {
      auto* n = static_cast<NamedExpr*>(e);
      if (!expr(n->value)) return false;
      emit(op::COPY, 1, loc);
      return expr(n->target);
    }
    case Kind::BinOp: {
      Const folded;
      if (fold(e, folded)) {
        load_const(std::move(folded), loc);
        return true;
      }
      auto* b = static_cast<BinOp*>(e);
      bool done;
      if (!percent_format(b, done)) return false;
      if (done) return true;
      if (!expr(b->left) || !expr(b->right)) return false;
      emit(op::BINARY_OP, binary_oparg(b->op, false), loc);
      return true;
    }
    case Kind::UnaryOp: {
      Const folded;
      if (fold(e, folded)) {
        load_const(std::move(folded), loc);
        return true;
      }
      auto* un = static_cast<UnaryOp*>(e);
      // not (a is b) -> a is not b, and the like (CPython's ast_opt).
      if (un->op == UnaryOpKind::Not) {
        if (auto* c = as<Compare>(un->operand); c && c->ops.size == 1) {
          CmpOpKind k = c->ops[0], flipped = negated_identity_or_membership(k);
          if (flipped != k) {
            if (!expr(c->left) || !iter_expr(c->comparators[0])) return false;
            compare_op(flipped, loc_of(c));
            return true;
          }
        }
      }
      if (!expr(un->operand)) return false;
      switch (un->op) {
        case UnaryOpKind::Invert: emit(op::UNARY_INVERT, loc); break;
        case UnaryOpKind::Not: emit(op::UNARY_NOT, loc); break;
        case UnaryOpKind::UAdd: emit(op::CALL_INTRINSIC_1, INTRINSIC_UNARY_POSITIVE, loc); break;
        case UnaryOpKind::USub: emit(op::UNARY_NEGATIVE, loc); break;
      }
      return true;
    }
    case Kind::Lambda: return lambda(static_cast<Lambda*>(e));
    case Kind::IfExp: {
      auto* i = static_cast<IfExp*>(e);
      int end = new_label(), next = new_label();
      if (!jump_if(i->test, next, false)) return false;
      if (!expr(i->body)) return false;
      emit_jump(op::JUMP, end, kNoLocation);
      bind(next);
      if (!expr(i->orelse)) return false;
      bind(end);
      return true;
    }
    case Kind::Dict: return dict(static_cast<Dict*>(e));
    case Kind::Set:
      return starunpack(loc, static_cast<Set*>(e)->elts, 0, op::BUILD_SET, op::SET_ADD,
                        op::SET_UPDATE, false);
    case Kind::ListComp: case Kind::SetComp: case Kind::DictComp: case Kind::GeneratorExp:
      return comprehension(e);
    case Kind::Yield: {
      if (u().ste->type != BlockType::Function) return fail(loc, "'yield' outside function");
      auto* y = static_cast<Yield*>(e);
      if (y->value) {
        if (!expr(y->value)) return false;
      } else {
        load_none(loc);
      }
      emit_yield(loc);
      return true;
    }
    case Kind::YieldFrom: {
      if (u().ste->type != BlockType::Function) return fail(loc, "'yield' outside function");
      if (u().kind == UnitKind::AsyncFunction)
        return fail(loc, "'yield from' inside async function");
      if (!expr(static_cast<YieldFrom*>(e)->value)) return false;
      emit(op::GET_YIELD_FROM_ITER, loc);
      load_none(loc);
      return add_yield_from(loc, false);
    }
    case Kind::Await: {
      if (!is_function_like()) return fail(loc, "'await' outside function");
      if (u().kind != UnitKind::AsyncFunction && u().kind != UnitKind::Comprehension)
        return fail(loc, "'await' outside async function");
      if (!expr(static_cast<Await*>(e)->value)) return false;
      emit(op::GET_AWAITABLE, AWAITABLE_PLAIN, loc);
      load_none(loc);
      return add_yield_from(loc, true);
    }
    case Kind::Compare: return compare(static_cast<Compare*>(e));
    case Kind::Call: return call(static_cast<Call*>(e));
    case Kind::FormattedValue: return formatted_value(static_cast<FormattedValue*>(e));
    case Kind::JoinedStr: return joined_str(static_cast<JoinedStr*>(e));
    case Kind::Attribute: return attribute(static_cast<Attribute*>(e));
    case Kind::Subscript: {
      Const folded;
      if (static_cast<Subscript*>(e)->ctx == ExprContext::Load && fold(e, folded)) {
        load_const(std::move(folded), loc);
        return true;
      }
      return subscript(static_cast<Subscript*>(e));
    }
    case Kind::Starred: {
      auto* s = static_cast<Starred*>(e);
      if (s->ctx == ExprContext::Store)
        return fail(loc, "starred assignment target must be in a list or tuple");
      return fail(loc, "can't use starred expression here");
    }
    case Kind::List: {
      auto* l = static_cast<List*>(e);
      if (l->ctx == ExprContext::Store) return unpack_assign(loc, l->elts);
      if (l->ctx == ExprContext::Del) {
        for (Node* elt : l->elts)
          if (!expr(elt)) return false;
        return true;
      }
      return starunpack(loc, l->elts, 0, op::BUILD_LIST, op::LIST_APPEND, op::LIST_EXTEND, false);
    }
    case Kind::Tuple: {
      auto* t = static_cast<Tuple*>(e);
      if (t->ctx == ExprContext::Store) return unpack_assign(loc, t->elts);
      if (t->ctx == ExprContext::Del) {
        for (Node* elt : t->elts)
          if (!expr(elt)) return false;
        return true;
      }
      Const folded;
      if (fold(e, folded)) {
        load_const(std::move(folded), loc);
        return true;
      }
      return starunpack(loc, t->elts, 0, op::BUILD_LIST, op::LIST_APPEND, op::LIST_EXTEND, true);
    }
    case Kind::Slice: {
      int n = slice_parts(static_cast<Slice*>(e));
      if (n < 0) return false;
      emit(op::BUILD_SLICE, n, loc);
      return true;
    }
    default:
      return fail(loc, "internal compiler error: unexpected expression");
  }
}

}  // namespace strata::compiler_detail
