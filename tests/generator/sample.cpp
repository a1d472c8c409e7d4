// Generated from vm/instructions.def by tools/gen_instructions.py. Do not edit.
#include "vm/opcodes.h"

namespace strata {

namespace {

const char* const kRealNames[kNumOps] = {
  "CACHE",
  "ADD",
  "ADD_INT",
  "RET",
  "LOAD",
  "GLOBAL",
  "COPY",
  "LOOP",
  "NEXT",
  "CMP",
};

const char* const kPseudoNames[kEndPseudoOp - kMinPseudoOp + 1] = {
  "SETUP",
  "GOTO",
  nullptr,
};

const CacheField kCache_ADD[] = {{"counter", 1}, {"version", 2}};
const CacheField kCache_ADD_INT[] = {{"counter", 1}, {"version", 2}};
const CacheField kCache_GLOBAL[] = {{"counter", 1}};

}  // namespace

const char* op_name(Op op) { return opcode_name(static_cast<int>(op)); }

const char* opcode_name(int op) {
  if (is_real_op(op)) return kRealNames[op];
  if (is_pseudo(op)) return kPseudoNames[op - kMinPseudoOp];
  return nullptr;
}

int opcode_by_name(std::string_view name) {
  for (int op = 0; op < kNumOps; ++op) {
    if (name == kRealNames[op]) return op;
  }
  for (int op = kMinPseudoOp; op < kEndPseudoOp; ++op) {
    if (name == kPseudoNames[op - kMinPseudoOp]) return op;
  }
  return -1;
}

int stack_pops(int op, int oparg, bool jump) {
  switch (op) {
    case op::CACHE:
    case op::LOAD:
    case op::GLOBAL:
    case op::LOOP:
    case op::SETUP:
    case op::GOTO:
      return 0;
    case op::ADD:
    case op::ADD_INT:
    case op::CMP:
      return 2;
    case op::RET:
    case op::NEXT:
      return 1;
    case op::COPY:
      return 1 + (oparg - 1);
    default:
      return -1;
  }
}

int stack_pushes(int op, int oparg, bool jump) {
  switch (op) {
    case op::CACHE:
    case op::RET:
    case op::LOOP:
    case op::GOTO:
      return 0;
    case op::ADD:
    case op::ADD_INT:
    case op::LOAD:
    case op::CMP:
      return 1;
    case op::GLOBAL:
      return 1 + ((oparg & 1) ? 1 : 0);
    case op::COPY:
      return 2 + (oparg - 1);
    case op::NEXT:
      return jump ? 0 : 2;
    case op::SETUP:
      return jump ? 2 : 0;
    default:
      return -1;
  }
}

int stack_effect(int op, int oparg, bool jump) {
  if (!is_valid_opcode(op)) return kInvalidStackEffect;
  return stack_pushes(op, oparg, jump) - stack_pops(op, oparg, jump);
}

int name_index(int op, int oparg) {
  switch (op) {
    case op::GLOBAL:
      return oparg >> 1;
    default:
      return -1;
  }
}

int compare_index(int op, int oparg) {
  switch (op) {
    case op::CMP:
      return oparg >> 4;
    default:
      return -1;
  }
}

std::span<const CacheField> cache_layout(int op) {
  switch (op) {
    case op::ADD:
      return kCache_ADD;
    case op::ADD_INT:
      return kCache_ADD_INT;
    case op::GLOBAL:
      return kCache_GLOBAL;
    default:
      return {};
  }
}

const char* sample_kind_text(int value) {
  switch (value) {
    case SK_ZERO: return "SK_ZERO";
    case SK_ONE: return "one";
    case SK_MASK: return "mask";
    case SK_FIVE: return "SK_FIVE";
    default: return nullptr;
  }
}

const char* sample_oparg_text(int value) {
  switch (value) {
    case SO_FIRST: return "first";
    case SO_NEXT: return "SO_NEXT";
    default: return nullptr;
  }
}

const char* uop_name(Uop uop) {
  static const char* const names[kNumUops] = {
    "GUARD_INT",
    "CALL_FN",
  };
  int i = static_cast<int>(uop);
  return i >= 0 && i < kNumUops ? names[i] : nullptr;
}

uint32_t uop_flags(Uop uop) {
  static const uint32_t flags[kNumUops] = {
    /* GUARD_INT */ UOPF_CAN_EXIT,
    /* CALL_FN */ UOPF_HAS_SIDE_EFFECTS | UOPF_ESCAPES,
  };
  int i = static_cast<int>(uop);
  return i >= 0 && i < kNumUops ? flags[i] : 0;
}

int uop_stack_pops(Uop uop, int oparg) {
  switch (static_cast<int>(uop)) {
    case static_cast<int>(Uop::GUARD_INT):
      return 2;
    case static_cast<int>(Uop::CALL_FN):
      return 1 + oparg;
    default:
      return -1;
  }
}

int uop_stack_pushes(Uop uop, int oparg) {
  switch (static_cast<int>(uop)) {
    case static_cast<int>(Uop::GUARD_INT):
      return 2;
    case static_cast<int>(Uop::CALL_FN):
      return 1;
    default:
      return -1;
  }
}

}  // namespace strata
