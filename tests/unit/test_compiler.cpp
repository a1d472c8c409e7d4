// tests/unit/test_compiler.cpp — unit tests of the compiler's back half: the assembler
// (frontend/assembler.h) on hand-built instruction sequences, and the location and
// exception table encodings against bytes CPython 3.11 produced.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "frontend/assembler.h"
#include "vm/opcodes.h"

using namespace strata;

// -- Assembler ------------------------------------------------------------------------

namespace {

Location at(int line, int col, int end_col) { return {line, line, col, end_col}; }

// One decoded instruction: EXTENDED_ARG folded in, caches skipped; `target` is the code
// unit a jump goes to (-1 for other instructions).
struct Decoded {
  int offset;  // of the instruction itself (after its EXTENDED_ARG prefixes)
  int op, arg, target;
};

std::vector<Decoded> decode(const CodeObject& co) {
  std::vector<Decoded> out;
  int ext = 0;
  for (size_t i = 0; i < co.code.size();) {
    int op = co.code[i] & 0xFF, arg = (co.code[i] >> 8) | ext;
    if (op == op::EXTENDED_ARG) {
      ext = arg << 8;
      ++i;
      continue;
    }
    ext = 0;
    int next = static_cast<int>(i) + 1 + cache_size(op);
    int target = -1;
    if (has_jump(op)) target = is_backward_jump(op) ? next - arg : next + arg;
    out.push_back({static_cast<int>(i), op, arg, target});
    i = next;
  }
  return out;
}

std::vector<int> ops(const CodeObject& co) {
  std::vector<int> v;
  for (const Decoded& d : decode(co)) v.push_back(d.op);
  return v;
}

const Decoded* at_offset(const std::vector<Decoded>& v, int offset) {
  for (const Decoded& d : v)
    if (d.offset == offset) return &d;
  return nullptr;
}

// A function with `nargs` parameters and `nlocals` locals in all, consts None, True,
// 1, 2, ...
struct Fn {
  CodeObject co;
  InstrSeq s;
  SyntaxErrorInfo err;
  explicit Fn(int nargs = 1, int nlocals = 2, int nconsts = 4) {
    co.argcount = nargs;
    co.flags = CO_OPTIMIZED | CO_NEWLOCALS;
    co.localspluskinds.assign(nlocals, CO_FAST_LOCAL);
    co.consts.resize(nconsts);
    if (nconsts > 1) co.consts[1].tag = ConstTag::True;
    for (int i = 2; i < nconsts; ++i) {
      co.consts[i].tag = ConstTag::Int;
      co.consts[i].i = i - 1;
    }
  }
  bool run(int firstlineno = 1) { return assemble(s, co, firstlineno, err); }
  void ret_none(Location loc) {
    s.emit(op::LOAD_CONST, 0, loc);
    s.emit(op::RETURN_VALUE, 0, loc);
  }
};

std::vector<LocationEntry> locations(const CodeObject& co, int firstlineno = 1) {
  std::vector<LocationEntry> v;
  REQUIRE(decode_linetable(co.linetable, firstlineno, v));
  return v;
}

// The location of code unit `unit` according to the linetable.
Location location_of(const CodeObject& co, int unit, int firstlineno = 1) {
  for (const LocationEntry& e : locations(co, firstlineno))
    if (unit >= e.start && unit < e.end) return e.loc;
  return {-2, -2, -2, -2};
}

}  // namespace

TEST_CASE("assembler: LOAD_CONST + RETURN_VALUE becomes RETURN_CONST; linetable bytes") {
  Fn f(0, 0);
  f.s.emit(op::RESUME, 0, at(1, 0, 0));
  f.ret_none(at(2, 4, 8));
  REQUIRE(f.run());
  auto d = decode(f.co);
  REQUIRE(d.size() == 2);
  CHECK(d[0].op == op::RESUME);
  CHECK(d[1].op == op::RETURN_CONST);
  CHECK(d[1].arg == 0);
  CHECK(f.co.stacksize == 0);
  CHECK(f.co.exceptiontable.empty());
  // RESUME: short form (line delta 0, columns 0-0); RETURN_CONST: one-line form, +1 line.
  int n0 = 1 + cache_size(op::RESUME), n1 = 1 + cache_size(op::RETURN_CONST);
  std::vector<uint8_t> expect{static_cast<uint8_t>(0x80 | (n0 - 1)), 0x00,
                              static_cast<uint8_t>(0x80 | (11 << 3) | (n1 - 1)), 4, 8};
  CHECK(f.co.linetable == expect);
}

TEST_CASE("assembler: forward conditional jump") {
  Fn f;
  int other = f.s.new_label();
  f.s.emit(op::LOAD_FAST, 0, at(2, 7, 8));
  f.s.emit_jump(op::POP_JUMP_IF_FALSE, other, at(2, 7, 8));
  f.s.emit(op::LOAD_CONST, 2, at(3, 15, 16));
  f.s.emit(op::RETURN_VALUE, 0, at(3, 8, 16));
  f.s.bind(other);
  f.s.emit(op::LOAD_CONST, 3, at(4, 11, 12));
  f.s.emit(op::RETURN_VALUE, 0, at(4, 4, 12));
  REQUIRE(f.run());
  auto d = decode(f.co);
  REQUIRE(d.size() == 4);
  CHECK(d[0].op == op::LOAD_FAST);
  CHECK(d[1].op == op::POP_JUMP_IF_FALSE);
  // The unused constant 1 (True) is dropped: constants 2 and 3 become 1 and 2.
  REQUIRE(f.co.consts.size() == 3);
  CHECK(d[2].op == op::RETURN_CONST);
  CHECK(d[2].arg == 1);
  const Decoded* t = at_offset(d, d[1].target);
  REQUIRE(t != nullptr);
  CHECK(t->op == op::RETURN_CONST);
  CHECK(t->arg == 2);
  CHECK(f.co.stacksize == 1);
  // RETURN_VALUE's own location wins over LOAD_CONST's (the LOAD_CONST became a NOP).
  CHECK(location_of(f.co, d[2].offset) == at(3, 8, 16));
}

TEST_CASE("assembler: for loop: FOR_ITER forward, JUMP becomes JUMP_BACKWARD, stack depth") {
  Fn f;
  int top = f.s.new_label(), end = f.s.new_label();
  f.s.emit(op::LOAD_FAST, 0, at(2, 13, 14));
  f.s.emit(op::GET_ITER, 0, at(2, 13, 14));
  f.s.bind(top);
  f.s.emit_jump(op::FOR_ITER, end, at(2, 4, 15));
  f.s.emit(op::STORE_FAST, 1, at(2, 8, 9));
  f.s.emit_jump(op::JUMP, top, at(2, 4, 15));
  f.s.bind(end);
  f.s.emit(op::END_FOR, 0, at(2, 4, 15));
  f.ret_none(at(2, 4, 15));
  REQUIRE(f.run());
  auto d = decode(f.co);
  REQUIRE(d.size() == 7);
  CHECK(d[2].op == op::FOR_ITER);
  CHECK(d[4].op == op::JUMP_BACKWARD);
  CHECK(d[4].target == d[2].offset);
  CHECK(at_offset(d, d[2].target)->op == op::END_FOR);
  CHECK(d[6].op == op::RETURN_CONST);
  CHECK(f.co.stacksize == 2);
  // FOR_ITER's inline caches are zero code units.
  for (int k = 1; k <= cache_size(op::FOR_ITER); ++k) CHECK(f.co.code[d[2].offset + k] == 0);
}

