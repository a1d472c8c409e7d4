// frontend/compile_match.cpp — match statements (PEP 634), as CPython 3.12's
// compiler_match: the subject stays on the stack while each case's pattern is tested
// with MATCH_SEQUENCE / MATCH_MAPPING / MATCH_CLASS / comparisons; captured values are
// kept on the stack and bound only once the whole pattern has matched. On failure a
// pattern jumps to one of the case's "fail_pop" labels, which pops exactly what that
// point of the pattern had pushed.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "frontend/compiler_impl.h"
#include "frontend/pyrepr.h"

namespace strata::compiler_detail {

using namespace ast;

namespace {

struct PatternContext {
  std::vector<std::string> stores;  // names to bind on success, in stack order
  bool allow_irrefutable = false;
  std::vector<int> fail_pop;  // fail_pop[n]: pops n items, then fails the case
  int on_top = 0;             // items above the captures that a failure must pop
};

bool is_wildcard(Node* p) {
  auto* a = as<MatchAs>(p);
  return a && !a->pattern && !a->name.present();
}
bool is_star_wildcard(Node* p) {
  auto* s = as<MatchStar>(p);
  return s && !s->name.present();
}

class PatternCompiler {
 public:
  explicit PatternCompiler(Compiler& c) : c_(c) {}

  // CPython 3.11 reports pattern errors at its compiler's "current location": the last
  // pattern it started compiling (SET_LOC, never restored), which for an error found
  // after a sub-pattern is that sub-pattern. Expressions inside patterns do restore it.
  Location cur_ = kNoLocation;

  void ensure_fail_pop(PatternContext& pc, size_t n) {
    while (pc.fail_pop.size() < n + 1) pc.fail_pop.push_back(c_.new_label());
  }

  bool jump_to_fail_pop(PatternContext& pc, Location loc, uint16_t opcode) {
    size_t pops = pc.on_top + pc.stores.size();
    ensure_fail_pop(pc, pops);
    c_.emit_jump(opcode, pc.fail_pop[pops], loc);
    return true;
  }

  void emit_and_reset_fail_pop(PatternContext& pc, Location loc) {
    if (pc.fail_pop.empty()) return;
    for (size_t i = pc.fail_pop.size() - 1; i > 0; i--) {
      c_.bind(pc.fail_pop[i]);
      c_.emit(op::POP_TOP, loc);
    }
    c_.bind(pc.fail_pop[0]);
    pc.fail_pop.clear();
  }

  void rotate(Location loc, int count) {
    while (count > 1) c_.emit(op::SWAP, count--, loc);
  }

  bool store_name(PatternContext& pc, Location loc, Str name) {
    if (!name.present()) {
      c_.emit(op::POP_TOP, loc);
      return true;
    }
    std::string n(sv(name));
    if (c_.forbidden_name(n, ExprContext::Store, cur_)) return false;
    if (std::find(pc.stores.begin(), pc.stores.end(), n) != pc.stores.end())
      return c_.fail(cur_, "multiple assignments to name '" + n + "' in pattern");
    rotate(loc, pc.on_top + static_cast<int>(pc.stores.size()) + 1);
    pc.stores.push_back(std::move(n));
    return true;
  }

  bool subpattern(Node* p, PatternContext& pc) {
    bool allow = pc.allow_irrefutable;
    pc.allow_irrefutable = true;
    if (!pattern(p, pc)) return false;
    pc.allow_irrefutable = allow;
    return true;
  }

  bool unpack(Location loc, const NodeList& elts) {
    uint32_t n = elts.size;
    bool seen_star = false;
    for (uint32_t i = 0; i < n; i++) {
      if (elts[i]->kind != Kind::MatchStar) continue;
      if (seen_star) return c_.fail(cur_, "multiple starred expressions in sequence pattern");
      int oparg;
      if (!unpack_ex_oparg(i, n, oparg))
        return c_.fail(cur_, "too many expressions in star-unpacking sequence pattern");
      c_.emit(op::UNPACK_EX, oparg, loc);
      seen_star = true;
    }
    if (!seen_star) c_.emit(op::UNPACK_SEQUENCE, static_cast<int>(n), loc);
    return true;
  }

  bool sequence_unpack(Location loc, const NodeList& patterns, PatternContext& pc) {
    if (!unpack(loc, patterns)) return false;
    pc.on_top += patterns.size;
    for (Node* p : patterns) {
      pc.on_top--;
      if (!subpattern(p, pc)) return false;
    }
    return true;
  }

