// tools/dis.h — `strata -m dis`: prints code objects in the layout of CPython 3.11's
// `dis` module (python3.11 -m dis FILE), for Strata's own (CPython 3.12-style) opcodes.
#pragma once
#include <string>
#include <vector>

#include "frontend/code.h"

namespace strata {

// The disassembly of `code` and, after it, of every code object among its constants
// (depth first), laid out as `dis.dis(code)` does. A code object shows as
// <code object NAME at 0x000000000002, file "F", line N>: a fake address, the object's
// number in that depth-first order (1 is `code` itself) in 12 hex digits, so that the
// output is stable. Frozen sets print in insertion order.
std::string disassemble(const CodeObject& code);

// `strata -m dis [infile]` (args: what follows `-m dis`). Returns the exit status.
int run_dis_tool(const std::vector<std::string>& args);

}  // namespace strata
