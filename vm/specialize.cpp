// vm/specialize.cpp — promotion to tier 1, quickening and the adaptive specializer (see
// vm/specialize.h for the counters and cache layouts, vm/instructions.def for the forms).
#include "vm/specialize.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "vm/abstract.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/runtime.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

OpcodeStats opcode_stats[256];

namespace {

// Thresholds; -X thresholds=1 makes every one of them as small as it can be.
uint32_t promote_after() { return options.thresholds_one ? 1 : 2; }  // executions
uint16_t warmup_value() { return options.thresholds_one ? 0 : 1; }
uint16_t cooldown_value() { return options.thresholds_one ? 0 : 52; }
constexpr int kMaxBackoff = 12;

struct FamilyStats {
  uint64_t specialized = 0, failed = 0, deopts = 0;
  std::map<std::string, uint64_t> failures;  // reason -> count
};
std::map<int, FamilyStats>& family_stats() {
  static std::map<int, FamilyStats> stats;
  return stats;
}
uint64_t promotions = 0;

Op op_at(const uint16_t* instr) { return static_cast<Op>(*instr & 0xFF); }

void set_op(uint16_t* cache, Op op) {
  cache[-1] = uint16_t((cache[-1] & 0xFF00) | static_cast<uint16_t>(op));
}

// Success: the instruction becomes `op`, its counter a cooldown.
bool specialized(uint16_t* cache, Op op) {
  if (options.stats) family_stats()[deopt(static_cast<int>(op))].specialized++;
  set_op(cache, op);
  cache[0] = uint16_t(cooldown_value() << 4);
  return true;
}

// Failure: the instruction is (again) its generic form `base`, and waits twice as long
// as last time before the next attempt.
bool failed(uint16_t* cache, Op base, const char* reason) {
  if (options.stats) {
    FamilyStats& fs = family_stats()[static_cast<int>(base)];
    fs.failed++;
    fs.failures[reason]++;
  }
  set_op(cache, base);
  int backoff = std::min(int(cache[0] & 15) + 1, kMaxBackoff);
  uint16_t value = options.thresholds_one ? 0 : uint16_t((1u << backoff) - 1);
  cache[0] = uint16_t(value << 4 | backoff);
  return false;
}

const char* type_kind(Value v) {
  if (v.is_small() || is_exact_int(v)) return "int";
  if (is_exact_float(v)) return "float";
  if (is_exact_str(v)) return "str";
  if (is_exact_list(v)) return "list";
  if (is_exact_tuple(v)) return "tuple";
  if (is_exact_dict(v)) return "dict";
  return "other";
}

// Superinstructions: the first of a fused pair, by the pair's opcodes.
Op fused(Op first, Op second) {
  if (first == Op::LOAD_FAST && second == Op::LOAD_FAST) return Op::LOAD_FAST__LOAD_FAST;
  if (first == Op::LOAD_FAST && second == Op::LOAD_CONST) return Op::LOAD_FAST__LOAD_CONST;
  if (first == Op::STORE_FAST && second == Op::LOAD_FAST) return Op::STORE_FAST__LOAD_FAST;
  if (first == Op::STORE_FAST && second == Op::STORE_FAST) return Op::STORE_FAST__STORE_FAST;
  return Op::CACHE;
}

// The writable copy of code's bytecode: counters armed, pairs fused.
uint16_t* quicken(CodeRT* code) {
  size_t n = code->units.size();
  uint16_t* q = static_cast<uint16_t*>(mem_alloc(n * sizeof(uint16_t)));
  if (!q) return nullptr;
  std::copy(code->units.begin(), code->units.end(), q);
  uint16_t warmup = uint16_t(warmup_value() << 4);
  for (size_t i = 0; i < n;) {
    Op op = op_at(q + i);
    int ncache = cache_size(static_cast<int>(op));
    if (ncache > 0) q[i + 1] = warmup;
    size_t next = i + 1 + size_t(ncache);
    if (ncache == 0 && next < n) {
      // The second instruction of a pair stays whole (a jump may land on it); the first
      // runs both and skips it. Not after EXTENDED_ARG of the second (it would sit
      // between them).
      Op f = fused(op, op_at(q + next));
      if (f != Op::CACHE) q[i] = uint16_t((q[i] & 0xFF00) | static_cast<uint16_t>(f));
    }
    i = next;
  }
  return q;
}

}  // namespace