TEST_CASE("assembler: a backward conditional jump becomes the inverse over JUMP_BACKWARD") {
  Fn f;
  int top = f.s.new_label();
  f.s.bind(top);
  f.s.emit(op::LOAD_FAST, 0, at(2, 10, 11));
  f.s.emit_jump(op::POP_JUMP_IF_TRUE, top, at(2, 4, 11));
  f.ret_none(at(3, 4, 8));
  REQUIRE(f.run());
  auto d = decode(f.co);
  REQUIRE(d.size() == 4);
  CHECK(d[1].op == op::POP_JUMP_IF_FALSE);
  CHECK(d[2].op == op::JUMP_BACKWARD);
  CHECK(d[2].target == 0);
  CHECK(d[1].target == d[3].offset);
  CHECK(d[3].op == op::RETURN_CONST);
}

TEST_CASE("assembler: try/except: exception table, handler depth and lasti, cold blocks") {
  Fn f;
  int handler = f.s.new_label(), cleanup = f.s.new_label();
  f.s.emit(op::RESUME, 0, at(1, 0, 0));
  f.s.emit(op::LOAD_CONST, 2, at(2, 4, 5));  // an item below the protected range
  f.s.emit_jump(op::SETUP_FINALLY, handler, at(3, 4, 8));
  f.s.emit(op::LOAD_FAST, 0, at(4, 8, 9));
  f.s.emit(op::POP_TOP, 0, at(4, 8, 9));
  f.s.emit(op::POP_BLOCK, 0, kNoLocation);
  f.s.emit(op::RETURN_VALUE, 0, at(5, 4, 12));
  f.s.bind(handler);
  f.s.emit_jump(op::SETUP_CLEANUP, cleanup, kNoLocation);
  f.s.emit(op::PUSH_EXC_INFO, 0, at(6, 4, 10));
  f.s.emit(op::POP_TOP, 0, at(6, 4, 10));
  f.s.emit(op::POP_BLOCK, 0, kNoLocation);
  f.s.emit(op::POP_EXCEPT, 0, at(7, 8, 12));
  f.s.emit(op::RETURN_VALUE, 0, at(7, 8, 12));
  f.s.bind(cleanup);
  f.s.emit(op::COPY, 3, kNoLocation);
  f.s.emit(op::POP_EXCEPT, 0, kNoLocation);
  f.s.emit(op::RERAISE, 1, kNoLocation);
  REQUIRE(f.run());
  auto d = decode(f.co);
  std::vector<int> expect_ops{op::RESUME, op::LOAD_CONST, op::NOP, op::LOAD_FAST, op::POP_TOP,
                              op::RETURN_VALUE, op::PUSH_EXC_INFO, op::POP_TOP, op::POP_EXCEPT,
                              op::RETURN_VALUE, op::COPY, op::POP_EXCEPT, op::RERAISE};
  CHECK(ops(f.co) == expect_ops);
  std::vector<ExceptionEntry> e;
  REQUIRE(decode_exceptiontable(f.co.exceptiontable, e));
  REQUIRE(e.size() == 2);
  // The try body: handler at PUSH_EXC_INFO, stack cut to the 1 item below, no lasti.
  CHECK(e[0].start == d[3].offset);
  CHECK(e[0].end == d[5].offset);
  CHECK(e[0].target == d[6].offset);
  CHECK(e[0].depth == 1);
  CHECK(!e[0].lasti);
  // The handler's cleanup: 1 below + the saved exception, with lasti.
  CHECK(e[1].start == d[6].offset);
  CHECK(e[1].end == d[8].offset);
  CHECK(e[1].target == d[10].offset);
  CHECK(e[1].depth == 2);
  CHECK(e[1].lasti);
  CHECK(encode_exceptiontable(e) == f.co.exceptiontable);
  // Depth: 1 + exc, then PUSH_EXC_INFO makes it 3; the cleanup handler: 1+1+lasti+exc,
  // then COPY 3.
  CHECK(f.co.stacksize == 5);
  // The NOP left by SETUP_FINALLY keeps line 3 (nothing else is on it).
  CHECK(location_of(f.co, d[2].offset).lineno == 3);
  // The cleanup block has no location of its own: it inherits none (no predecessor
  // by fall-through or jump), so it is recorded as "no location".
  CHECK(location_of(f.co, d[10].offset).lineno == -1);
}

TEST_CASE("assembler: with: a handler that starts with SETUP_CLEANUP keeps lasti") {
  Fn f;
  int final = f.s.new_label(), cleanup = f.s.new_label(), exit = f.s.new_label();
  f.s.emit(op::LOAD_FAST, 0, at(2, 9, 10));
  f.s.emit(op::BEFORE_WITH, 0, at(2, 9, 10));
  f.s.emit_jump(op::SETUP_WITH, final, at(2, 9, 10));
  f.s.emit(op::STORE_FAST, 1, at(2, 14, 15));
  f.s.emit(op::POP_BLOCK, 0, kNoLocation);
  f.s.emit(op::LOAD_CONST, 0, at(2, 4, 10));
  f.s.emit(op::LOAD_CONST, 0, at(2, 4, 10));
  f.s.emit(op::LOAD_CONST, 0, at(2, 4, 10));
  f.s.emit(op::CALL, 2, at(2, 4, 10));
  f.s.emit(op::POP_TOP, 0, at(2, 4, 10));
  f.s.emit_jump(op::JUMP, exit, at(2, 4, 10));
  f.s.bind(final);
  f.s.emit_jump(op::SETUP_CLEANUP, cleanup, kNoLocation);
  f.s.emit(op::PUSH_EXC_INFO, 0, kNoLocation);
  f.s.emit(op::WITH_EXCEPT_START, 0, kNoLocation);
  f.s.emit(op::RERAISE, 2, kNoLocation);
  f.s.bind(cleanup);
  f.s.emit(op::COPY, 3, kNoLocation);
  f.s.emit(op::POP_EXCEPT, 0, kNoLocation);
  f.s.emit(op::RERAISE, 1, kNoLocation);
  f.s.bind(exit);
  f.ret_none(at(3, 4, 8));
  REQUIRE(f.run());
  auto d = decode(f.co);
  std::vector<ExceptionEntry> e;
  REQUIRE(decode_exceptiontable(f.co.exceptiontable, e));
  REQUIRE(e.size() == 2);
  // STORE_FAST: the stack is cut to [exit] (res dropped), lasti and exc pushed.
  CHECK(e[0].start == d[2].offset);
  CHECK(e[0].depth == 1);
  CHECK(e[0].lasti);
  CHECK((f.co.code[e[0].target] & 0xFF) == op::PUSH_EXC_INFO);
  // In the handler: exit, lasti, exc stay below its cleanup.
  CHECK(e[1].depth == 3);
  CHECK(e[1].lasti);
}

