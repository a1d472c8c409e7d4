// vm/code.cpp — the runtime's code objects (`code`): built from the compiler's CodeObject,
// running tier 0 straight from the code image's bytes, decoding nested code objects on
// first use (decision 7), and answering line/position questions from the location table.
#include <cstdio>
#include <new>

#include "frontend/code_image.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/float.h"
#include "vm/func.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/set.h"
#include "vm/str.h"
#include "vm/tuple.h"

namespace strata {

namespace {

// CPython interns string constants made only of name characters.
bool all_name_chars(const std::string& s) {
  for (unsigned char c : s) {
    if (!(c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      return false;
    }
  }
  return true;
}

// A constant as a Value; nested code is left null (code_const decodes it).
Value make_const(const Const& c) {
  switch (c.tag) {
    case ConstTag::None: return None();
    case ConstTag::False: return False();
    case ConstTag::True: return True();
    case ConstTag::Ellipsis: return Ellipsis();
    case ConstTag::Int: return int_from_i64(c.i);
    case ConstTag::BigInt: return int_from_string(c.text, 10);
    case ConstTag::Float: return float_new(c.re);
    case ConstTag::Complex: return complex_new(c.re, c.im);
    case ConstTag::Str:
      if (all_name_chars(c.text)) return intern(c.text);
      return str_from_utf8(c.text);
    case ConstTag::Bytes: return bytes_from(c.text);
    case ConstTag::Tuple:
    case ConstTag::FrozenSet: {
      Value t = tuple_new(static_cast<int64_t>(c.items.size()));
      if (!t) return Value();
      for (size_t i = 0; i < c.items.size(); i++) {
        Value item = make_const(c.items[i]);
        if (!item) {
          decref(t);
          return Value();
        }
        tuple_items(t)[i] = item;
      }
      if (c.tag == ConstTag::Tuple) return t;
      Value fs = frozenset_new(t);
      decref(t);
      return fs;
    }
    case ConstTag::Code:
      return Value();
  }
  return Value();
}

void code_dealloc(Object* o) {
  CodeRT* c = reinterpret_cast<CodeRT*>(o);
  for (int i = 0; i < c->nconsts; i++) xdecref(c->consts[i]);
  for (int i = 0; i < c->nnames; i++) xdecref(c->names[i]);
  for (int i = 0; i < c->nlocalsplus; i++) xdecref(c->localsplusnames[i]);
  delete[] c->consts;
  delete[] c->names;
  delete[] c->localsplusnames;
  xdecref(c->name);
  xdecref(c->qualname);
  xdecref(c->filename);
  mem_free(c->quickened);
  delete c->handlers;
  delete c->positions;
  c->src.~shared_ptr<CodeObject>();
  c->image.~shared_ptr<CodeImage>();
  free_object(o);
}

Value code_repr(Value v) {
  CodeRT* c = v.as<CodeRT>();
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(c));
  return str_format_c("<code object %U at %s, file \"%U\", line %d>", c->name, addr, c->filename,
                      c->firstlineno);
}

// Names of localsplus slots whose kind has `bit`, as a tuple.
Value names_of_kind(CodeRT* c, uint8_t bit) {
  int n = 0;
  for (int i = 0; i < c->nlocalsplus; i++) n += (c->src->localspluskinds[i] & bit) != 0;
  Value t = tuple_new(n);
  if (!t) return t;
  int k = 0;
  for (int i = 0; i < c->nlocalsplus; i++) {
    if (c->src->localspluskinds[i] & bit) tuple_items(t)[k++] = newref(c->localsplusnames[i]);
  }
  return t;
}

Value get_name(Value self) { return newref(self.as<CodeRT>()->name); }
Value get_qualname(Value self) { return newref(self.as<CodeRT>()->qualname); }
Value get_filename(Value self) { return newref(self.as<CodeRT>()->filename); }
Value get_firstlineno(Value self) { return int_from_i64(self.as<CodeRT>()->firstlineno); }
Value get_argcount(Value self) { return int_from_i64(self.as<CodeRT>()->argcount); }
Value get_posonlyargcount(Value self) { return int_from_i64(self.as<CodeRT>()->posonlyargcount); }
Value get_kwonlyargcount(Value self) { return int_from_i64(self.as<CodeRT>()->kwonlyargcount); }
Value get_flags(Value self) { return int_from_i64(self.as<CodeRT>()->flags); }
Value get_stacksize(Value self) { return int_from_i64(self.as<CodeRT>()->stacksize); }
Value get_nlocals(Value self) { return int_from_i64(self.as<CodeRT>()->nlocals); }
Value get_varnames(Value self) { return names_of_kind(self.as<CodeRT>(), CO_FAST_LOCAL); }
Value get_cellvars(Value self) { return names_of_kind(self.as<CodeRT>(), CO_FAST_CELL); }
Value get_freevars(Value self) { return names_of_kind(self.as<CodeRT>(), CO_FAST_FREE); }
Value get_names(Value self) {
  CodeRT* c = self.as<CodeRT>();
  return tuple_from(c->names, c->nnames);
}
Value get_consts(Value self) {
  CodeRT* c = self.as<CodeRT>();
  for (int i = 0; i < c->nconsts; i++) {
    if (!code_const(c, i)) return Value();
  }
  return tuple_from(c->consts, c->nconsts);
}
Value get_code(Value self) {
  CodeRT* c = self.as<CodeRT>();
  return bytes_from(std::string_view(reinterpret_cast<const char*>(c->units.data()),
                                     c->units.size() * 2));
}

const GetSetDef code_getset[] = {
    {"co_name", get_name, nullptr, nullptr},
    {"co_qualname", get_qualname, nullptr, nullptr},
    {"co_filename", get_filename, nullptr, nullptr},
    {"co_firstlineno", get_firstlineno, nullptr, nullptr},
    {"co_argcount", get_argcount, nullptr, nullptr},
    {"co_posonlyargcount", get_posonlyargcount, nullptr, nullptr},
    {"co_kwonlyargcount", get_kwonlyargcount, nullptr, nullptr},
    {"co_flags", get_flags, nullptr, nullptr},
    {"co_stacksize", get_stacksize, nullptr, nullptr},
    {"co_nlocals", get_nlocals, nullptr, nullptr},
    {"co_varnames", get_varnames, nullptr, nullptr},
    {"co_cellvars", get_cellvars, nullptr, nullptr},
    {"co_freevars", get_freevars, nullptr, nullptr},
    {"co_names", get_names, nullptr, nullptr},
    {"co_consts", get_consts, nullptr, nullptr},
    {"co_code", get_code, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Value code_lines(Value self, const Value*, size_t, Value) {
  // co_lines(): (start, end, line) byte ranges, merging equal consecutive lines.
  CodeRT* c = self.as<CodeRT>();
  Value out = list_new(0);
  if (!out) return out;
  const std::vector<Position>& pos = code_positions_table(c);
  size_t i = 0;
  while (i < pos.size()) {
    size_t j = i + 1;
    while (j < pos.size() && pos[j].line == pos[i].line) j++;
    Value line = pos[i].line < 0 ? None() : int_from_i64(pos[i].line);
    Value t = tuple_pack({int_from_i64(static_cast<int64_t>(i) * 2),
                          int_from_i64(static_cast<int64_t>(j) * 2), line});
    if (!t || list_append(out, t) < 0) {
      xdecref(t);
      decref(out);
      return Value();
    }
    decref(t);
    i = j;
  }
  Value it = get_iter(out);
  decref(out);
  return it;
}

const MethodDef code_methods[] = {
    {"co_lines", code_lines, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Type CodeType = {
    .ob = {kImmortal, &TypeType},
    .name = "code",
    .basicsize = sizeof(CodeRT),
    .dealloc = code_dealloc,
    .repr = code_repr,
    .methods = code_methods,
    .getset = code_getset,
};

Value code_new(std::shared_ptr<CodeObject> src, std::shared_ptr<CodeImage> image,
               uint32_t image_offset) {
  Object* o = alloc_object(&CodeType, sizeof(CodeRT));
  if (!o) return Value();
  CodeRT* c = reinterpret_cast<CodeRT*>(o);
  new (&c->src) std::shared_ptr<CodeObject>(std::move(src));
  new (&c->image) std::shared_ptr<CodeImage>(std::move(image));
  new (&c->units) std::span<const uint16_t>();
  const CodeObject& co = *c->src;
  Value self = Value::from(o);
  if (c->image) c->units = c->image->code_units(image_offset);
  if (c->units.size() != co.code.size()) c->units = std::span<const uint16_t>(co.code);
  c->image_offset = image_offset;
  c->nconsts = static_cast<int32_t>(co.consts.size());
  c->nnames = static_cast<int32_t>(co.names.size());
  c->nlocalsplus = static_cast<int32_t>(co.localsplusnames.size());
  c->consts = new Value[c->nconsts]();
  c->names = new Value[c->nnames]();
  c->localsplusnames = new Value[c->nlocalsplus]();
  for (int i = 0; i < c->nlocalsplus; i++) {
    uint8_t k = co.localspluskinds[i];
    if (k & CO_FAST_LOCAL) c->nlocals++;
    if (k & CO_FAST_CELL) c->ncells++;
    if (k & CO_FAST_FREE) c->nfrees++;
  }
  c->argcount = co.argcount;
  c->posonlyargcount = co.posonlyargcount;
  c->kwonlyargcount = co.kwonlyargcount;
  c->stacksize = co.stacksize;
  c->firstlineno = co.firstlineno;
  c->flags = co.flags;
  c->name = intern(co.name);
  c->qualname = str_from_utf8(co.qualname);
  c->filename = str_from_utf8(co.filename);
  if (!c->qualname || !c->filename) {
    decref(self);
    return Value();
  }
  for (int i = 0; i < c->nnames; i++) c->names[i] = intern(co.names[i]);
  for (int i = 0; i < c->nlocalsplus; i++) c->localsplusnames[i] = intern(co.localsplusnames[i]);
  for (int i = 0; i < c->nconsts; i++) {
    if (co.consts[i].tag == ConstTag::Code) continue;
    c->consts[i] = make_const(co.consts[i]);
    if (!c->consts[i]) {
      decref(self);
      return Value();
    }
  }
  return self;
}

Value code_const(CodeRT* code, int32_t i) {
  if (code->consts[i]) return code->consts[i];
  const Const& k = code->src->consts[i];
  if (k.tag != ConstTag::Code) return Value();
  if (k.code) {
    code->consts[i] = code_new(k.code, nullptr, 0);
  } else if (code->image) {
    std::string why;
    std::shared_ptr<CodeObject> nested = code->image->decode(k.image_offset, &why);
    if (!nested) {
      raise(SystemError, "corrupt code image: %s", why.c_str());
      return Value();
    }
    code->consts[i] = code_new(std::move(nested), code->image, k.image_offset);
  } else {
    raise(SystemError, "code constant without code");
  }
  return code->consts[i];
}

const std::vector<ExceptionEntry>& code_exception_table(CodeRT* code) {
  if (!code->handlers) {
    code->handlers = new std::vector<ExceptionEntry>(
        decode_exception_table(code->src->exceptiontable));
  }
  return *code->handlers;
}

const std::vector<Position>& code_positions_table(CodeRT* code) {
  if (!code->positions) code->positions = new std::vector<Position>(decode_positions(*code->src));
  return *code->positions;
}

int code_line(CodeRT* code, int index) {
  const std::vector<Position>& pos = code_positions_table(code);
  if (index < 0 || static_cast<size_t>(index) >= pos.size()) return -1;
  return pos[index].line;
}

bool code_positions(CodeRT* code, int index, int* line, int* end_line, int* col, int* end_col) {
  const std::vector<Position>& pos = code_positions_table(code);
  if (index < 0 || static_cast<size_t>(index) >= pos.size()) return false;
  const Position& p = pos[index];
  *line = p.line;
  *end_line = p.end_line;
  *col = p.col;
  *end_col = p.end_col;
  return p.line >= 0;
}

}  // namespace strata
