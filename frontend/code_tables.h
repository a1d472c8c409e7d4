// frontend/code_tables.h — reading a code object's location table and exception table
// (CPython 3.11's encodings, which frontend/assembler.cpp writes). Used by the runtime
// (line numbers, traceback carets, exception handlers) and by tools/dis.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "frontend/code.h"

namespace strata {

// The source positions of one code unit; -1 where unknown (as co_positions() None).
struct Position {
  int line = -1, end_line = -1, col = -1, end_col = -1;
};

// Positions of every code unit of `co` (index = code-unit index). A malformed table
// ends the decoding; the remaining units get unknown positions.
std::vector<Position> decode_positions(const CodeObject& co);

struct ExceptionEntry {
  int start, end, target, depth;  // code units; end exclusive
  bool lasti;                     // push the raising instruction's offset before the exception
};

// The exception table's entries in order; a malformed table ends the decoding.
std::vector<ExceptionEntry> decode_exception_table(std::span<const uint8_t> table);

}  // namespace strata
