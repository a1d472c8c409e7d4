// tools/dis.cpp — `strata -m dis`: parse, compile and print code objects in the layout of
// CPython 3.11's `dis` module (Lib/dis.py of 3.11: columns, `>>` jump-target markers,
// blank line before each new source line, "Disassembly of ...:" sections, ExceptionTable),
// with the argument descriptions of 3.12's `dis`, whose opcodes Strata uses
// (vm/instructions.def). The location and exception tables are read in CPython 3.11's
// encodings, which frontend/assembler.cpp writes.
#include "tools/dis.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "frontend/arena.h"
#include "frontend/compiler.h"
#include "frontend/code_tables.h"
#include "frontend/diagnostic.h"
#include "frontend/parser.h"
#include "frontend/pyrepr.h"
#include "vm/opcodes.h"

namespace strata {

namespace {

// -- Tables ---------------------------------------------------------------------------

// -- Instructions -------------------------------------------------------------------

struct Instr {
  int offset;  // bytes
  int op;
  int arg;     // with EXTENDED_ARG prefixes applied; -1 when the op takes none
};

// dis's _unpack_opargs: inline caches skipped, EXTENDED_ARG carried into the next arg.
std::vector<Instr> unpack(const CodeObject& co) {
  std::vector<Instr> out;
  uint32_t extended = 0;
  size_t n = co.code.size();
  for (size_t i = 0; i < n;) {
    int op = co.code[i] & 0xff;
    int byte_arg = co.code[i] >> 8;
    int arg = -1;
    if (has_arg(op)) {
      uint32_t full = static_cast<uint32_t>(byte_arg) | extended;
      extended = op == static_cast<int>(Op::EXTENDED_ARG) ? full << 8 : 0;
      arg = static_cast<int>(full);
    } else {
      extended = 0;
    }
    out.push_back({static_cast<int>(i) * 2, op, arg});
    i += 1 + cache_size(deopt(op));
  }
  return out;
}

int jump_target(const Instr& in) {
  int base = deopt(in.op);
  int next = in.offset + 2 + 2 * cache_size(base);
  return is_backward_jump(base) ? next - 2 * in.arg : next + 2 * in.arg;
}

// -- Constants ----------------------------------------------------------------------

class Printer {
 public:
  explicit Printer(const CodeObject& top) { number(top); }

  std::string run(const CodeObject& top) {
    disassemble_recursive(top);
    return std::move(out_);
  }

 private:
  std::string out_;
  std::map<const CodeObject*, int> numbers_;

  void number(const CodeObject& co) {
    numbers_.emplace(&co, static_cast<int>(numbers_.size()) + 1);
    for (const Const& c : co.consts) {
      if (c.tag == ConstTag::Code && c.code) number(*c.code);
    }
  }

  void append_code_repr(std::string& s, const CodeObject& co) {
    auto it = numbers_.find(&co);
    char addr[32];
    std::snprintf(addr, sizeof addr, "0x%012x", it == numbers_.end() ? 0 : it->second);
    s += "<code object ";
    s += co.name;
    s += " at ";
    s += addr;
    s += ", file \"";
    s += co.filename;
    s += "\", line ";
    s += std::to_string(co.firstlineno);
    s += '>';
  }

  // Python's repr() of a complex with a real part: (re+imj); parts without ".0".
  static void append_complex(std::string& s, double re, double im) {
    if (re == 0 && !std::signbit(re)) {
      append_repr_complex(s, im);
      return;
    }
    std::string real;
    append_repr_complex(real, re);
    real.pop_back();  // the 'j'
    std::string imag;
    append_repr_complex(imag, im);
    s += '(';
    s += real;
    if (imag[0] != '-') s += '+';
    s += imag;
    s += ')';
  }