  // [first, *_, last]: index the subject instead of unpacking it.
  bool sequence_subscr(Location loc, const NodeList& patterns, int star, PatternContext& pc) {
    pc.on_top++;
    int size = static_cast<int>(patterns.size);
    for (int i = 0; i < size; i++) {
      Node* p = patterns[i];
      if (is_wildcard(p) || i == star) continue;
      c_.emit(op::COPY, 1, loc);
      Const index;
      index.tag = ConstTag::Int;
      if (i < star) {
        index.i = i;
        c_.load_const(index, loc);
      } else {
        // The subject may not support negative indexes.
        c_.emit(op::GET_LEN, loc);
        index.i = size - i;
        c_.load_const(index, loc);
        c_.emit(op::BINARY_OP, NB_SUBTRACT, loc);
      }
      c_.emit(op::BINARY_SUBSCR, loc);
      if (!subpattern(p, pc)) return false;
    }
    pc.on_top--;
    c_.emit(op::POP_TOP, loc);
    return true;
  }

  bool pattern_as(MatchAs* p, PatternContext& pc) {
    Location loc = loc_of(p);
    if (!p->pattern) {
      if (!pc.allow_irrefutable) {
        if (p->name.present())
          return c_.fail(cur_, "name capture '" + std::string(sv(p->name)) +
                                  "' makes remaining patterns unreachable");
        return c_.fail(cur_, "wildcard makes remaining patterns unreachable");
      }
      return store_name(pc, loc, p->name);
    }
    pc.on_top++;
    c_.emit(op::COPY, 1, loc);
    if (!pattern(p->pattern, pc)) return false;
    pc.on_top--;
    return store_name(pc, loc, p->name);
  }

  bool pattern_class(MatchClass* p, PatternContext& pc) {
    Location loc = loc_of(p);
    uint32_t nargs = p->patterns.size, nattrs = p->kwd_attrs.size;
    if (nattrs != p->kwd_patterns.size)
      return c_.fail(cur_, "kwd_attrs / kwd_patterns length mismatch in class pattern");
    for (uint32_t i = 0; i < nattrs; i++) {
      std::string_view attr = sv(p->kwd_attrs[i]);
      // The keyword names have no nodes of their own: 3.11 moves its location to the
      // keyword's pattern (and leaves it there).
      cur_ = loc_of(p->kwd_patterns[i]);
      if (c_.forbidden_name(attr, ExprContext::Store, cur_)) return false;
      for (uint32_t j = i + 1; j < nattrs; j++) {
        if (sv(p->kwd_attrs[j]) == attr) {
          cur_ = loc_of(p->kwd_patterns[j]);
          return c_.fail(cur_, "attribute name repeated in class pattern: " + std::string(attr));
        }
      }
    }
    if (!c_.expr(p->cls)) return false;
    Const names;
    names.tag = ConstTag::Tuple;
    for (uint32_t i = 0; i < nattrs; i++) {
      Const s;
      s.tag = ConstTag::Str;
      s.text.assign(sv(p->kwd_attrs[i]));
      names.items.push_back(std::move(s));
    }
    c_.load_const(std::move(names), loc);
    c_.emit(op::MATCH_CLASS, static_cast<int>(nargs), loc);
    c_.emit(op::COPY, 1, loc);
    c_.load_none(loc);
    c_.emit(op::IS_OP, TEST_INVERTED, loc);
    pc.on_top++;  // the tuple of attributes (or None)
    if (!jump_to_fail_pop(pc, loc, op::POP_JUMP_IF_FALSE)) return false;
    c_.emit(op::UNPACK_SEQUENCE, static_cast<int>(nargs + nattrs), loc);
    pc.on_top += static_cast<int>(nargs + nattrs) - 1;
    for (uint32_t i = 0; i < nargs + nattrs; i++) {
      pc.on_top--;
      Node* sub = i < nargs ? p->patterns[i] : p->kwd_patterns[i - nargs];
      if (is_wildcard(sub)) {
        c_.emit(op::POP_TOP, loc);
        continue;
      }
      if (!subpattern(sub, pc)) return false;
    }
    return true;
  }

  // A key for duplicate detection with Python's equality of numbers (1 == 1.0 == True).
  static std::string key_identity(const Const& k) {
    // (Appending to a std::string rather than "n" + to_string() also avoids a GCC 12
    // -Wrestrict false positive.)
    std::string id = "n";
    switch (k.tag) {
      case ConstTag::True: id += '1'; return id;
      case ConstTag::False: id += '0'; return id;
      case ConstTag::Int: id += std::to_string(k.i); return id;
      case ConstTag::Float:
        if (std::abs(k.re) < 9e18 && k.re == static_cast<double>(static_cast<int64_t>(k.re))) {
          id += std::to_string(static_cast<int64_t>(k.re));
          return id;
        }
        return const_key(k);
      default: return const_key(k);
    }
  }