void specialization_miss(uint16_t* cache, int opcode) {
  if (options.stats) opcode_stats[opcode].misses++;
  uint16_t c = cache[0];
  if (!counter_is_zero(c)) {
    cache[0] = counter_decrement(c);
    return;
  }
  int base = deopt(opcode);
  if (options.stats) family_stats()[base].deopts++;
  set_op(cache, static_cast<Op>(base));
  cache[0] = uint16_t(1 << 4 | (c & 15));  // the generic body counts this to 0
}

namespace {
bool promote(CodeRT* code) {
  if (!code->quickened) {
    code->quickened = quicken(code);
    if (!code->quickened) return false;  // no memory: stay at tier 0
    promotions++;
  }
  return true;
}
}  // namespace

const uint16_t* code_promote(CodeRT* code, uint8_t* tier) {
  *tier = 0;
  if (options.max_tier < 1) return code->units.data();
  if (++code->executions < promote_after() || !promote(code)) return code->units.data();
  *tier = 1;
  return code->quickened;
}

bool code_loop_is_hot(CodeRT* code) {
  // A code object that runs once (a module body, a function with a long loop) still gets
  // tier 1 where it loops: after this many iterations at tier 0.
  uint32_t hot = options.thresholds_one ? 1 : 64;
  if (options.max_tier < 1 || ++code->backedges < hot) return false;
  return promote(code);
}

// -- Families -----------------------------------------------------------------------------------

bool specialize_binary_op(uint16_t* cache, Value lhs, Value rhs, int oparg) {
  bool ints = lhs.is_small() && rhs.is_small();
  bool floats = is_exact_float(lhs) && is_exact_float(rhs);
  switch (oparg) {
    case NB_ADD:
    case NB_INPLACE_ADD:
      if (ints) return specialized(cache, Op::BINARY_OP_ADD_INT);
      if (floats) return specialized(cache, Op::BINARY_OP_ADD_FLOAT);
      if (is_exact_str(lhs) && is_exact_str(rhs)) return specialized(cache, Op::BINARY_OP_ADD_UNICODE);
      break;
    case NB_SUBTRACT:
    case NB_INPLACE_SUBTRACT:
      if (ints) return specialized(cache, Op::BINARY_OP_SUBTRACT_INT);
      if (floats) return specialized(cache, Op::BINARY_OP_SUBTRACT_FLOAT);
      break;
    case NB_MULTIPLY:
    case NB_INPLACE_MULTIPLY:
      if (ints) return specialized(cache, Op::BINARY_OP_MULTIPLY_INT);
      if (floats) return specialized(cache, Op::BINARY_OP_MULTIPLY_FLOAT);
      break;
    case NB_TRUE_DIVIDE:
    case NB_INPLACE_TRUE_DIVIDE:
      if (floats) return specialized(cache, Op::BINARY_OP_TRUE_DIVIDE_FLOAT);
      break;
    case NB_AND: case NB_INPLACE_AND: case NB_OR: case NB_INPLACE_OR:
    case NB_XOR: case NB_INPLACE_XOR: case NB_LSHIFT: case NB_INPLACE_LSHIFT:
    case NB_RSHIFT: case NB_INPLACE_RSHIFT: case NB_FLOOR_DIVIDE:
    case NB_INPLACE_FLOOR_DIVIDE: case NB_REMAINDER: case NB_INPLACE_REMAINDER:
      if (ints) return specialized(cache, Op::BINARY_OP_INT);
      break;
    default:
      break;
  }
  if (!options.stats) return failed(cache, Op::BINARY_OP, "");
  std::string reason = std::string(binary_op_text(oparg) ? binary_op_text(oparg) : "?") + " " +
                       type_kind(lhs) + ", " + type_kind(rhs);
  return failed(cache, Op::BINARY_OP, reason.c_str());
}