TEST_CASE("assembler: handler code is moved after the warm code") {
  Fn f;
  int handler = f.s.new_label(), after = f.s.new_label();
  f.s.emit_jump(op::SETUP_FINALLY, handler, kNoLocation);
  f.s.emit(op::LOAD_FAST, 0, at(2, 8, 9));
  f.s.emit(op::POP_TOP, 0, at(2, 8, 9));
  f.s.emit(op::POP_BLOCK, 0, kNoLocation);
  f.s.emit_jump(op::JUMP, after, kNoLocation);
  f.s.bind(handler);
  f.s.emit(op::PUSH_EXC_INFO, 0, at(3, 4, 10));
  f.s.emit(op::POP_TOP, 0, at(3, 4, 10));
  f.s.emit(op::POP_EXCEPT, 0, at(3, 4, 10));
  f.s.emit_jump(op::JUMP, after, at(3, 4, 10));
  f.s.bind(after);
  f.s.emit(op::LOAD_FAST, 0, at(5, 4, 5));
  f.s.emit(op::POP_TOP, 0, at(5, 4, 5));
  f.s.emit(op::LOAD_FAST, 0, at(6, 4, 5));
  f.s.emit(op::POP_TOP, 0, at(6, 4, 5));
  f.s.emit(op::LOAD_FAST, 0, at(7, 4, 5));
  f.ret_none(at(7, 4, 5));
  REQUIRE(f.run());
  std::vector<int> expect_ops{op::LOAD_FAST, op::POP_TOP, op::LOAD_FAST, op::POP_TOP,
                              op::LOAD_FAST, op::POP_TOP, op::LOAD_FAST, op::RETURN_CONST,
                              op::PUSH_EXC_INFO, op::POP_TOP, op::POP_EXCEPT, op::JUMP_BACKWARD};
  CHECK(ops(f.co) == expect_ops);
  auto d = decode(f.co);
  CHECK(d.back().target == d[2].offset);
}

TEST_CASE("assembler: EXTENDED_ARG for big opargs") {
  // Name indexes: constant indexes would be renumbered (unused constants are dropped).
  Fn f(0, 0, 1);
  f.s.emit(op::LOAD_NAME, 300, at(1, 0, 1));
  f.s.emit(op::STORE_NAME, 70000, at(1, 0, 1));
  f.s.emit(op::LOAD_CONST, 0, at(1, 0, 1));
  f.s.emit(op::RETURN_VALUE, 0, at(1, 0, 1));
  REQUIRE(f.run());
  std::vector<uint16_t> expect{
      static_cast<uint16_t>(op::EXTENDED_ARG | 1 << 8),
      static_cast<uint16_t>(op::LOAD_NAME | 44 << 8),
      static_cast<uint16_t>(op::EXTENDED_ARG | 1 << 8),
      static_cast<uint16_t>(op::EXTENDED_ARG | 0x11 << 8),
      static_cast<uint16_t>(op::STORE_NAME | 0x70 << 8),
      static_cast<uint16_t>(op::RETURN_CONST)};
  CHECK(f.co.code == expect);
  // EXTENDED_ARG prefixes carry their instruction's location: one entry of 6 units.
  auto locs = locations(f.co);
  REQUIRE(locs.size() == 1);
  CHECK(locs[0].end == 6);
}

TEST_CASE("assembler: tuples of constants folded after the compiler's constants") {
  // consts: None, True, 1, 2. (1, 2) is appended; True and the items, now unused, go
  // (index 0 always stays); a tuple equal to an existing constant reuses it.
  Fn f(0, 1, 4);
  f.s.emit(op::LOAD_CONST, 2, at(1, 4, 5));
  f.s.emit(op::LOAD_CONST, 3, at(1, 7, 8));
  f.s.emit(op::BUILD_TUPLE, 2, at(1, 4, 8));
  f.s.emit(op::STORE_FAST, 0, at(1, 0, 1));
  f.s.emit(op::LOAD_CONST, 2, at(2, 4, 5));
  f.s.emit(op::LOAD_CONST, 3, at(2, 7, 8));
  f.s.emit(op::BUILD_TUPLE, 2, at(2, 4, 8));
  f.s.emit(op::LOAD_CONST, 0, at(2, 10, 14));
  f.s.emit(op::BUILD_TUPLE, 2, at(2, 0, 15));
  f.s.emit(op::RETURN_VALUE, 0, at(2, 0, 15));
  REQUIRE(f.run());
  REQUIRE(f.co.consts.size() == 3);
  CHECK(f.co.consts[0].tag == ConstTag::None);
  REQUIRE(f.co.consts[1].tag == ConstTag::Tuple);
  CHECK(f.co.consts[1].items.size() == 2);
  REQUIRE(f.co.consts[2].tag == ConstTag::Tuple);
  REQUIRE(f.co.consts[2].items.size() == 2);
  CHECK(f.co.consts[2].items[0].tag == ConstTag::Tuple);
  CHECK(f.co.consts[2].items[1].tag == ConstTag::None);
  auto d = decode(f.co);
  REQUIRE(d.size() == 4);
  CHECK(d[0].op == op::LOAD_CONST);
  CHECK(d[0].arg == 1);
  CHECK(d[1].op == op::STORE_FAST);
  CHECK(d[2].op == op::LOAD_CONST);
  CHECK(d[2].arg == 2);
  CHECK(d[3].op == op::RETURN_VALUE);
}

TEST_CASE("assembler: far jumps get EXTENDED_ARG, offsets settle") {
  // Loops whose bodies straddle the 255-unit limit of a one-unit jump.
  for (int n = 240; n <= 270; ++n) {
    Fn f;
    int top = f.s.new_label(), exit = f.s.new_label();
    f.s.bind(top);
    f.s.emit(op::LOAD_FAST, 0, at(2, 0, 1));
    f.s.emit_jump(op::POP_JUMP_IF_FALSE, exit, at(2, 0, 1));
    for (int k = 0; k < n; ++k) f.s.emit(op::NOP, 0, at(3 + k, 0, 1));
    f.s.emit_jump(op::JUMP, top, at(2, 0, 1));
    f.s.bind(exit);
    f.ret_none(at(1000, 0, 1));
    REQUIRE(f.run());
    auto d = decode(f.co);
    const Decoded& cond = d[1];
    const Decoded& back = d[d.size() - 2];
    CHECK(back.op == op::JUMP_BACKWARD);
    CHECK(back.target == 0);
    const Decoded* t = at_offset(d, cond.target);
    REQUIRE(t != nullptr);
    CHECK(t->op == op::RETURN_CONST);
    CHECK((f.co.code[back.offset - 1] & 0xFF) == ((back.arg > 255) ? op::EXTENDED_ARG : op::NOP));
  }
}