  void append_const(std::string& s, const Const& c) {
    switch (c.tag) {
      case ConstTag::None: s += "None"; break;
      case ConstTag::False: s += "False"; break;
      case ConstTag::True: s += "True"; break;
      case ConstTag::Ellipsis: s += "Ellipsis"; break;
      case ConstTag::Int: s += std::to_string(c.i); break;
      case ConstTag::BigInt: append_repr_int_text(s, c.text); break;
      case ConstTag::Float: append_repr_float(s, c.re); break;
      case ConstTag::Complex: append_complex(s, c.re, c.im); break;
      case ConstTag::Str: append_repr_str(s, c.text); break;
      case ConstTag::Bytes: append_repr_bytes(s, c.text); break;
      case ConstTag::Tuple:
        s += '(';
        for (size_t i = 0; i < c.items.size(); ++i) {
          if (i) s += ", ";
          append_const(s, c.items[i]);
        }
        if (c.items.size() == 1) s += ',';
        s += ')';
        break;
      case ConstTag::FrozenSet:
        // Insertion order: CPython prints hash order, which differs for strings from
        // run to run anyway.
        if (c.items.empty()) {
          s += "frozenset()";
          break;
        }
        s += "frozenset({";
        for (size_t i = 0; i < c.items.size(); ++i) {
          if (i) s += ", ";
          append_const(s, c.items[i]);
        }
        s += "})";
        break;
      case ConstTag::Code:
        if (c.code) {
          append_code_repr(s, *c.code);
        } else {
          s += "<code object at image offset " + std::to_string(c.image_offset) + ">";
        }
        break;
    }
  }

  // -- One code object ---------------------------------------------------------------

  static const std::string* name_at(const std::vector<std::string>& v, int i) {
    return i >= 0 && static_cast<size_t>(i) < v.size() ? &v[i] : nullptr;
  }

  // dis's argrepr: what goes in parentheses after the argument.
  std::string describe(const CodeObject& co, const Instr& in) {
    int op = deopt(in.op);
    int arg = in.arg;
    std::string s;
    if (has_const(op)) {
      if (arg >= 0 && static_cast<size_t>(arg) < co.consts.size()) append_const(s, co.consts[arg]);
    } else if (has_name(op)) {
      if (const std::string* name = name_at(co.names, name_index(op, arg))) {
        if (op == static_cast<int>(Op::LOAD_GLOBAL) && (arg & 1)) s += "NULL + ";
        if ((op == static_cast<int>(Op::LOAD_ATTR) || op == static_cast<int>(Op::LOAD_SUPER_ATTR))
            && (arg & 1)) {
          s += "NULL|self + ";
        }
        s += *name;
      }
    } else if (has_jump(op)) {
      s = "to " + std::to_string(jump_target(in));
    } else if (has_local(op) || has_free(op)) {
      if (const std::string* name = name_at(co.localsplusnames, arg)) s = *name;
    } else if (has_compare(op)) {
      if (const char* text = compare_op_text(compare_index(op, arg))) s = text;
    } else if (op == static_cast<int>(Op::FORMAT_VALUE)) {
      s = format_value_text(arg & FVC_MASK);
      if (arg & FVS_HAVE_SPEC) {
        if (!s.empty()) s += ", ";
        s += format_value_text(FVS_HAVE_SPEC);
      }
    } else if (op == static_cast<int>(Op::MAKE_FUNCTION)) {
      for (int bit : {MF_DEFAULTS, MF_KWDEFAULTS, MF_ANNOTATIONS, MF_CLOSURE}) {
        if (!(arg & bit)) continue;
        if (!s.empty()) s += ", ";
        s += make_function_flag_text(bit);
      }
    } else if (op == static_cast<int>(Op::BINARY_OP)) {
      if (const char* text = binary_op_text(arg)) s = text;
    } else if (op == static_cast<int>(Op::CALL_INTRINSIC_1)) {
      if (const char* text = intrinsic1_text(arg)) s = text;
    } else if (op == static_cast<int>(Op::CALL_INTRINSIC_2)) {
      if (const char* text = intrinsic2_text(arg)) s = text;
    }
    return s;
  }