bool specialize_compare_op(uint16_t* cache, Value left, Value right, int oparg) {
  if (left.is_small() && right.is_small()) return specialized(cache, Op::COMPARE_OP_INT);
  if (is_exact_float(left) && is_exact_float(right)) return specialized(cache, Op::COMPARE_OP_FLOAT);
  if (is_exact_str(left) && is_exact_str(right)) {
    int cmp = oparg >> 4;
    if (cmp == CMP_EQ || cmp == CMP_NE) return specialized(cache, Op::COMPARE_OP_STR);
    return failed(cache, Op::COMPARE_OP, "str ordering");
  }
  if (!options.stats) return failed(cache, Op::COMPARE_OP, "");
  std::string reason = std::string(type_kind(left)) + ", " + type_kind(right);
  return failed(cache, Op::COMPARE_OP, reason.c_str());
}

bool specialize_binary_subscr(uint16_t* cache, Value container, Value sub) {
  if (is_exact_list(container) && sub.is_small()) return specialized(cache, Op::BINARY_SUBSCR_LIST_INT);
  if (is_exact_tuple(container) && sub.is_small()) return specialized(cache, Op::BINARY_SUBSCR_TUPLE_INT);
  if (is_exact_dict(container)) return specialized(cache, Op::BINARY_SUBSCR_DICT);
  if (!options.stats) return failed(cache, Op::BINARY_SUBSCR, "");
  std::string reason = std::string(type_of(container)->name) + "[" + type_of(sub)->name + "]";
  return failed(cache, Op::BINARY_SUBSCR, reason.c_str());
}

bool specialize_store_subscr(uint16_t* cache, Value container, Value sub) {
  if (is_exact_list(container) && sub.is_small()) return specialized(cache, Op::STORE_SUBSCR_LIST_INT);
  if (is_exact_dict(container)) return specialized(cache, Op::STORE_SUBSCR_DICT);
  if (!options.stats) return failed(cache, Op::STORE_SUBSCR, "");
  std::string reason = std::string(type_of(container)->name) + "[" + type_of(sub)->name + "]";
  return failed(cache, Op::STORE_SUBSCR, reason.c_str());
}

namespace {

// A combined, exact dict whose entry `name` can be read at a fixed index: the index
// (or -1 when absent, -2 when the dict does not qualify).
int64_t plain_dict_index(Value d, Value name) {
  if (!is_exact_dict(d) || d.as<DictObject>()->values) return -2;
  return dict_index_of_str(d, name);
}

}  // namespace

bool specialize_load_global(uint16_t* cache, Frame* frame, Value name) {
  constexpr Op base = Op::LOAD_GLOBAL;
  int64_t ix = plain_dict_index(frame->globals, name);
  if (ix == -2) return failed(cache, base, "globals not a plain dict");
  uint32_t gv = dict_keys_version(frame->globals);
  if (gv == 0) return failed(cache, base, "keys versions exhausted");
  if (ix >= 0) {
    if (ix > 0xFFFF) return failed(cache, base, "index out of range");
    cache[1] = uint16_t(ix);
    set_cache_u32(cache + 2, gv);
    return specialized(cache, Op::LOAD_GLOBAL_MODULE);
  }
  int64_t bx = plain_dict_index(frame->builtins, name);
  if (bx == -2) return failed(cache, base, "builtins not a plain dict");
  if (bx < 0) return failed(cache, base, "not found");
  if (bx > 0xFFFF) return failed(cache, base, "index out of range");
  uint32_t bv = dict_keys_version(frame->builtins);
  if (bv == 0) return failed(cache, base, "keys versions exhausted");
  cache[1] = uint16_t(bx);
  set_cache_u32(cache + 2, gv);
  set_cache_u32(cache + 4, bv);
  return specialized(cache, Op::LOAD_GLOBAL_BUILTIN);
}