TEST_CASE("assembler: unreachable code and jumps to the next instruction go") {
  Fn f;
  int next = f.s.new_label(), unused = f.s.new_label();
  f.s.emit_jump(op::JUMP, next, kNoLocation);
  f.s.bind(next);
  f.ret_none(at(2, 4, 8));
  f.s.emit(op::LOAD_FAST, 0, at(3, 4, 5));  // after a return: unreachable
  f.s.emit(op::POP_TOP, 0, at(3, 4, 5));
  f.s.bind(unused);
  f.ret_none(at(4, 4, 8));
  REQUIRE(f.run());
  CHECK(ops(f.co) == std::vector<int>{op::RETURN_CONST});
  CHECK(location_of(f.co, 0) == at(2, 4, 8));
}

TEST_CASE("assembler: jump to a jump is threaded; a small exit block is copied") {
  Fn f;
  int a = f.s.new_label(), b = f.s.new_label(), c = f.s.new_label();
  f.s.emit(op::LOAD_FAST, 0, at(2, 0, 1));
  f.s.emit_jump(op::POP_JUMP_IF_FALSE, a, at(2, 0, 1));
  f.s.emit(op::LOAD_FAST, 0, at(3, 0, 1));
  f.s.emit(op::POP_TOP, 0, at(3, 0, 1));
  f.s.emit_jump(op::JUMP, c, at(3, 0, 1));
  f.s.bind(a);
  f.s.emit_jump(op::JUMP, b, at(2, 0, 1));
  f.s.bind(b);
  f.s.emit(op::LOAD_FAST, 0, at(4, 0, 1));
  f.s.emit(op::POP_TOP, 0, at(4, 0, 1));
  f.s.emit(op::LOAD_FAST, 0, at(5, 0, 1));
  f.s.emit(op::POP_TOP, 0, at(5, 0, 1));
  f.s.emit(op::LOAD_FAST, 0, at(6, 0, 1));
  f.s.emit(op::POP_TOP, 0, at(6, 0, 1));
  f.s.bind(c);
  f.ret_none(at(7, 0, 1));
  REQUIRE(f.run());
  auto d = decode(f.co);
  // POP_JUMP_IF_FALSE goes straight to b; the JUMP to c (a return) became a copy of it.
  CHECK(d[1].op == op::POP_JUMP_IF_FALSE);
  CHECK(at_offset(d, d[1].target)->offset == d[5].offset);
  CHECK(d[4].op == op::RETURN_CONST);
  CHECK(d[5].op == op::LOAD_FAST);
  CHECK(ops(f.co).size() == 12);
}

TEST_CASE("assembler: LOAD_FAST of a maybe-unbound local becomes LOAD_FAST_CHECK") {
  Fn f(1, 3);
  int skip = f.s.new_label();
  f.s.emit(op::LOAD_FAST, 0, at(2, 0, 1));  // a parameter: bound
  f.s.emit(op::POP_TOP, 0, at(2, 0, 1));
  f.s.emit(op::LOAD_FAST, 1, at(3, 0, 1));  // never assigned yet
  f.s.emit(op::STORE_FAST, 2, at(3, 0, 1));
  f.s.emit(op::LOAD_FAST, 2, at(4, 0, 1));  // just assigned
  f.s.emit_jump(op::POP_JUMP_IF_FALSE, skip, at(4, 0, 1));
  f.s.emit(op::LOAD_FAST, 0, at(5, 0, 1));
  f.s.emit(op::STORE_FAST, 1, at(5, 0, 1));
  f.s.emit(op::DELETE_FAST, 2, at(6, 0, 1));
  f.s.bind(skip);
  f.s.emit(op::LOAD_FAST, 1, at(7, 0, 1));  // bound on one path only... but see above
  f.s.emit(op::POP_TOP, 0, at(7, 0, 1));
  f.s.emit(op::LOAD_FAST, 2, at(8, 0, 1));  // deleted on one path
  f.s.emit(op::POP_TOP, 0, at(8, 0, 1));
  f.s.emit(op::LOAD_FAST, 2, at(9, 0, 1));  // checked just before
  f.ret_none(at(9, 0, 1));
  REQUIRE(f.run());
  std::vector<int> expect{op::LOAD_FAST, op::POP_TOP, op::LOAD_FAST_CHECK, op::STORE_FAST,
                          op::LOAD_FAST, op::POP_JUMP_IF_FALSE, op::LOAD_FAST, op::STORE_FAST,
                          op::DELETE_FAST, op::LOAD_FAST, op::POP_TOP, op::LOAD_FAST_CHECK,
                          op::POP_TOP, op::LOAD_FAST, op::RETURN_CONST};
  // Local 1 was loaded with a check at line 3, so it is known bound afterwards.
  CHECK(ops(f.co) == expect);
}

TEST_CASE("assembler: peepholes on constants and tuples") {
  SUBCASE("LOAD_CONST None; IS_OP; POP_JUMP_IF_TRUE -> POP_JUMP_IF_NONE") {
    Fn f;
    int l = f.s.new_label();
    f.s.emit(op::LOAD_FAST, 0, at(2, 3, 4));
    f.s.emit(op::LOAD_CONST, 0, at(2, 8, 12));
    f.s.emit(op::IS_OP, 1, at(2, 3, 12));
    f.s.emit_jump(op::POP_JUMP_IF_TRUE, l, at(2, 3, 12));
    f.ret_none(at(3, 4, 8));
    f.s.bind(l);
    f.s.emit(op::LOAD_CONST, 2, at(4, 4, 8));
    f.s.emit(op::RETURN_VALUE, 0, at(4, 4, 8));
    REQUIRE(f.run());
    CHECK(ops(f.co) == std::vector<int>{op::LOAD_FAST, op::POP_JUMP_IF_NOT_NONE, op::RETURN_CONST,
                                        op::RETURN_CONST});
  }
  SUBCASE("a jump on a constant is decided") {
    Fn f;
    int l = f.s.new_label();
    f.s.emit(op::LOAD_CONST, 1, at(2, 3, 7));  // True
    f.s.emit_jump(op::POP_JUMP_IF_FALSE, l, at(2, 3, 7));
    f.s.emit(op::LOAD_CONST, 2, at(3, 4, 8));
    f.s.emit(op::RETURN_VALUE, 0, at(3, 4, 8));
    f.s.bind(l);
    f.s.emit(op::LOAD_CONST, 3, at(4, 4, 8));
    f.s.emit(op::RETURN_VALUE, 0, at(4, 4, 8));
    REQUIRE(f.run());
    // The test's line keeps a NOP; the else branch is gone.
    CHECK(ops(f.co) == std::vector<int>{op::NOP, op::RETURN_CONST});
    CHECK(location_of(f.co, 0).lineno == 2);
  }
  SUBCASE("BUILD_TUPLE 2; UNPACK_SEQUENCE 2 -> SWAP 2, applied to the stores") {
    Fn f;
    f.s.emit(op::LOAD_FAST, 0, at(2, 7, 8));
    f.s.emit(op::LOAD_FAST, 1, at(2, 10, 11));
    f.s.emit(op::BUILD_TUPLE, 2, at(2, 7, 11));
    f.s.emit(op::UNPACK_SEQUENCE, 2, at(2, 0, 4));
    f.s.emit(op::STORE_FAST, 1, at(2, 0, 1));
    f.s.emit(op::STORE_FAST, 0, at(2, 3, 4));
    f.ret_none(at(2, 0, 11));
    REQUIRE(f.run());
    auto d = decode(f.co);
    CHECK(ops(f.co) == std::vector<int>{op::LOAD_FAST, op::LOAD_FAST_CHECK, op::STORE_FAST,
                                        op::STORE_FAST, op::RETURN_CONST});
    CHECK(d[2].arg == 0);
    CHECK(d[3].arg == 1);
  }
}

