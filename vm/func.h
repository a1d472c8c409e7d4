// vm/func.h — code objects at run time, functions, cells and bound methods.
// Implemented in vm/code.cpp and vm/func.cpp.
#pragma once
#include <memory>
#include <span>

#include <vector>

#include "frontend/code.h"
#include "frontend/code_tables.h"
#include "vm/object.h"

namespace strata {

class CodeImage;

// A code object as the runtime holds it (CPython's `code` type). It is made from the
// compiler's CodeObject (frontend/code.h), usually one decoded from a code image; the
// bytecode of tier 0 is the image's, read in place (decision 7).
struct CodeRT {
  Object ob;
  std::shared_ptr<CodeObject> src;  // names, tables, flags: as decoded
  std::span<const uint16_t> units;  // the bytecode tier 0 runs (the image's, or src->code)
  uint16_t* quickened;              // tier 1's writable copy, or null (vm/specialize.cpp)
  std::shared_ptr<CodeImage> image; // keeps `units` and undecoded nested code alive
  Value* consts;                    // co_consts as Values (nested code: CodeRT, lazily)
  Value* names;                     // co_names, interned str
  Value* localsplusnames;           // interned str
  Value name, qualname, filename;   // str
  int32_t nconsts, nnames, nlocalsplus, nlocals, ncells, nfrees;
  int32_t argcount, posonlyargcount, kwonlyargcount, stacksize, firstlineno;
  uint32_t flags;                   // CodeFlag
  uint32_t executions;              // calls so far (promotion to tier 1 on the second)
  uint32_t backedges;               // loop iterations run at tier 0 (a hot loop promotes)
  uint32_t image_offset;            // the record's offset in `image`
  std::vector<ExceptionEntry>* handlers;  // the decoded exception table, on first need
  std::vector<Position>* positions;       // decoded locations, on first need
  Value weakreflist;
};

// A code object for src (and its image, when src was decoded from one); nested code
// constants stay undecoded until code_const() is first asked for them.
Value code_new(std::shared_ptr<CodeObject> src, std::shared_ptr<CodeImage> image,
               uint32_t image_offset);
// co_consts[i], decoding a nested code object on first use (null with an exception if
// the image is corrupt). Borrowed.
Value code_const(CodeRT* code, int32_t i);
// The exception table, decoded on first use.
const std::vector<ExceptionEntry>& code_exception_table(CodeRT* code);
const std::vector<Position>& code_positions_table(CodeRT* code);
// The source line of the instruction at code-unit index `index`, or -1.
int code_line(CodeRT* code, int index);
// Full positions (line, end line, column, end column; -1 when unknown), as 3.11's
// co_positions() gives them; used for traceback carets.
bool code_positions(CodeRT* code, int index, int* line, int* end_line, int* col,
                    int* end_col);

struct FunctionObject {
  Object ob;
  Value code;         // CodeRT
  Value globals;      // dict
  Value builtins;     // dict
  Value name, qualname;
  Value defaults;     // tuple or null
  Value kwdefaults;   // dict or null
  Value closure;      // tuple of cells or null
  Value doc;
  Value dict;         // __dict__ or null
  Value annotations;  // dict or null
  Value module;       // __module__
  Value weakreflist;
  uint32_t version;   // changes when code/defaults change (CALL specialization guard)
};

// A new function for code (CodeRT) in `globals`; builtins are taken from
// globals["__builtins__"] (a module or dict) or the builtins module.
Value function_new(Value code, Value globals, Value qualname);

struct CellObject {
  Object ob;
  Value ref;  // null when empty
};
Value cell_new(Value v);  // v may be null

struct MethodObject {  // a bound method
  Object ob;
  Value func;
  Value self;
  Value weakreflist;
};
Value method_new(Value func, Value self);

}  // namespace strata