  static std::string const_repr(const Const& k) {
    std::string out;
    switch (k.tag) {
      case ConstTag::None: return "None";
      case ConstTag::True: return "True";
      case ConstTag::False: return "False";
      case ConstTag::Ellipsis: return "Ellipsis";
      case ConstTag::Int: return std::to_string(k.i);
      case ConstTag::BigInt: append_repr_int_text(out, k.text); return out;
      case ConstTag::Float: append_repr_float(out, k.re); return out;
      case ConstTag::Str: append_repr_str(out, k.text); return out;
      case ConstTag::Bytes: append_repr_bytes(out, k.text); return out;
      case ConstTag::Complex: {
        if (k.re == 0 && !std::signbit(k.re)) {
          append_repr_complex(out, k.im);
          return out;
        }
        // complex.__repr__: each part as repr(float) without a forced ".0", the
        // imaginary part always signed: (1+2j), (-0-1j).
        auto part = [](double v) {
          std::string t;
          append_repr_float(t, v);
          if (t.size() > 2 && t.compare(t.size() - 2, 2, ".0") == 0) t.resize(t.size() - 2);
          return t;
        };
        std::string im = part(k.im);
        out = "(";
        out += part(k.re);
        if (im[0] != '-') out += '+';
        out += im;
        out += "j)";
        return out;
      }
      default: return "...";
    }
  }

  bool pattern_mapping(MatchMapping* p, PatternContext& pc) {
    Location loc = loc_of(p);
    uint32_t size = p->keys.size;
    if (size != p->patterns.size)
      return c_.fail(cur_, "keys / patterns length mismatch in mapping pattern");
    pc.on_top++;
    c_.emit(op::MATCH_MAPPING, loc);
    if (!jump_to_fail_pop(pc, loc, op::POP_JUMP_IF_FALSE)) return false;
    if (!size && !p->rest.present()) {
      pc.on_top--;
      c_.emit(op::POP_TOP, loc);
      return true;
    }
    if (size) {
      c_.emit(op::GET_LEN, loc);
      Const n;
      n.tag = ConstTag::Int;
      n.i = size;
      c_.load_const(n, loc);
      c_.compare_op(CmpOpKind::GtE, loc);
      if (!jump_to_fail_pop(pc, loc, op::POP_JUMP_IF_FALSE)) return false;
    }
    std::vector<std::string> seen;
    for (uint32_t i = 0; i < size; i++) {
      Node* key = p->keys[i];
      if (!key) {
        cur_ = loc_of(p->patterns[i]);
        return c_.fail(cur_, "can't use NULL keys in MatchMapping (set 'rest' parameter instead)");
      }
      Const folded;
      if (c_.fold(key, folded)) {
        std::string id = key_identity(folded);
        if (std::find(seen.begin(), seen.end(), id) != seen.end())
          return c_.fail(cur_, "mapping pattern checks duplicate key (" + const_repr(folded) + ")");
        seen.push_back(std::move(id));
        c_.load_const(std::move(folded), loc_of(key));
      } else if (key->kind == Kind::Attribute) {
        if (!c_.expr(key)) return false;
      } else {
        return c_.fail(cur_, "mapping pattern keys may only match literals and attribute lookups");
      }
    }
    c_.build_tuple(static_cast<int>(size), loc);
    c_.emit(op::MATCH_KEYS, loc);
    pc.on_top += 2;  // the keys and the values (or None)
    c_.emit(op::COPY, 1, loc);
    c_.load_none(loc);
    c_.emit(op::IS_OP, TEST_INVERTED, loc);
    if (!jump_to_fail_pop(pc, loc, op::POP_JUMP_IF_FALSE)) return false;
    c_.emit(op::UNPACK_SEQUENCE, static_cast<int>(size), loc);
    pc.on_top += static_cast<int>(size) - 1;
    for (uint32_t i = 0; i < size; i++) {
      pc.on_top--;
      if (!subpattern(p->patterns[i], pc)) return false;
    }
    pc.on_top -= 2;
    if (p->rest.present()) {
      // rest = dict(subject); del rest[k] for each key
      c_.emit(op::BUILD_MAP, 0, loc);
      c_.emit(op::SWAP, 3, loc);
      c_.emit(op::DICT_UPDATE, 2, loc);
      c_.emit(op::UNPACK_SEQUENCE, static_cast<int>(size), loc);
      for (int s = static_cast<int>(size); s > 0; s--) {
        c_.emit(op::COPY, 1 + s, loc);
        c_.emit(op::SWAP, 2, loc);
        c_.emit(op::DELETE_SUBSCR, loc);
      }
      return store_name(pc, loc, p->rest);
    }
    c_.emit(op::POP_TOP, loc);  // the keys
    c_.emit(op::POP_TOP, loc);  // the subject
    return true;
  }