namespace {

// The instance's split dict over its class's shared keys, or null.
DictObject* split_instance_dict(Value owner, Type* tp) {
  if (tp->dictoffset <= 0 || !tp->cached_keys) return nullptr;
  Value d = *instance_dict_slot(owner);
  if (!d || !is_exact_dict(d)) return nullptr;
  DictObject* dd = d.as<DictObject>();
  if (!dd->values || dd->keys != tp->cached_keys) return nullptr;
  return dd;
}

bool is_slot_member(Value descr) {
  if (type_of(descr) != &MemberDescrType) return false;
  return descr.as<DescrObject>()->member->kind == MemberKind::ObjectEx;
}

bool specialize_module_attr(uint16_t* cache, Value owner, Value name) {
  constexpr Op base = Op::LOAD_ATTR;
  if (type_lookup(&ModuleType, name)) return failed(cache, base, "module type attribute");
  Value d = owner.as<ModuleObject>()->dict;
  int64_t ix = plain_dict_index(d, name);
  if (ix < 0) return failed(cache, base, "module attribute not found");
  uint32_t kv = dict_keys_version(d);
  if (kv == 0) return failed(cache, base, "keys versions exhausted");
  set_cache_u32(cache + 1, uint32_t(ix));
  set_cache_u32(cache + 3, kv);
  return specialized(cache, Op::LOAD_ATTR_MODULE);
}

bool specialize_class_attr(uint16_t* cache, Value owner, Value name) {
  constexpr Op base = Op::LOAD_ATTR;
  if (type_lookup(&TypeType, name)) return failed(cache, base, "metaclass attribute");
  Type* cls = owner.as<Type>();
  Value v = type_lookup(cls, name);
  if (!v) return failed(cache, base, "class attribute not found");
  Type* vt = type_of(v);
  if (vt->descr_get && vt != &FunctionType) return failed(cache, base, "class attribute is a descriptor");
  uint32_t ver = type_version(cls);
  if (ver == 0) return failed(cache, base, "no type version");
  set_cache_u32(cache + 1, ver);
  set_cache_value(cache + 5, v);
  return specialized(cache, Op::LOAD_ATTR_CLASS);
}

}  // namespace

bool specialize_load_attr(uint16_t* cache, Value owner, Value name, int oparg) {
  constexpr Op base = Op::LOAD_ATTR;
  Type* tp = type_of(owner);
  if (tp == &ModuleType) return specialize_module_attr(cache, owner, name);
  if (tp == &TypeType) return specialize_class_attr(cache, owner, name);
  if (tp->getattr != generic_getattr) return failed(cache, base, "custom __getattribute__");
  uint32_t ver = type_version(tp);
  if (ver == 0) return failed(cache, base, "no type version");
  Value descr = type_lookup(tp, name);
  Type* dt = descr ? type_of(descr) : nullptr;
  if (descr && (oparg & 1) && has_flag(dt, TF_METHOD_DESCRIPTOR)) {
    set_cache_u32(cache + 1, ver);
    set_cache_value(cache + 5, descr);
    if (tp->dictoffset == 0) return specialized(cache, Op::LOAD_ATTR_METHOD_NO_DICT);
    DictObject* dd = split_instance_dict(owner, tp);
    if (!dd) return failed(cache, base, "method: instance dict not split");
    if (dict_index_of_str(Value::from(&dd->ob), name) >= 0)
      return failed(cache, base, "method: shadowed by the shared keys");
    uint32_t kv = dict_keys_version(Value::from(&dd->ob));
    if (kv == 0) return failed(cache, base, "keys versions exhausted");
    set_cache_u32(cache + 3, kv);
    return specialized(cache, Op::LOAD_ATTR_METHOD_WITH_VALUES);
  }
  if (descr && dt->descr_set) {
    if (is_slot_member(descr)) {
      set_cache_u32(cache + 1, ver);
      set_cache_u32(cache + 3, uint32_t(descr.as<DescrObject>()->member->offset));
      return specialized(cache, Op::LOAD_ATTR_SLOT);
    }
    return failed(cache, base, dt == &PropertyType ? "property" : "data descriptor");
  }
  DictObject* dd = split_instance_dict(owner, tp);
  if (!dd) {
    if (tp->dictoffset == 0) return failed(cache, base, "no instance dict");
    return failed(cache, base, "instance dict not split");
  }
  int64_t ix = dict_index_of_str(Value::from(&dd->ob), name);
  if (ix < 0 || !dd->values[ix]) {
    if (descr && has_flag(dt, TF_METHOD_DESCRIPTOR)) return failed(cache, base, "bound method");
    return failed(cache, base, descr ? "class attribute" : "attribute not in instance");
  }
  set_cache_u32(cache + 1, ver);
  set_cache_u32(cache + 3, uint32_t(ix));
  return specialized(cache, Op::LOAD_ATTR_INSTANCE_VALUE);
}