TEST_CASE("assembler: LOAD_CONST / COPY 1 followed by POP_TOP are dropped") {
  SUBCASE("a constant expression statement leaves only its line's NOP") {
    Fn f;
    f.s.emit(op::LOAD_CONST, 2, at(2, 0, 1));
    f.s.emit(op::POP_TOP, 0, at(2, 0, 1));
    f.ret_none(at(3, 0, 6));
    REQUIRE(f.run());
    CHECK(ops(f.co) == std::vector<int>{op::NOP, op::RETURN_CONST});
    CHECK(location_of(f.co, 0).lineno == 2);
    CHECK(f.co.stacksize == 0);
  }
  SUBCASE("COPY 1; POP_TOP, then the LOAD_CONST it exposed") {
    Fn f;
    f.s.emit(op::LOAD_FAST, 0, at(2, 0, 1));
    f.s.emit(op::LOAD_CONST, 2, at(2, 4, 5));
    f.s.emit(op::COPY, 1, at(2, 4, 5));
    f.s.emit(op::POP_TOP, 0, at(2, 4, 5));
    f.s.emit(op::POP_TOP, 0, at(2, 4, 5));
    f.s.emit(op::STORE_FAST, 1, at(2, 0, 1));
    f.ret_none(at(2, 0, 5));
    REQUIRE(f.run());
    CHECK(ops(f.co) == std::vector<int>{op::LOAD_FAST, op::STORE_FAST, op::RETURN_CONST});
  }
  SUBCASE("not across a jump target") {
    // x if c else 1-style merge: the POP_TOP is reached by two paths, so the LOAD_CONST
    // before it on one of them stays.
    Fn g;
    int m = g.s.new_label();
    g.s.emit(op::LOAD_FAST, 0, at(2, 3, 4));
    g.s.emit(op::LOAD_FAST, 1, at(2, 3, 4));
    g.s.emit_jump(op::POP_JUMP_IF_FALSE, m, at(2, 3, 4));
    g.s.emit(op::POP_TOP, 0, at(3, 4, 5));
    g.s.emit(op::LOAD_CONST, 2, at(3, 4, 5));
    g.s.bind(m);
    g.s.emit(op::POP_TOP, 0, at(4, 4, 5));
    g.ret_none(at(4, 0, 5));
    REQUIRE(g.run());
    CHECK(ops(g.co) == std::vector<int>{op::LOAD_FAST, op::LOAD_FAST_CHECK, op::POP_JUMP_IF_FALSE,
                                        op::POP_TOP, op::LOAD_CONST, op::POP_TOP, op::RETURN_CONST});
  }
}

TEST_CASE("assembler: a jump on a constant copied by COPY 1 is decided (x = 1 or y)") {
  Fn f;
  int end = f.s.new_label();
  f.s.emit(op::LOAD_CONST, 2, at(2, 4, 5));  // 1
  f.s.emit(op::COPY, 1, at(2, 4, 10));
  f.s.emit_jump(op::POP_JUMP_IF_TRUE, end, at(2, 4, 10));
  f.s.emit(op::POP_TOP, 0, at(2, 4, 10));
  f.s.emit(op::LOAD_FAST, 0, at(2, 9, 10));
  f.s.bind(end);
  f.s.emit(op::STORE_FAST, 1, at(2, 0, 1));
  f.ret_none(at(2, 0, 10));
  REQUIRE(f.run());
  CHECK(ops(f.co) == std::vector<int>{op::LOAD_CONST, op::STORE_FAST, op::RETURN_CONST});
  CHECK(f.co.stacksize == 1);
}

TEST_CASE("assembler: SWAPs become reordered stores where that is safe") {
  SUBCASE("a, b = b, a: no SWAP left") {
    Fn f(2, 2);
    f.s.emit(op::LOAD_FAST, 1, at(2, 7, 8));
    f.s.emit(op::LOAD_FAST, 0, at(2, 10, 11));
    f.s.emit(op::SWAP, 2, at(2, 0, 11));
    f.s.emit(op::STORE_FAST, 0, at(2, 0, 1));
    f.s.emit(op::STORE_FAST, 1, at(2, 3, 4));
    f.ret_none(at(2, 0, 11));
    REQUIRE(f.run());
    auto d = decode(f.co);
    CHECK(ops(f.co) == std::vector<int>{op::LOAD_FAST, op::LOAD_FAST, op::STORE_FAST,
                                        op::STORE_FAST, op::RETURN_CONST});
    CHECK(d[2].arg == 1);  // the top (old a) goes to b first
    CHECK(d[3].arg == 0);
  }
  SUBCASE("two stores to one local keep their SWAP") {
    Fn f(2, 2);
    f.s.emit(op::LOAD_FAST, 1, at(2, 7, 8));
    f.s.emit(op::LOAD_FAST, 0, at(2, 10, 11));
    f.s.emit(op::SWAP, 2, at(2, 0, 11));
    f.s.emit(op::STORE_FAST, 0, at(2, 0, 1));
    f.s.emit(op::STORE_FAST, 0, at(2, 3, 4));
    f.ret_none(at(2, 0, 11));
    REQUIRE(f.run());
    CHECK(ops(f.co) == std::vector<int>{op::LOAD_FAST, op::LOAD_FAST, op::SWAP, op::STORE_FAST,
                                        op::STORE_FAST, op::RETURN_CONST});
  }
  SUBCASE("not across lines, not over other instructions") {
    Fn f(2, 2);
    f.s.emit(op::LOAD_FAST, 1, at(2, 7, 8));
    f.s.emit(op::LOAD_FAST, 0, at(2, 10, 11));
    f.s.emit(op::SWAP, 2, at(2, 0, 11));
    f.s.emit(op::STORE_FAST, 0, at(2, 0, 1));
    f.s.emit(op::STORE_FAST, 1, at(3, 3, 4));
    f.s.emit(op::LOAD_FAST, 0, at(4, 7, 8));
    f.s.emit(op::LOAD_FAST, 1, at(4, 10, 11));
    f.s.emit(op::SWAP, 2, at(4, 0, 11));
    f.s.emit(op::STORE_ATTR, 0, at(4, 0, 1));
    f.ret_none(at(4, 0, 11));
    REQUIRE(f.run());
    auto v = ops(f.co);
    CHECK(std::count(v.begin(), v.end(), op::SWAP) == 2);
  }
  SUBCASE("a run of SWAPs shrinks to the shortest equivalent") {
    Fn f(3, 3);
    f.s.emit(op::LOAD_FAST, 0, at(2, 0, 1));
    f.s.emit(op::LOAD_FAST, 1, at(2, 0, 1));
    f.s.emit(op::LOAD_FAST, 2, at(2, 0, 1));
    f.s.emit(op::SWAP, 2, at(2, 0, 1));
    f.s.emit(op::SWAP, 2, at(2, 0, 1));  // cancels the first
    f.s.emit(op::SWAP, 3, at(2, 0, 1));
    f.s.emit(op::BUILD_TUPLE, 3, at(2, 0, 1));
    f.s.emit(op::RETURN_VALUE, 0, at(2, 0, 1));
    REQUIRE(f.run());
    auto d = decode(f.co);
    CHECK(ops(f.co) == std::vector<int>{op::LOAD_FAST, op::LOAD_FAST, op::LOAD_FAST, op::SWAP,
                                        op::BUILD_TUPLE, op::RETURN_VALUE});
    CHECK(d[3].arg == 3);
  }
}