  bool pattern_or(MatchOr* p, PatternContext& pc) {
    Location loc = loc_of(p);
    int end = c_.new_label();
    uint32_t size = p->patterns.size;
    PatternContext old = pc;
    std::vector<std::string> control;
    for (uint32_t i = 0; i < size; i++) {
      Node* alt = p->patterns[i];
      Location aloc = loc_of(alt);
      pc.stores.clear();
      pc.allow_irrefutable = i == size - 1 && old.allow_irrefutable;
      pc.fail_pop.clear();
      pc.on_top = 0;
      c_.emit(op::COPY, 1, aloc);
      if (!pattern(alt, pc)) return false;
      size_t nstores = pc.stores.size();
      if (i == 0) {
        control = pc.stores;
      } else if (nstores != control.size()) {
        return c_.fail(cur_, "alternative patterns bind different names");
      } else if (nstores) {
        // Reorder this alternative's captures to the first alternative's order.
        for (size_t icontrol = nstores; icontrol-- > 0;) {
          auto it = std::find(pc.stores.begin(), pc.stores.end(), control[icontrol]);
          if (it == pc.stores.end())
            return c_.fail(cur_, "alternative patterns bind different names");
          size_t istores = it - pc.stores.begin();
          if (icontrol != istores) {
            size_t rotations = istores + 1;
            std::vector<std::string> rotated(pc.stores.begin(), pc.stores.begin() + rotations);
            pc.stores.erase(pc.stores.begin(), pc.stores.begin() + rotations);
            pc.stores.insert(pc.stores.begin() + (icontrol - istores), rotated.begin(),
                             rotated.end());
            while (rotations--) rotate(aloc, static_cast<int>(icontrol) + 1);
          }
        }
      }
      c_.emit_jump(op::JUMP, end, aloc);
      emit_and_reset_fail_pop(pc, aloc);
    }
    pc = old;
    // No alternative matched: pop the copy of the subject and fail.
    c_.emit(op::POP_TOP, loc);
    if (!jump_to_fail_pop(pc, loc, op::JUMP)) return false;
    c_.bind(end);
    int nstores = static_cast<int>(control.size());
    int nrots = nstores + 1 + pc.on_top + static_cast<int>(pc.stores.size());
    for (int i = 0; i < nstores; i++) {
      rotate(loc, nrots);
      const std::string& name = control[i];
      if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end())
        return c_.fail(cur_, "multiple assignments to name '" + name + "' in pattern");
      pc.stores.push_back(name);
    }
    c_.emit(op::POP_TOP, loc);  // the copy of the subject
    return true;
  }

  bool pattern_sequence(MatchSequence* p, PatternContext& pc) {
    Location loc = loc_of(p);
    const NodeList& patterns = p->patterns;
    int size = static_cast<int>(patterns.size);
    int star = -1;
    bool only_wildcard = true, star_wildcard = false;
    for (int i = 0; i < size; i++) {
      Node* sub = patterns[i];
      if (sub->kind == Kind::MatchStar) {
        if (star >= 0) return c_.fail(cur_, "multiple starred names in sequence pattern");
        star_wildcard = is_star_wildcard(sub);
        only_wildcard &= star_wildcard;
        star = i;
        continue;
      }
      only_wildcard &= is_wildcard(sub);
    }
    pc.on_top++;
    c_.emit(op::MATCH_SEQUENCE, loc);
    if (!jump_to_fail_pop(pc, loc, op::POP_JUMP_IF_FALSE)) return false;
    Const n;
    n.tag = ConstTag::Int;
    if (star < 0) {
      c_.emit(op::GET_LEN, loc);
      n.i = size;
      c_.load_const(n, loc);
      c_.compare_op(CmpOpKind::Eq, loc);
      if (!jump_to_fail_pop(pc, loc, op::POP_JUMP_IF_FALSE)) return false;
    } else if (size > 1) {  // len(subject) >= size - 1 (always true for [*x])
      c_.emit(op::GET_LEN, loc);
      n.i = size - 1;
      c_.load_const(n, loc);
      c_.compare_op(CmpOpKind::GtE, loc);
      if (!jump_to_fail_pop(pc, loc, op::POP_JUMP_IF_FALSE)) return false;
    }
    pc.on_top--;
    if (only_wildcard) {
      c_.emit(op::POP_TOP, loc);
      return true;
    }
    if (star_wildcard) return sequence_subscr(loc, patterns, star, pc);
    return sequence_unpack(loc, patterns, pc);
  }