  void disassemble_one(const CodeObject& co) {
    std::vector<Position> positions = decode_positions(co);
    std::map<int, int> line_starts;  // offset -> line (dis.findlinestarts)
    int last_line = -1;
    for (size_t i = 0; i < positions.size(); i++) {
      int line = positions[i].line;
      if (line >= 0 && line != last_line) {
        line_starts.emplace(static_cast<int>(i) * 2, line);
        last_line = line;
      }
    }
    std::vector<ExceptionEntry> handlers = decode_exception_table(co.exceptiontable);
    for (ExceptionEntry& e : handlers) {  // dis shows byte offsets
      e.start *= 2;
      e.end *= 2;
      e.target *= 2;
    }
    std::vector<Instr> instrs = unpack(co);

    std::set<int> labels;
    for (const Instr& in : instrs) {
      if (in.arg >= 0 && has_jump(deopt(in.op))) labels.insert(jump_target(in));
    }
    for (const ExceptionEntry& e : handlers) {
      if (e.end > e.start) labels.insert(e.target);
    }

    int lineno_width = 0;
    if (!line_starts.empty()) {
      int max_line = 0;
      for (auto& [offset, line] : line_starts) max_line = std::max(max_line, line);
      lineno_width = max_line >= 1000 ? static_cast<int>(std::to_string(max_line).size()) : 3;
    }
    int max_offset = static_cast<int>(co.code.size()) * 2 - 2;
    int offset_width = max_offset >= 10000 ? static_cast<int>(std::to_string(max_offset).size()) : 4;

    char buf[64];
    for (const Instr& in : instrs) {
      auto start = line_starts.find(in.offset);
      bool starts_line = start != line_starts.end();
      if (lineno_width && starts_line && in.offset > 0) out_ += '\n';
      std::string line;
      if (lineno_width) {
        if (starts_line) {
          std::snprintf(buf, sizeof buf, "%*d", lineno_width, start->second);
          line += buf;
        } else {
          line.append(lineno_width, ' ');
        }
        line += ' ';
      }
      line += "   ";
      line += labels.count(in.offset) ? " >> " : "    ";
      std::snprintf(buf, sizeof buf, "%*d", offset_width, in.offset);
      line += buf;
      line += ' ';
      std::string name;
      if (const char* n = opcode_name(in.op)) {
        name = n;
      } else {
        name = "<" + std::to_string(in.op) + ">";
      }
      if (name.size() < 20) name.append(20 - name.size(), ' ');
      line += name;
      if (in.arg >= 0) {
        std::snprintf(buf, sizeof buf, " %5d", in.arg);
        line += buf;
        std::string desc = describe(co, in);
        if (!desc.empty()) line += " (" + desc + ")";
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out_ += line;
      out_ += '\n';
    }
    if (!handlers.empty()) {
      out_ += "ExceptionTable:\n";
      for (const ExceptionEntry& e : handlers) {
        out_ += "  " + std::to_string(e.start) + " to " + std::to_string(e.end - 2) + " -> " +
                std::to_string(e.target) + " [" + std::to_string(e.depth) + "]" +
                (e.lasti ? " lasti" : "") + "\n";
      }
    }
  }

  void disassemble_recursive(const CodeObject& co) {
    disassemble_one(co);
    for (const Const& c : co.consts) {
      if (c.tag != ConstTag::Code || !c.code) continue;
      out_ += "\nDisassembly of ";
      append_code_repr(out_, *c.code);
      out_ += ":\n";
      disassemble_recursive(*c.code);
    }
  }
};

bool read_whole_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace

std::string disassemble(const CodeObject& code) {
  return Printer(code).run(code);
}

int run_dis_tool(const std::vector<std::string>& args) {
  std::string file = "-";
  bool have_file = false;
  for (const std::string& a : args) {
    if (a == "-h" || a == "--help") {
      std::puts("usage: strata -m dis [-h] [infile]");
      return 0;
    }
    if (have_file || (a.size() > 1 && a[0] == '-')) {
      std::fprintf(stderr, "usage: strata -m dis [-h] [infile]\n"
                           "strata -m dis: error: unrecognized arguments: %s\n", a.c_str());
      return 2;
    }
    file = a;
    have_file = true;
  }
  std::string source;
  std::string filename = file == "-" ? "<stdin>" : file;
  if (file == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    source = s.str();
  } else if (!read_whole_file(file, source)) {
    std::fprintf(stderr, "usage: strata -m dis [-h] [infile]\n"
                 "strata -m dis: error: argument infile: can't open '%s': [Errno 2] "
                 "No such file or directory: '%s'\n", file.c_str(), file.c_str());
    return 2;
  }
  Arena arena;
  SyntaxErrorInfo error;
  ast::Node* tree = parse(source, filename, ParseMode::Exec, arena, error);
  if (!tree) {
    std::fputs(format_syntax_error(error).c_str(), stderr);
    return 1;
  }
  CompileOptions options;
  options.source = source;
  std::shared_ptr<CodeObject> code = compile(tree, filename, ParseMode::Exec, error, options);
  if (!code) {
    std::fputs(format_syntax_error(error).c_str(), stderr);
    return 1;
  }
  std::string text = disassemble(*code);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace strata