bool specialize_store_attr(uint16_t* cache, Value owner, Value name) {
  constexpr Op base = Op::STORE_ATTR;
  Type* tp = type_of(owner);
  if (tp->setattr != generic_setattr) return failed(cache, base, "custom __setattr__");
  uint32_t ver = type_version(tp);
  if (ver == 0) return failed(cache, base, "no type version");
  Value descr = type_lookup(tp, name);
  if (descr && type_of(descr)->descr_set) {
    if (is_slot_member(descr) && !descr.as<DescrObject>()->member->readonly) {
      size_t offset = descr.as<DescrObject>()->member->offset;
      if (offset > 0xFFFF) return failed(cache, base, "slot offset out of range");
      set_cache_u32(cache + 1, ver);
      cache[3] = uint16_t(offset);
      return specialized(cache, Op::STORE_ATTR_SLOT);
    }
    return failed(cache, base, type_of(descr) == &PropertyType ? "property" : "data descriptor");
  }
  if (tp->dictoffset <= 0 || !tp->cached_keys) return failed(cache, base, "no shared keys");
  if (!*instance_dict_slot(owner) && !instance_dict(owner)) {
    clear_error();
    return failed(cache, base, "no memory");
  }
  DictObject* dd = split_instance_dict(owner, tp);
  if (!dd) return failed(cache, base, "instance dict not split");
  int64_t ix = dict_index_of_str(Value::from(&dd->ob), name);
  if (ix < 0) return failed(cache, base, "name not yet in the shared keys");
  if (ix > 0xFFFF) return failed(cache, base, "index out of range");
  set_cache_u32(cache + 1, ver);
  cache[3] = uint16_t(ix);
  return specialized(cache, Op::STORE_ATTR_INSTANCE_VALUE);
}

namespace {

bool exact_args_function(Value func, int total) {
  if (type_of(func) != &FunctionType) return false;
  CodeRT* c = func.as<FunctionObject>()->code.as<CodeRT>();
  return !(c->flags & (CO_VARARGS | CO_VARKEYWORDS)) && c->kwonlyargcount == 0 &&
         c->argcount == total;
}

bool fast_builtin_def(const MethodDef* def, int total) {
  uint32_t kind = def->flags & (METH_NOARGS | METH_O | METH_FASTCALL | METH_STATIC | METH_CLASS);
  return kind == METH_FASTCALL || (kind == METH_O && total == 1) || (kind == METH_NOARGS && total == 0);
}

Value held_builtin(const char* name) {
  Value v = dict_get_cstr(builtins_dict(), name);
  if (!v) clear_error();
  return xnewref(v);
}

}  // namespace

Value held_len, held_isinstance;

bool specialize_call(uint16_t* cache, Value meth_or_null, Value callable_or_self, int oparg,
                     Value kwnames) {
  constexpr Op base = Op::CALL;
  if (!held_len) {
    held_len = held_builtin("len");
    held_isinstance = held_builtin("isinstance");
  }
  if (kwnames) return failed(cache, base, "keyword arguments");
  Value callable = meth_or_null ? meth_or_null : callable_or_self;
  int total = oparg + (meth_or_null ? 1 : 0);
  Type* ct = type_of(callable);
  if (ct == &FunctionType) {
    if (!exact_args_function(callable, total)) return failed(cache, base, "Python function: not exact arguments");
    set_cache_u32(cache + 1, callable.as<FunctionObject>()->version);
    return specialized(cache, Op::CALL_PY_EXACT_ARGS);
  }
  if (ct == &MethodType) {
    Value func = callable.as<MethodObject>()->func;
    if (!exact_args_function(func, total + 1)) return failed(cache, base, "bound method: not exact arguments");
    set_cache_u32(cache + 1, func.as<FunctionObject>()->version);
    return specialized(cache, Op::CALL_BOUND_METHOD_EXACT_ARGS);
  }
  if (ct == &BuiltinFunctionType) {
    if (!meth_or_null && callable == held_len && total == 1)
      return specialized(cache, Op::CALL_LEN);
    if (!meth_or_null && callable == held_isinstance && total == 2)
      return specialized(cache, Op::CALL_ISINSTANCE);
    if (fast_builtin_def(callable.as<BuiltinFunctionObject>()->def, total))
      return specialized(cache, Op::CALL_BUILTIN_FAST);
    return failed(cache, base, "built-in function: calling convention");
  }
  if (ct == &MethodDescrType && meth_or_null) {
    if (fast_builtin_def(callable.as<DescrObject>()->method, oparg))
      return specialized(cache, Op::CALL_METHOD_DESCRIPTOR_FAST);
    return failed(cache, base, "method descriptor: calling convention");
  }
  if (callable == Value::from(&TypeType) && total == 1) return specialized(cache, Op::CALL_TYPE_1);
  if (has_flag(ct, TF_TYPE_SUBCLASS)) return failed(cache, base, "class instantiation");
  if (!options.stats) return failed(cache, base, "");
  std::string reason = std::string("callable ") + ct->name;
  return failed(cache, base, reason.c_str());
}