TEST_CASE("assembler: instructions CPython adds have no location") {
  SUBCASE("the JUMP_BACKWARD under an inverted conditional jump") {
    Fn f;
    int top = f.s.new_label();
    f.s.bind(top);
    f.s.emit(op::LOAD_FAST, 0, at(2, 10, 11));
    f.s.emit_jump(op::POP_JUMP_IF_TRUE, top, at(2, 4, 11));
    f.ret_none(at(3, 4, 8));
    REQUIRE(f.run());
    auto d = decode(f.co);
    REQUIRE(d[2].op == op::JUMP_BACKWARD);
    CHECK(location_of(f.co, d[1].offset).lineno == 2);
    CHECK(location_of(f.co, d[2].offset).lineno == -1);
  }
  SUBCASE("the POP_TOP after RETURN_GENERATOR, even when emitted with one") {
    Fn f(0, 0);
    f.co.flags |= CO_GENERATOR;
    f.s.emit(op::RETURN_GENERATOR, 0, {1, 1, -1, -1});
    f.s.emit(op::POP_TOP, 0, {1, 1, -1, -1});
    f.s.emit(op::RESUME, 0, at(1, 0, 0));
    f.ret_none(at(2, 4, 11));
    REQUIRE(f.run());
    auto d = decode(f.co);
    REQUIRE(d[1].op == op::POP_TOP);
    CHECK(location_of(f.co, d[0].offset).lineno == 1);
    CHECK(location_of(f.co, d[1].offset).lineno == -1);
    CHECK(location_of(f.co, d[2].offset).lineno == 1);
  }
}

TEST_CASE("assembler: LOAD_METHOD and the super forms encode their bits") {
  Fn f(1, 1);
  f.s.emit(op::LOAD_FAST, 0, at(1, 0, 1));
  f.s.emit(op::LOAD_METHOD, 5, at(1, 0, 3));
  f.s.emit(op::POP_TOP, 0, at(1, 0, 3));
  f.s.emit(op::POP_TOP, 0, at(1, 0, 3));
  f.s.emit(op::LOAD_FAST, 0, at(1, 0, 1));
  f.s.emit(op::LOAD_ATTR, name_oparg(op::LOAD_ATTR, 6), at(1, 0, 3));
  f.s.emit(op::POP_TOP, 0, at(1, 0, 3));
  f.ret_none(at(1, 0, 3));
  REQUIRE(f.run());
  auto d = decode(f.co);
  CHECK(d[1].op == op::LOAD_ATTR);
  CHECK(d[1].arg == (5 << 1 | 1));
  CHECK(d[5].arg == 12);
  CHECK(f.co.stacksize == 2);
}

TEST_CASE("assembler: YIELD_VALUE's oparg is the depth of the handler stack") {
  Fn f(0, 0);
  f.co.flags |= CO_GENERATOR;
  int h = f.s.new_label();
  f.s.emit(op::RETURN_GENERATOR, 0, kNoLocation);
  f.s.emit(op::POP_TOP, 0, kNoLocation);
  f.s.emit(op::RESUME, 0, at(1, 0, 0));
  f.s.emit_jump(op::SETUP_CLEANUP, h, kNoLocation);
  f.s.emit(op::LOAD_CONST, 0, at(2, 10, 11));
  f.s.emit(op::YIELD_VALUE, 0, at(2, 4, 11));
  f.s.emit(op::RESUME, 1, at(2, 4, 11));
  f.s.emit(op::POP_TOP, 0, at(2, 4, 11));
  f.s.emit(op::POP_BLOCK, 0, kNoLocation);
  f.ret_none(at(2, 4, 11));
  f.s.bind(h);
  f.s.emit(op::RERAISE, 1, kNoLocation);
  REQUIRE(f.run());
  auto d = decode(f.co);
  CHECK(d[4].op == op::YIELD_VALUE);
  CHECK(d[4].arg == 1);
  // Before RESUME nothing is covered: the table starts at the LOAD_CONST.
  std::vector<ExceptionEntry> e;
  REQUIRE(decode_exceptiontable(f.co.exceptiontable, e));
  REQUIRE(e.size() == 1);
  CHECK(e[0].start == d[3].offset);
  CHECK(e[0].depth == 0);
  CHECK(e[0].lasti);
  // The prefix has no location; the generated RESUME has the def line.
  CHECK(location_of(f.co, 0).lineno == -1);
}

TEST_CASE("assembler: locations: inheritance, no location, long runs, long form") {
  Fn f(1, 1);
  f.s.emit(op::NOP, 0, kNoLocation);                 // dropped: no line
  f.s.emit(op::LOAD_FAST, 0, {10, 12, 4, 2});        // multi-line: long form
  f.s.emit(op::POP_TOP, 0, kNoLocation);             // inherits
  for (int k = 0; k < 10; ++k) f.s.emit(op::LOAD_FAST, 0, {3, 3, -1, -1});  // line only
  for (int k = 0; k < 10; ++k) f.s.emit(op::POP_TOP, 0, {3, 3, -1, -1});
  f.s.emit(op::LOAD_FAST, 0, at(3, 200, 210));       // columns too big for short forms
  f.s.emit(op::POP_TOP, 0, at(3, 200, 210));
  f.ret_none(at(1, 0, 1));                           // a line before firstlineno's
  REQUIRE(f.run(2));
  auto locs = locations(f.co, 2);
  std::vector<LocationEntry> expect{
      {0, 2, {10, 12, 4, 2}}, {2, 10, {3, 3, -1, -1}}, {10, 18, {3, 3, -1, -1}},
      {18, 22, {3, 3, -1, -1}}, {22, 24, at(3, 200, 210)}, {24, 25, at(1, 0, 1)}};
  REQUIRE(locs.size() == expect.size());
  for (size_t k = 0; k < expect.size(); ++k) {
    CHECK(locs[k].start == expect[k].start);
    CHECK(locs[k].end == expect[k].end);
    CHECK(locs[k].loc == expect[k].loc);
  }
}