  bool pattern_value(MatchValue* p, PatternContext& pc) {
    Location loc = loc_of(p);
    Const folded;
    if (c_.fold(p->value, folded)) {
      c_.load_const(std::move(folded), loc_of(p->value));
    } else if (p->value->kind == Kind::Attribute) {
      if (!c_.expr(p->value)) return false;
    } else {
      return c_.fail(cur_, "patterns may only match literals and attribute lookups");
    }
    c_.compare_op(CmpOpKind::Eq, loc);
    return jump_to_fail_pop(pc, loc, op::POP_JUMP_IF_FALSE);
  }

  bool pattern(Node* p, PatternContext& pc) {
    cur_ = loc_of(p);
    switch (p->kind) {
      case Kind::MatchValue: return pattern_value(static_cast<MatchValue*>(p), pc);
      case Kind::MatchSingleton: {
        Location loc = loc_of(p);
        c_.load_const(Compiler::const_of(static_cast<MatchSingleton*>(p)->value), loc);
        c_.compare_op(CmpOpKind::Is, loc);
        return jump_to_fail_pop(pc, loc, op::POP_JUMP_IF_FALSE);
      }
      case Kind::MatchSequence: return pattern_sequence(static_cast<MatchSequence*>(p), pc);
      case Kind::MatchMapping: return pattern_mapping(static_cast<MatchMapping*>(p), pc);
      case Kind::MatchClass: return pattern_class(static_cast<MatchClass*>(p), pc);
      case Kind::MatchStar:
        return store_name(pc, loc_of(p), static_cast<MatchStar*>(p)->name);
      case Kind::MatchAs: return pattern_as(static_cast<MatchAs*>(p), pc);
      case Kind::MatchOr: return pattern_or(static_cast<MatchOr*>(p), pc);
      default: return c_.fail(loc_of(p), "internal compiler error: unexpected pattern");
    }
  }

 private:
  Compiler& c_;
};

}  // namespace

bool Compiler::stmt_match(Match* s) {
  PatternCompiler pcomp(*this);
  if (!expr(s->subject)) return false;
  int end = new_label();
  uint32_t cases = s->cases.size;
  auto* last = static_cast<match_case*>(s->cases[cases - 1]);
  bool has_default = is_wildcard(last->pattern) && cases > 1;
  for (uint32_t i = 0; i < cases - (has_default ? 1 : 0); i++) {
    auto* m = static_cast<match_case*>(s->cases[i]);
    Location ploc = loc_of(m->pattern);
    bool keep_subject = i != cases - (has_default ? 1 : 0) - 1;
    if (keep_subject) emit(op::COPY, 1, ploc);
    PatternContext pc;
    // Irrefutable cases must be either guarded, last, or both.
    pc.allow_irrefutable = m->guard != nullptr || i == cases - 1;
    if (!pcomp.pattern(m->pattern, pc)) return false;
    for (const std::string& name : pc.stores)
      if (!nameop(name, ExprContext::Store, ploc)) return false;
    if (m->guard) {
      pcomp.ensure_fail_pop(pc, 0);
      if (!jump_if(m->guard, pc.fail_pop[0], false)) return false;
    }
    if (keep_subject) emit(op::POP_TOP, ploc);
    if (!stmts(m->body)) return false;
    emit_jump(op::JUMP, end, kNoLocation);
    pcomp.emit_and_reset_fail_pop(pc, ploc);
  }
  if (has_default) {
    // A trailing `case _:` needs no copy of the subject and no test.
    Location ploc = loc_of(last->pattern);
    if (cases == 1) emit(op::POP_TOP, ploc);
    else emit(op::NOP, ploc);
    if (last->guard && !jump_if(last->guard, end, false)) return false;
    if (!stmts(last->body)) return false;
  }
  bind(end);
  return true;
}

}  // namespace strata::compiler_detail
