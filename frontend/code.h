// frontend/code.h — a code object as the compiler produces it and the code image
// stores it: CPython 3.11's code object fields, with bytecode from vm/instructions.def.
// This is the interface between the compiler (frontend/compiler.cpp), the image writer
// and reader (frontend/code_image.cpp) and the disassembler (tools/dis.cpp).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace strata {

// co_flags, with CPython's values (inspect and the runtime read them).
enum CodeFlag : uint32_t {
  CO_OPTIMIZED = 0x1,
  CO_NEWLOCALS = 0x2,
  CO_VARARGS = 0x4,
  CO_VARKEYWORDS = 0x8,
  CO_NESTED = 0x10,
  CO_GENERATOR = 0x20,
  CO_NOFREE = 0x40,
  CO_COROUTINE = 0x80,
  CO_ITERABLE_COROUTINE = 0x100,
  CO_ASYNC_GENERATOR = 0x200,
};

// The kind of each "localsplus" slot (CPython 3.11's co_localspluskinds).
enum LocalKind : uint8_t {
  CO_FAST_LOCAL = 0x20,
  CO_FAST_CELL = 0x40,
  CO_FAST_FREE = 0x80,
};

struct CodeObject;

// A constant in co_consts.
enum class ConstTag : uint8_t {
  None, False, True, Ellipsis,
  Int,        // i
  BigInt,     // text: decimal digits, with a leading '-' when negative
  Float,      // re
  Complex,    // re, im
  Str,        // text: UTF-8 (lone surrogates as their 3-byte encodings)
  Bytes,      // text: raw bytes
  Tuple,      // items
  FrozenSet,  // items (in insertion order; the runtime builds the set)
  Code,       // code; or, read from an image and not decoded yet, image_offset
};

struct Const {
  ConstTag tag = ConstTag::None;
  int64_t i = 0;
  double re = 0, im = 0;
  std::string text;
  std::vector<Const> items;
  std::shared_ptr<CodeObject> code;
  uint32_t image_offset = 0;  // a nested code object still serialized in its image
};

struct CodeObject {
  std::string name;       // co_name
  std::string qualname;   // co_qualname
  std::string filename;   // co_filename
  int32_t argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  uint32_t flags = 0;     // CodeFlag bits
  int32_t firstlineno = 1;
  int32_t stacksize = 0;
  // Code units: the opcode in the low byte, its argument in the high byte; inline cache
  // entries follow the instructions that have them (see vm/instructions.def).
  std::vector<uint16_t> code;
  std::vector<Const> consts;
  std::vector<std::string> names;            // co_names
  std::vector<std::string> localsplusnames;  // locals, then cells, then free variables
  std::vector<uint8_t> localspluskinds;      // LocalKind bits, one per name
  std::vector<uint8_t> linetable;            // CPython 3.11's location table encoding
  std::vector<uint8_t> exceptiontable;       // CPython 3.11's exception table encoding
};

}  // namespace strata