TEST_CASE("assembler: compiler bugs are reported, not crashes") {
  SUBCASE("unbound label") {
    Fn f;
    int l = f.s.new_label();
    f.s.emit(op::LOAD_FAST, 0, at(1, 0, 1));
    f.s.emit_jump(op::POP_JUMP_IF_TRUE, l, at(1, 0, 1));
    f.ret_none(at(1, 0, 1));
    CHECK(!f.run());
    CHECK(f.err.msg.find("label") != std::string::npos);
  }
  SUBCASE("falling off the end") {
    Fn f;
    f.s.emit(op::LOAD_FAST, 0, at(1, 0, 1));
    f.s.emit(op::POP_TOP, 0, at(1, 0, 1));
    CHECK(!f.run());
  }
  SUBCASE("POP_BLOCK without SETUP") {
    Fn f;
    f.s.emit(op::POP_BLOCK, 0, at(1, 0, 1));
    f.ret_none(at(1, 0, 1));
    CHECK(!f.run());
  }
  SUBCASE("stack underflow") {
    Fn f;
    f.s.emit(op::POP_TOP, 0, at(4, 0, 1));
    f.ret_none(at(4, 0, 1));
    CHECK(!f.run());
    CHECK(f.err.lineno == 4);
  }
  SUBCASE("two depths at one block") {
    Fn f;
    int l = f.s.new_label();
    f.s.emit(op::LOAD_FAST, 0, at(1, 0, 1));
    f.s.emit(op::LOAD_FAST, 0, at(1, 0, 1));
    f.s.emit_jump(op::POP_JUMP_IF_TRUE, l, at(1, 0, 1));
    f.s.emit(op::POP_TOP, 0, at(1, 0, 1));
    f.s.bind(l);
    f.ret_none(at(1, 0, 1));
    CHECK(!f.run());
  }
}

// -- The table encodings, against CPython 3.11 ------------------------------------------
// Bytes of co_linetable / co_exceptiontable of this function, compiled by python3.11,
// with co_positions() and dis._parse_exception_table() in code units:
//
//   def f(a, b):
//       try:
//           x = a +   b
//       except ValueError as e:
//           return (a,
//                   b)
//       return x if x else [a, b, ... (36 items) ..., a, b]

namespace {
const std::vector<uint8_t> kCpyLinetable{
    128, 0, 240, 2, 4, 5, 19, 216, 12, 13, 144, 33, 137, 71, 136, 1, 136, 1, 248, 221, 11, 21, 240,
    0, 2, 5, 19, 240, 0, 2, 5, 19, 240, 0, 2, 5, 19, 216, 16, 17, 216, 16, 17, 240, 3, 1, 16, 19,
    240, 0, 1, 9, 19, 240, 0, 1, 9, 19, 240, 0, 1, 9, 19, 240, 0, 1, 9, 19, 240, 0, 1, 9, 19, 240,
    0, 1, 9, 19, 248, 248, 248, 248, 240, 3, 2, 5, 19, 248, 248, 248, 240, 6, 0, 17, 18, 240, 0, 0,
    12, 68, 2, 136, 49, 136, 49, 240, 0, 0, 24, 68, 2, 152, 1, 240, 0, 0, 24, 68, 2, 152, 49, 240,
    0, 0, 24, 68, 2, 152, 97, 240, 0, 0, 24, 68, 2, 160, 17, 240, 0, 0, 24, 68, 2, 160, 65, 240, 0,
    0, 24, 68, 2, 160, 113, 240, 0, 0, 24, 68, 2, 168, 33, 240, 0, 0, 24, 68, 2, 168, 81, 240, 0,
    0, 24, 68, 2, 176, 1, 240, 0, 0, 24, 68, 2, 176, 49, 240, 0, 0, 24, 68, 2, 176, 97, 240, 0, 0,
    24, 68, 2, 184, 17, 240, 0, 0, 24, 68, 2, 184, 65, 240, 0, 0, 24, 68, 2, 184, 113, 240, 0, 0,
    24, 68, 2, 192, 33, 240, 0, 0, 24, 68, 2, 192, 81, 240, 0, 0, 24, 68, 2, 200, 1, 240, 0, 0, 24,
    68, 2, 200, 49, 240, 0, 0, 24, 68, 2, 200, 97, 240, 0, 0, 24, 68, 2, 208, 81, 82, 240, 0, 0,
    24, 68, 2, 208, 84, 85, 240, 0, 0, 24, 68, 2, 208, 87, 88, 240, 0, 0, 24, 68, 2, 208, 90, 91,
    240, 0, 0, 24, 68, 2, 208, 93, 94, 240, 0, 0, 24, 68, 2, 208, 96, 97, 240, 0, 0, 24, 68, 2, 208,
    99, 100, 240, 0, 0, 24, 68, 2, 208, 102, 103, 240, 0, 0, 24, 68, 2, 208, 105, 106, 240, 0, 0,
    24, 68, 2, 208, 108, 109, 240, 0, 0, 24, 68, 2, 208, 111, 112, 240, 0, 0, 24, 68, 2, 208, 114,
    115, 240, 0, 0, 24, 68, 2, 208, 117, 118, 240, 0, 0, 24, 68, 2, 208, 120, 121, 240, 0, 0, 24,
    68, 2, 208, 123, 124, 240, 0, 0, 24, 68, 2, 208, 126, 127, 240, 0, 0, 24, 68, 2, 240, 0, 0, 66,
    2, 67, 2, 240, 0, 0, 24, 68, 2, 240, 0, 0, 5, 68, 2};

// (start, end, (line, end_line, col, end_col)) runs of equal positions.
struct Run { int start, end, line, end_line, col, end_col; };
const std::vector<Run> kCpyPositions{
    {0, 1, 1, 1, 0, 0}, {1, 2, 2, 6, 4, 18}, {2, 3, 3, 3, 12, 13}, {3, 4, 3, 3, 18, 19},
    {4, 6, 3, 3, 12, 19}, {6, 8, 3, 3, 8, 9}, {8, 9, -1, -1, -1, -1}, {9, 15, 4, 4, 11, 21},
    {15, 18, 4, 6, 4, 18}, {18, 19, 5, 5, 16, 17}, {19, 20, 6, 6, 16, 17}, {20, 21, 5, 6, 15, 18},
    {21, 27, 5, 6, 8, 18}, {27, 31, -1, -1, -1, -1}, {31, 32, 4, 6, 4, 18},
    {32, 35, -1, -1, -1, -1}, {35, 36, 7, 7, 16, 17}, {36, 37, 7, 7, 11, 131},
    {37, 39, 7, 7, 11, 12}, {39, 40, 7, 7, 23, 131}};
// ... then, from unit 40, one unit of (7, 7, 24 + 3k, 25 + 3k) and one of (7, 7, 23, 131)
// for k = 0..35; then {112, 113, 7, 7, 4, 131}.
std::vector<Run> cpy_positions() {
  std::vector<Run> v = kCpyPositions;
  int unit = 40;
  for (int k = 0; k < 36; ++k) {
    v.push_back({unit, unit + 1, 7, 7, 24 + 3 * k, 25 + 3 * k});
    ++unit;
    v.push_back({unit, unit + 1, 7, 7, 23, 131});
    ++unit;
  }
  v.push_back({unit, unit + 1, 7, 7, 4, 131});
  return v;
}

const std::vector<uint8_t> kCpyExceptionTable{130, 5, 8, 0, 136, 10, 32, 3, 146, 3,
                                              27, 3, 149, 1, 32, 3, 155, 5, 32, 3};
const std::vector<ExceptionEntry> kCpyExceptions{
    {2, 7, 8, 0, false}, {8, 18, 32, 1, true}, {18, 21, 27, 1, true},
    {21, 22, 32, 1, true}, {27, 32, 32, 1, true}};
}  // namespace