bool specialize_for_iter(uint16_t* cache, Value iter) {
  Type* t = type_of(iter);
  if (t == &ListIterType) return specialized(cache, Op::FOR_ITER_LIST);
  if (t == &TupleIterType) return specialized(cache, Op::FOR_ITER_TUPLE);
  if (t == &RangeIterType) return specialized(cache, Op::FOR_ITER_RANGE);
  if (!options.stats) return failed(cache, Op::FOR_ITER, "");
  std::string reason = std::string("iterator ") + t->name;
  return failed(cache, Op::FOR_ITER, reason.c_str());
}

bool specialize_unpack_sequence(uint16_t* cache, Value seq, int oparg) {
  if (is_exact_tuple(seq) && tuple_size(seq) == oparg)
    return specialized(cache, oparg == 2 ? Op::UNPACK_SEQUENCE_TWO_TUPLE : Op::UNPACK_SEQUENCE_TUPLE);
  if (is_exact_list(seq) && list_size(seq) == oparg) return specialized(cache, Op::UNPACK_SEQUENCE_LIST);
  return failed(cache, Op::UNPACK_SEQUENCE, is_exact_tuple(seq) || is_exact_list(seq) ? "wrong length" : type_kind(seq));
}

// -- -X stats --------------------------------------------------------------------------------

void print_specialization_stats() {
  std::fprintf(stderr, "Tier 1: %llu code objects promoted\n",
               static_cast<unsigned long long>(promotions));
  std::fprintf(stderr, "%-16s %12s %12s %12s %8s %10s %8s\n", "family", "executions", "hits",
               "misses", "deopts", "specialized", "failed");
  for (int op = 0; op < kNumOps; op++) {
    if (deopt(op) != op) continue;
    bool has_forms = false;
    uint64_t execs = 0, hits = 0, misses = 0;
    for (int f = 0; f < kNumOps; f++) {
      if (deopt(f) != op) continue;
      const OpcodeStats& s = opcode_stats[f];
      if (f != op) {
        has_forms = true;
        hits += s.executions - s.misses;
        misses += s.misses;
        execs += s.executions - s.misses;
      } else {
        execs += s.executions;
      }
    }
    if (!has_forms) continue;
    FamilyStats& fs = family_stats()[op];
    std::fprintf(stderr, "%-16s %12llu %12llu %12llu %8llu %10llu %8llu\n",
                 op_name(static_cast<Op>(op)), static_cast<unsigned long long>(execs),
                 static_cast<unsigned long long>(hits), static_cast<unsigned long long>(misses),
                 static_cast<unsigned long long>(fs.deopts),
                 static_cast<unsigned long long>(fs.specialized),
                 static_cast<unsigned long long>(fs.failed));
    for (int f = 0; f < kNumOps; f++) {
      if (f == op || deopt(f) != op || !opcode_stats[f].executions) continue;
      std::fprintf(stderr, "    %-32s %12llu hits %10llu misses\n", op_name(static_cast<Op>(f)),
                   static_cast<unsigned long long>(opcode_stats[f].executions - opcode_stats[f].misses),
                   static_cast<unsigned long long>(opcode_stats[f].misses));
    }
    std::vector<std::pair<uint64_t, std::string>> reasons;
    for (auto& [reason, n] : fs.failures) reasons.emplace_back(n, reason);
    std::sort(reasons.rbegin(), reasons.rend());
    for (auto& [n, reason] : reasons) {
      std::fprintf(stderr, "    failed: %-40s %10llu\n", reason.c_str(),
                   static_cast<unsigned long long>(n));
    }
  }
}

}  // namespace strata