TEST_CASE("linetable: encoder and decoder agree with CPython 3.11's bytes") {
  std::vector<LocationEntry> runs;
  for (const Run& r : cpy_positions())
    runs.push_back({r.start, r.end, {r.line, r.end_line, r.col, r.end_col}});
  CHECK(runs.back().end == 113);

  std::vector<LocationEntry> decoded;
  REQUIRE(decode_linetable(kCpyLinetable, 1, decoded));
  // 3.11 writes an entry per instruction (3.12 and the assembler merge equal neighbours):
  // re-encoding its entries must choose the same forms, byte for byte.
  CHECK(encode_linetable(decoded, 1) == kCpyLinetable);
  // The decoder gives entries of at most 8 units: merge equal neighbours to compare.
  std::vector<LocationEntry> merged;
  for (const LocationEntry& e : decoded) {
    if (!merged.empty() && merged.back().loc == e.loc && merged.back().end == e.start)
      merged.back().end = e.end;
    else
      merged.push_back(e);
  }
  REQUIRE(merged.size() == runs.size());
  for (size_t k = 0; k < runs.size(); ++k) {
    CHECK(merged[k].start == runs[k].start);
    CHECK(merged[k].end == runs[k].end);
    CHECK(merged[k].loc == runs[k].loc);
  }
}

TEST_CASE("exception table: encoder and decoder agree with CPython 3.11's bytes") {
  CHECK(encode_exceptiontable(kCpyExceptions) == kCpyExceptionTable);
  std::vector<ExceptionEntry> e;
  REQUIRE(decode_exceptiontable(kCpyExceptionTable, e));
  REQUIRE(e.size() == kCpyExceptions.size());
  for (size_t k = 0; k < e.size(); ++k) {
    CHECK(e[k].start == kCpyExceptions[k].start);
    CHECK(e[k].end == kCpyExceptions[k].end);
    CHECK(e[k].target == kCpyExceptions[k].target);
    CHECK(e[k].depth == kCpyExceptions[k].depth);
    CHECK(e[k].lasti == kCpyExceptions[k].lasti);
  }
  // Multi-byte items: big-endian 6-bit groups.
  std::vector<ExceptionEntry> big{{70000, 70300, 1 << 20, 300, true}};
  std::vector<ExceptionEntry> back;
  REQUIRE(decode_exceptiontable(encode_exceptiontable(big), back));
  REQUIRE(back.size() == 1);
  CHECK(back[0].start == 70000);
  CHECK(back[0].end == 70300);
  CHECK(back[0].target == 1 << 20);
  CHECK(back[0].depth == 300);
  CHECK(back[0].lasti);
}

TEST_CASE("table decoders reject garbage without crashing") {
  std::mt19937 rng(12345);
  for (int round = 0; round < 2000; ++round) {
    std::vector<uint8_t> bytes(rng() % 40);
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng());
    std::vector<LocationEntry> l;
    std::vector<ExceptionEntry> e;
    (void)decode_linetable(bytes, 1, l);
    (void)decode_exceptiontable(bytes, e);
  }
  std::vector<LocationEntry> l;
  CHECK(!decode_linetable({0x80 | (14 << 3)}, 1, l));  // long form cut short
  std::vector<ExceptionEntry> e;
  CHECK(!decode_exceptiontable({0x05}, e));  // no start marker
}

TEST_CASE("assembler: random instruction sequences never crash") {
  // Real and pseudo opcodes with random opargs, jumps to random labels: the result is
  // either a code object or a reported error.
  std::mt19937 rng(7);
  const int picks[] = {op::LOAD_FAST, op::LOAD_CONST, op::POP_TOP, op::NOP, op::STORE_FAST,
                       op::DELETE_FAST, op::RETURN_VALUE, op::BUILD_TUPLE, op::UNPACK_SEQUENCE,
                       op::IS_OP, op::PUSH_EXC_INFO, op::POP_EXCEPT, op::RERAISE, op::COPY,
                       op::POP_BLOCK, op::YIELD_VALUE, op::LOAD_METHOD, op::END_FOR};
  const int jumps[] = {op::JUMP, op::JUMP_NO_INTERRUPT, op::POP_JUMP_IF_FALSE,
                       op::POP_JUMP_IF_TRUE, op::POP_JUMP_IF_NONE, op::FOR_ITER,
                       op::SETUP_FINALLY, op::SETUP_CLEANUP, op::SETUP_WITH};
  int ok = 0;
  for (int round = 0; round < 3000; ++round) {
    Fn f(1, 3, 300);
    int nlabels = 1 + static_cast<int>(rng() % 6);
    std::vector<int> labels;
    for (int k = 0; k < nlabels; ++k) labels.push_back(f.s.new_label());
    int n = static_cast<int>(rng() % 40);
    std::vector<int> unbound = labels;
    for (int k = 0; k < n; ++k) {
      Location loc = (rng() % 4) ? at(1 + static_cast<int>(rng() % 5), 0, 1) : kNoLocation;
      unsigned r = rng() % 10;
      if (r < 2 && !unbound.empty()) {
        f.s.bind(unbound.back());
        unbound.pop_back();
      } else if (r < 4) {
        f.s.emit_jump(jumps[rng() % std::size(jumps)], labels[rng() % labels.size()], loc);
      } else {
        int o = picks[rng() % std::size(picks)];
        f.s.emit(o, static_cast<int>(rng() % ((rng() % 8) ? 3 : 300)), loc);
      }
    }
    for (int l : unbound) f.s.bind(l);
    f.ret_none(at(9, 0, 1));
    if (f.run()) ++ok;
  }
  CHECK(ok > 0);
}
